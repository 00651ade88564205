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
            // Typed or tapped with its text, "/unwell" is heard by the interruptions, which run the check on top of this
            // question; a card's press without text answers it here and the step below does the same.
            phrases.Choice(step.Context, CommandRecognizer.UnwellCommand, "menu.items.unwell"),
        ]), ct));
        AddStep(async (step, ct) =>
        {
            if (step.GetResult<FoundChoice>().Value == CommandRecognizer.UnwellCommand)
                return await step.BeginDialogAsync(UnwellDialog.DialogId, null, ct);
            if (step.GetResult<FoundChoice>().Value == Send)
                await remarks.SendAsync(step.Context, step.GetOptions<Options>().Text, ct);
            else
                await phrases.SayAsync(step.Context, "passOn.notSent", ct);
            return await step.EndDialogAsync(null, ct);
        });
        // After the check the remark is still waiting: the question comes back, as it does after the interruption.
        AddStep(async (step, ct) => await step.ReplaceDialogAsync(DialogId, step.GetOptions<Options>(), ct));
    }

    public sealed record Options(string Text);

    public sealed class Values;
}
