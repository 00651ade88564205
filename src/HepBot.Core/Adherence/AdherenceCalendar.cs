using HepBot.Core.Sessions;

namespace HepBot.Core.Adherence;

/// <summary>What became of one patient-local day, as the therapist's calendar shows it.</summary>
public enum DayOutcome
{
    /// <summary>Nothing was planned: no program, not a training day, or paused.</summary>
    NotPlanned,
    Done,

    /// <summary>Some exercises done, but not enough for the day's sessions to count as done.</summary>
    PartlyDone,

    /// <summary>The patient skipped the day and said why.</summary>
    Skipped,

    /// <summary>A session ended early for safety (high pain or a red flag).</summary>
    StoppedForSafety,

    /// <summary>A planned day that passed with nothing done and no reason given.</summary>
    Missed,

    /// <summary>Today, planned, nothing done yet.</summary>
    Open,
}

public sealed record CalendarDay(DateOnly Date, DayOutcome Outcome, SkipReason? Reason);

/// <summary>
/// The day-by-day view of adherence, with the same definitions as <see cref="AdherenceCalculator"/>:
/// a day is done when each planned session counts as done (80% of its exercises).
/// </summary>
public static class AdherenceCalendar
{
    public static IReadOnlyList<CalendarDay> Days(AdherenceHistory history, DateSpan span, DateOnly today)
    {
        var sessionsByDate = history.Sessions.ToLookup(s => s.Date);
        return span.Dates().Where(d => d <= today).Select(date =>
        {
            var sessions = sessionsByDate[date].ToList();
            var program = AdherenceCalculator.ProgramOn(history, date);
            var reason = sessions.Select(s => s.Barrier).FirstOrDefault(b => b is not null);
            var outcome =
                sessions.Any(s => s.Status == SessionStatus.StoppedForSafety) ? DayOutcome.StoppedForSafety
                : program is not null && sessions.Count(s => s.CountsAsDone) >= program.Schedule.SessionsPerDay ? DayOutcome.Done
                : sessions.Any(s => s.ExercisesDone > 0) ? DayOutcome.PartlyDone
                : sessions.Any(s => s.Status == SessionStatus.SkippedDay) ? DayOutcome.Skipped
                : program is null ? DayOutcome.NotPlanned
                : date == today ? DayOutcome.Open
                : DayOutcome.Missed;
            return new CalendarDay(date, outcome, reason);
        }).ToList();
    }
}
