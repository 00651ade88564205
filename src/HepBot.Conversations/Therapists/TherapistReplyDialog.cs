using HepBot.Conversations;
using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Data;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Therapists;

/// <summary>
/// "Message patient" on an alert: the therapist writes one message and HepBot passes it to the patient's
/// chats in the patient's language, saying who it is from. Only the therapist's own patients (or their
/// clinic's, for a clinic admin) can be written to; the send is audited by ids.
/// </summary>
public sealed class TherapistReplyDialog : WaterfallDialog<TherapistReplyDialog.Values>
{
    public const string DialogId = "therapistReply";

    public TherapistReplyDialog(Phrases phrases, TherapistAlerts alerts, IChatNotifier notifier,
        IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock) : base(DialogId)
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
            var patientId = step.GetOptions<Options>().PatientId;
            var text = step.GetResult<string>();
            var delivered = await notifier.SendToPatientAsync(patientId, (turn, t) =>
                phrases.SayAsync(turn, "therapist.fromTherapist", t, ("therapist", person.TherapistName), ("text", text)), ct);
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                db.Audit(AuditTrail.Therapist(person.TherapistId!.Value), AuditAction.Create, "TherapistReply", patientId, patientId, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
            }
            await phrases.SayAsync(step.Context, delivered ? "therapist.replySent" : "therapist.replyNotDelivered", ct,
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
