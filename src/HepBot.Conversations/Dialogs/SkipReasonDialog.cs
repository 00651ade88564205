using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Dialogs;

/// <summary>Asks why an exercise or the day is being skipped, with one-tap barriers. Ends with the <see cref="SkipReason"/>.</summary>
public sealed class SkipReasonDialog : WaterfallDialog<SkipReasonDialog.Values>
{
    public const string DialogId = "skipReason";

    public SkipReasonDialog(Phrases phrases) : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            var options = step.GetOptions<Options>();
            return await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context,
                options.WholeDay ? "skip.askReasonDay" : "skip.askReasonExercise", Barriers(phrases, step.Context)), ct);
        });
        AddStep((step, ct) => step.EndDialogAsync(Enum.Parse<SkipReason>(step.GetResult<FoundChoice>().Value), ct));
    }

    /// <summary>The one-tap barriers, as every barrier question offers them.</summary>
    public static IEnumerable<Choice> Barriers(Phrases phrases, Microsoft.Bot.Builder.ITurnContext turn) =>
        Enum.GetValues<SkipReason>().Select(r => phrases.Choice(turn, r.ToString(), "skip.reason." + Key(r)));

    public static string Key(SkipReason reason) => char.ToLowerInvariant(reason.ToString()[0]) + reason.ToString()[1..];

    public sealed record Options(bool WholeDay);

    public sealed class Values;
}
