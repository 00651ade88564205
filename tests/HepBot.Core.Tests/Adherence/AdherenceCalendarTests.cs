using HepBot.Core.Adherence;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;

namespace HepBot.Core.Tests.Adherence;

public class AdherenceCalendarTests
{
    // A daily program of five exercises from Monday 2 November 2026; "today" is Sunday 8 November.
    private static readonly DateOnly Monday = new(2026, 11, 2);
    private static readonly DateOnly Today = Monday.AddDays(6);

    private static readonly ProgramPeriod Daily =
        new(Monday, null, new PrescriptionSchedule(1, TrainingDays.Every, Monday, null), 5);

    [Fact]
    public void Each_day_of_the_week_shows_what_became_of_it()
    {
        var sessions = new List<SessionRecord>
        {
            new(Monday, 1, 5, 5, SessionStatus.Completed, [2]),
            new(Monday.AddDays(1), 1, 5, 2, SessionStatus.Abandoned, []),
            new(Monday.AddDays(2), 1, 5, 0, SessionStatus.SkippedDay, [], SkipReason.NoTime),
            new(Monday.AddDays(3), 1, 5, 1, SessionStatus.StoppedForSafety, [8]),
        };
        var history = new AdherenceHistory([Daily], sessions, [new DateSpan(Monday.AddDays(5), Monday.AddDays(5))], []);

        var days = AdherenceCalendar.Days(history, new DateSpan(Monday.AddDays(-1), Today.AddDays(1)), Today);

        Assert.Equal(
            [DayOutcome.NotPlanned, DayOutcome.Done, DayOutcome.PartlyDone, DayOutcome.Skipped, DayOutcome.StoppedForSafety,
             DayOutcome.Missed, DayOutcome.NotPlanned, DayOutcome.Open],
            days.Select(d => d.Outcome));
        Assert.Equal(SkipReason.NoTime, days.Single(d => d.Outcome == DayOutcome.Skipped).Reason);
    }

    [Fact]
    public void Four_of_five_exercises_is_a_done_day_like_the_adherence_figures()
    {
        var history = new AdherenceHistory([Daily], [new(Today, 1, 5, 4, SessionStatus.Completed, [])], [], []);

        Assert.Equal(DayOutcome.Done, AdherenceCalendar.Days(history, new DateSpan(Today, Today), Today).Single().Outcome);
    }
}
