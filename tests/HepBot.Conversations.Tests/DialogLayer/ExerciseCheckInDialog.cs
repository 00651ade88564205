using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Tests.DialogLayer;

/// <summary>A test fixture shaped like a home-exercise check-in: repetitions, pain, and a yes/no.</summary>
internal sealed class ExerciseCheckInDialog : ComponentDialog
{
    public const string RepetitionsQuestion = "How many repetitions did you do?";
    public const string PainQuestion = "How is your pain right now, from 0 to 10?";
    public const string HarderQuestion = "Was it harder than last time?";

    public static readonly Dictionary<string, ConfirmVocabulary> YesNo = new()
    {
        ["en"] = new ConfirmVocabulary("Yes", "No", ["yes", "y"], ["no", "n"]),
        ["es"] = new ConfirmVocabulary("Sí", "No", ["sí", "si", "s"], ["no", "n"]),
    };

    public ExerciseCheckInDialog(string id = nameof(ExerciseCheckInDialog))
        : base(id)
    {
        AddDialog(new WaterfallDialog<CheckIn>("checkIn")
            .AddStep(AskRepetitionsAsync)
            .AddStep(AskPainAsync)
            .AddStep(AskHarderAsync)
            .AddStep(SummariseAsync));
        AddDialog(new NumberPrompt("repetitions", 0, 100));
        AddDialog(new NumberPrompt("pain", 0, 10, offerButtons: true));
        AddDialog(new ConfirmPrompt("harder", YesNo));
    }

    private static Task<DialogTurnResult> AskRepetitionsAsync(WaterfallStepContext<CheckIn> step, CancellationToken ct) =>
        step.PromptAsync("repetitions", new PromptOptions
        {
            Prompt = MessageFactory.Text(RepetitionsQuestion),
            RetryPrompt = MessageFactory.Text("Please send the number of repetitions, for example 12."),
        }, ct);

    private static Task<DialogTurnResult> AskPainAsync(WaterfallStepContext<CheckIn> step, CancellationToken ct)
    {
        step.Values.Repetitions = step.GetResult<int>();
        return step.PromptAsync("pain", new PromptOptions { Prompt = MessageFactory.Text(PainQuestion) }, ct);
    }

    private static Task<DialogTurnResult> AskHarderAsync(WaterfallStepContext<CheckIn> step, CancellationToken ct)
    {
        step.Values.Pain = step.GetResult<int>();
        return step.PromptAsync("harder", new PromptOptions { Prompt = MessageFactory.Text(HarderQuestion) }, ct);
    }

    private static async Task<DialogTurnResult> SummariseAsync(WaterfallStepContext<CheckIn> step, CancellationToken ct)
    {
        step.Values.Harder = step.GetResult<bool>();
        var v = step.Values;
        await step.Context.SendActivityAsync(
            $"Logged {v.Repetitions} repetitions, pain {v.Pain}/10, {(v.Harder ? "harder" : "not harder")} than last time.",
            cancellationToken: ct);
        return await step.EndDialogAsync(v, ct);
    }

    internal sealed class CheckIn
    {
        public int Repetitions { get; set; }

        public int Pain { get; set; }

        public bool Harder { get; set; }
    }
}
