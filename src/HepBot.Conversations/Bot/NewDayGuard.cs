using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Sessions;
using HepBot.Core.Time;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Bot;

/// <summary>
/// "Today" is the patient's local day. When the first message of a new day arrives, whatever was
/// left open yesterday is closed: yesterday's unfinished session stays recorded as abandoned and the
/// conversation starts fresh, so an old button cannot log an answer against the wrong day.
/// </summary>
public sealed class NewDayGuard(ConversationState conversationState, SessionRecorder recorder, Phrases phrases, TimeProvider clock)
    : IInterruptionHandler
{
    private readonly IStatePropertyAccessor<ConversationDay> _day = conversationState.CreateProperty<ConversationDay>("HepBot.Day");

    public async Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken ct)
    {
        var patient = ChatPerson.Of(dc.Context).Patient;
        if (patient is null)
            return InterruptionOutcome.NotInterrupted;
        var today = PatientClock.LocalDate(clock.GetUtcNow(), patient.TimeZoneId);
        var day = await _day.GetAsync(dc.Context, () => new ConversationDay(), ct);
        if (day.LocalDate is { } last && last < today)
        {
            await recorder.AbandonUnfinishedBeforeAsync(patient.Id, today, ct);
            if (dc.ActiveDialog is not null)
            {
                await dc.CancelAllDialogsAsync(ct);
                await phrases.SayAsync(dc.Context, "session.newDay", ct);
            }
        }
        day.LocalDate = today;
        return InterruptionOutcome.NotInterrupted;
    }

    public sealed class ConversationDay
    {
        public DateOnly? LocalDate { get; set; }
    }
}
