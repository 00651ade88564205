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
                options.WholeDay ? "skip.askReasonDay" : "skip.askReasonExercise",
                Enum.GetValues<SkipReason>().Select(r => phrases.Choice(step.Context, r.ToString(), "skip.reason." + Key(r)))), ct);
        });
        AddStep((step, ct) => step.EndDialogAsync(Enum.Parse<SkipReason>(step.GetResult<FoundChoice>().Value), ct));
    }

    public static string Key(SkipReason reason) => char.ToLowerInvariant(reason.ToString()[0]) + reason.ToString()[1..];

    public sealed record Options(bool WholeDay);

    public sealed class Values;
}
