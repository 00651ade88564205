using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Linking;
using HepBot.Conversations.Messages;
using HepBot.Conversations.Therapists;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// Where every conversation starts when nothing is in progress: an unlinked chat is asked for its
/// code; a linked patient's message is a command or, when not understood, gets the menu; a linked
/// therapist's chat acknowledges the alerts it was sent or replies to the patient. A code sent in a linked
/// chat, with or without /start, links again (<see cref="CodeInMessage"/>); words after /start that nothing
/// else understands do what /start alone does.
/// </summary>
public sealed class RootDialog : WaterfallDialog<RootDialog.Values>
{
    public const string DialogId = "root";

    public RootDialog(Phrases phrases, CommandRecognizer commands, CommandRouter router, TherapistAlerts alerts, CodeInMessage codes) : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            var person = ChatPerson.Of(step.Context);
            var text = step.Context.Activity.Text?.Trim() ?? "";
            if (!person.IsLinked || await codes.ReadAsync(step.Context, ct) is not null)
                return await step.BeginDialogAsync(LinkingDialog.DialogId, null, ct);
            if (person.Patient is null && TherapistAlerts.ParseAcknowledge(text) is { } alertId)
            {
                var done = await alerts.AcknowledgeAsync(person.TherapistId!.Value, alertId, ct);
                await phrases.SayAsync(step.Context, done ? "alerts.acknowledged" : "alerts.notFound", ct);
                return await step.EndDialogAsync(null, ct);
            }
            if (person.Patient is null && TherapistAlerts.ParseReply(text) is { } patientId)
                return await step.BeginDialogAsync(TherapistReplyDialog.DialogId, new TherapistReplyDialog.Options(patientId), ct);
            if (person.Patient is null)
            {
                // A therapist's chat: it only receives alerts, so there is no menu to offer.
                await phrases.SayAsync(step.Context, "linking.alreadyLinked", ct);
                return await step.EndDialogAsync(null, ct);
            }
            if (commands.Recognize(step.Context, out _) is { } command)
                return await router.RunAsync(step, command, ct) ?? await step.EndDialogAsync(null, ct);
            // A question or remark is offered to the therapist as it is; the whole menu is for a stray word.
            if (PassOnRemarks.LooksLikeRemark(text) && Messages.PatientMessageThread.Acceptable(text) is { } remark)
                return await step.BeginDialogAsync(PassOnRemarkDialog.DialogId, new PassOnRemarkDialog.Options(remark), ct);
            if (StartPayload.Followed(step.Context))
                return await router.RunAsync(step, PatientCommand.Today, ct) ?? await step.EndDialogAsync(null, ct);
            await phrases.SayAsync(step.Context, "common.notUnderstood", ct);
            return await step.BeginDialogAsync(MenuDialog.DialogId, null, ct);
        });
    }

    public sealed class Values;
}
