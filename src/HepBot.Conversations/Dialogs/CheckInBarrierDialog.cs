using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Sessions;
using HepBot.Core.Alerts;
using HepBot.Core.Sessions;
using HepBot.Core.Time;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// The weekly check-in's barrier question answered (a button sends <c>/barrier noTime</c>; a bare
/// <c>/barrier</c> asks): the barrier is kept on the week's latest missed day and the patient gets its
/// helpful answer; "not sure how" offers to tell the therapist, as skipping a day does.
/// </summary>
public sealed class CheckInBarrierDialog : WaterfallDialog<CheckInBarrierDialog.Values>
{
    public const string DialogId = "checkInBarrier";

    public CheckInBarrierDialog(Phrases phrases, WeekSummary week, SessionRecorder recorder, AlertRecorder alerts, TimeProvider clock)
        : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            if (step.GetOptions<Options>().Reason is { } given)
                return await step.NextAsync(given.ToString(), ct);
            return await step.PromptAsync(Prompts.Choice,
                phrases.Choices(step.Context, "checkin.askBarrier", SkipReasonDialog.Barriers(phrases, step.Context)), ct);
        });
        AddStep(async (step, ct) =>
        {
            var reason = Enum.Parse<SkipReason>(step.Result is FoundChoice choice ? choice.Value : (string)step.Result!);
            var patient = ChatPerson.Of(step.Context).Patient!;
            var today = PatientClock.LocalDate(clock.GetUtcNow(), patient.TimeZoneId);
            if ((await week.ReadAsync(patient.Id, today, ct)).LastMissedDay is { } missed)
                await recorder.RecordBarrierAsync(patient.Id, missed, reason, ct);
            if (reason == SkipReason.UnsureHow)
                return await step.PromptAsync(Prompts.Confirm,
                    phrases.Question(step.Context, "skip.offerTellTherapistDay", "skip.offerTellTherapistDay"), ct);
            await phrases.SayAsync(step.Context, "skip.answer." + SkipReasonDialog.Key(reason), ct);
            return await step.EndDialogAsync(null, ct);
        });
        AddStep(async (step, ct) =>
        {
            var tell = step.GetResult<bool>();
            if (tell)
                await alerts.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.AskedForHelp, AlertSeverity.Info,
                    "Unsure how to do the exercises (weekly check-in)", ct, AlertMoment.WeeklyCheckIn);
            await phrases.SayAsync(step.Context, tell ? "skip.toldTherapist" : "checkin.notTold", ct);
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed record Options(SkipReason? Reason);

    public sealed class Values;
}
