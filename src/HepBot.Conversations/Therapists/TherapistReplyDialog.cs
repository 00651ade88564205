using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;
using HepBot.Conversations.Messages;
using HepBot.Core.Patients;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Therapists;

/// <summary>
/// "Message patient" on an alert: the therapist writes one message and HepBot passes it to the patient's
/// chats in the patient's language, saying who it is from. Only the therapist's own patients (or their
/// clinic's, for a clinic admin) can be written to; the message joins the patient's thread
/// (<see cref="PatientMessageThread"/>), which sends, stores and audits it.
/// </summary>
public sealed class TherapistReplyDialog : WaterfallDialog<TherapistReplyDialog.Values>
{
    public const string DialogId = "therapistReply";

    public TherapistReplyDialog(Phrases phrases, TherapistAlerts alerts, PatientMessageThread thread) : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            var person = ChatPerson.Of(step.Context);
            var patientId = step.GetOptions<Options>().PatientId;
            var name = await alerts.PatientNameAsync(person.TherapistId!.Value, patientId, ct);
            if (name is null)
            {
                await phrases.SayAsync(step.Context, "therapist.notYourPatient", ct);
                return await step.EndDialogAsync(null, ct);
            }
            step.Values.PatientName = name;
            return await step.PromptAsync(Prompts.Message, new PromptOptions
            {
                Prompt = MessageFactory.Text(phrases.Get(step.Context, "therapist.askReply", ("patient", name))),
                RetryPrompt = MessageFactory.Text(phrases.Get(step.Context, "data.retryMessage", ("max", PatientMessage.MaxLength))),
            }, ct);
        });
        AddStep(async (step, ct) =>
        {
            var person = ChatPerson.Of(step.Context);
            var message = await thread.SendToPatientAsync(person.TherapistId!.Value, step.GetOptions<Options>().PatientId,
                step.GetResult<string>(), ct);
            await phrases.SayAsync(step.Context, message.DeliveredAt is not null ? "therapist.replySent" : "therapist.replyNotDelivered", ct,
                ("patient", step.Values.PatientName));
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed record Options(Guid PatientId);

    public sealed class Values
    {
        public string PatientName { get; set; } = "";
    }
}
