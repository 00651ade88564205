using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Messages;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// A question or remark typed when nothing was being asked: one question, "Send it to your therapist as
/// it is?", instead of the whole menu. The remark waits in this dialog's options until answered.
/// </summary>
public sealed class PassOnRemarkDialog : WaterfallDialog<PassOnRemarkDialog.Values>
{
    public const string DialogId = "passOnRemark";
    private const string Send = "send", Keep = "keep";

    public PassOnRemarkDialog(Phrases phrases, PassOnRemarks remarks) : base(DialogId)
    {
        AddStep(async (step, ct) => await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context, "passOn.offerNothingAsked",
        [
            phrases.Choice(step.Context, Send, "passOn.send"),
            phrases.Choice(step.Context, Keep, "passOn.keep"),
            // Tapped, "/unwell" is heard by the interruptions before this prompt and starts the warning-sign check.
            phrases.Choice(step.Context, PassOnRemarks.UnwellCommand, "menu.items.unwell"),
        ]), ct));
        AddStep(async (step, ct) =>
        {
            if (step.GetResult<FoundChoice>().Value == PassOnRemarks.UnwellCommand)
                return await step.ReplaceDialogAsync(UnwellDialog.DialogId, null, ct);
            if (step.GetResult<FoundChoice>().Value == Send)
                await remarks.SendAsync(step.Context, step.GetOptions<Options>().Text, ct);
            else
                await phrases.SayAsync(step.Context, "passOn.notSent", ct);
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed record Options(string Text);

    public sealed class Values;
}
