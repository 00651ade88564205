using System.Globalization;
using HepBot.Core.Adherence;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;

namespace HepBot.Core.Tests.Adherence;

public class AdherenceCalculatorTests
{
    // Monday 2 November 2026 starts the program; Sunday 15 November is "today" unless a test says otherwise.
    private static readonly DateOnly ProgramStart = new(2026, 11, 2);
    private static readonly DateOnly Today = new(2026, 11, 15);

    private static ProgramPeriod Daily(int exercises = 5, int sessionsPerDay = 1, DateOnly? from = null, DateOnly? to = null) =>
        new(from ?? ProgramStart, to, new PrescriptionSchedule(sessionsPerDay, TrainingDays.Every, from ?? ProgramStart, null), exercises);

    private static SessionRecord Session(DateOnly date, int done, int planned = 5, int number = 1, params int[] pain) =>
        new(date, number, planned, done, SessionStatus.Completed, pain);

    private static AdherenceHistory History(IEnumerable<ProgramPeriod> programs, IEnumerable<SessionRecord> sessions,
        IEnumerable<DateSpan>? pauses = null) =>
        new(programs.ToList(), sessions.ToList(), (pauses ?? []).ToList(), []);

    [Fact]
    public void Seven_days_with_five_sessions_done_is_five_of_seven()
    {
        var sessions = Enumerable.Range(0, 5).Select(i => Session(Today.AddDays(-i), done: 5));
        var report = AdherenceCalculator.Calculate(History([Daily()], sessions), DateSpan.Last(7, Today), Today);

        Assert.Equal(7, report.SessionsPlanned);
        Assert.Equal(5, report.SessionsDone);
        Assert.Equal(35, report.ExercisesPrescribed);
        Assert.Equal(25, report.ExercisesDone);
        Assert.Equal(5, report.DataDays);
    }

    [Fact]
    public void A_today_not_done_yet_is_not_counted_as_missed_in_the_last_seven_days()
    {
        var everyDayButToday = Enumerable.Range(1, 7).Select(i => Session(Today.AddDays(-i), done: 5)).ToList();

        var morning = AdherenceCalculator.LastDays(History([Daily()], everyDayButToday), 7, Today);
        var evening = AdherenceCalculator.LastDays(History([Daily()], [.. everyDayButToday, Session(Today, done: 5)]), 7, Today);

        Assert.Equal((7, 7, 1.0), (morning.SessionsPlanned, morning.SessionsDone, morning.SessionAdherence));
        Assert.Equal(new DateSpan(Today.AddDays(-7), Today.AddDays(-1)), morning.Window);
        Assert.Equal((7, 7, 1.0), (evening.SessionsPlanned, evening.SessionsDone, evening.SessionAdherence));
        Assert.Equal(DateSpan.Last(7, Today), evening.Window);
    }

    [Fact]
    public void Yesterday_missed_still_counts_in_the_last_seven_days_whatever_today_holds()
    {
        var sessions = Enumerable.Range(2, 6).Select(i => Session(Today.AddDays(-i), done: 5)).ToList();

        var report = AdherenceCalculator.LastDays(History([Daily()], sessions), 7, Today);

        Assert.Equal((7, 6), (report.SessionsPlanned, report.SessionsDone));
    }

    [Theory]
    [InlineData(5, 4, true)]   // 80%: done
    [InlineData(5, 3, false)]  // 60%: partial
    [InlineData(4, 3, false)]  // 75%: partial
    [InlineData(10, 8, true)]
    [InlineData(1, 1, true)]
    public void A_session_counts_as_done_from_eighty_percent(int planned, int done, bool countsAsDone) =>
        Assert.Equal(countsAsDone, Session(Today, done, planned).CountsAsDone);

    [Fact]
    public void A_partial_day_counts_its_exercises_but_not_the_session()
    {
        var report = AdherenceCalculator.Calculate(History([Daily()], [Session(Today, done: 2)]), DateSpan.Last(1, Today), Today);

        Assert.Equal((1, 0, 5, 2), (report.SessionsPlanned, report.SessionsDone, report.ExercisesPrescribed, report.ExercisesDone));
        Assert.Equal(1, report.DataDays);
    }

    [Fact]
    public void Paused_days_are_not_planned()
    {
        var pause = new DateSpan(Today.AddDays(-3), Today.AddDays(-1));
        var report = AdherenceCalculator.Calculate(History([Daily()], [Session(Today, 5)], [pause]), DateSpan.Last(7, Today), Today);

        Assert.Equal(4, report.SessionsPlanned);
        Assert.Equal(1, report.SessionsDone);
    }

    [Fact]
    public void Days_before_the_program_and_after_today_are_not_planned()
    {
        var report = AdherenceCalculator.Calculate(History([Daily()], []), new DateSpan(new(2026, 10, 25), new(2026, 11, 20)), Today);

        Assert.Equal(14, report.SessionsPlanned); // 2–15 November
        Assert.Equal(new DateSpan(new(2026, 10, 25), Today), report.Window);
    }

    [Fact]
    public void A_prescription_change_mid_window_uses_each_version_on_its_own_days()
    {
        // Version 1: daily, 5 exercises, until Tuesday 10th. Version 2 from Wednesday 11th: Mon/Wed/Fri, 6 exercises, twice a day.
        var v2Start = new DateOnly(2026, 11, 11);
        var v1 = Daily(exercises: 5, to: v2Start.AddDays(-1));
        var v2 = new ProgramPeriod(v2Start, null,
            new PrescriptionSchedule(2, TrainingDays.Monday | TrainingDays.Wednesday | TrainingDays.Friday, v2Start, null), 6);

        var window = new DateSpan(new(2026, 11, 9), Today); // Mon 9 .. Sun 15
        var report = AdherenceCalculator.Calculate(History([v1, v2], []), window, Today);

        // Mon 9, Tue 10 on v1 (1 x 5); Wed 11, Fri 13 on v2 (2 x 6).
        Assert.Equal(2 + 4, report.SessionsPlanned);
        Assert.Equal(10 + 24, report.ExercisesPrescribed);
    }

    [Fact]
    public void Extra_sessions_on_a_day_do_not_push_adherence_past_what_was_planned()
    {
        var report = AdherenceCalculator.Calculate(
            History([Daily()], [Session(Today, 5, number: 1), Session(Today, 5, number: 2)]), DateSpan.Last(1, Today), Today);

        Assert.Equal(1, report.SessionsDone);
        Assert.Equal(5, report.ExercisesDone);
    }

    [Fact]
    public void Streak_counts_consecutive_done_days_and_an_unfinished_today_does_not_break_it()
    {
        // Done 9th–14th, missed the 8th, today (15th) not done yet.
        var sessions = Enumerable.Range(9, 6).Select(d => Session(new DateOnly(2026, 11, d), 5))
            .Concat(Enumerable.Range(2, 6).Select(d => Session(new DateOnly(2026, 11, d), 5))); // 2nd–7th
        var report = AdherenceCalculator.Calculate(History([Daily()], sessions), DateSpan.Last(7, Today), Today);

        Assert.Equal(6, report.CurrentStreak);
        Assert.Equal(6, report.BestStreak);
    }

    [Fact]
    public void A_today_finished_with_too_little_done_ends_the_streak_at_once()
    {
        // Done 9th–14th; today (15th) the session is over with 3 of 5 done, which is not a day done.
        var sessions = Enumerable.Range(9, 6).Select(d => Session(new DateOnly(2026, 11, d), 5))
            .Append(Session(Today, 3));
        var report = AdherenceCalculator.Calculate(History([Daily()], sessions), DateSpan.Last(7, Today), Today);

        Assert.Equal(0, report.CurrentStreak);
        Assert.Equal(6, report.BestStreak);
    }

    [Fact]
    public void Streak_breaks_on_a_missed_planned_day_but_not_on_rest_days()
    {
        var weekdays = new ProgramPeriod(ProgramStart, null, new PrescriptionSchedule(1, TrainingDays.Weekdays, ProgramStart, null), 3);
        // Done Thu 12 and Fri 13; the weekend is not planned; today is Monday 16th, not done yet.
        var monday = new DateOnly(2026, 11, 16);
        var sessions = new[] { Session(new(2026, 11, 12), 3, planned: 3), Session(new(2026, 11, 13), 3, planned: 3) };

        var report = AdherenceCalculator.Calculate(History([weekdays], sessions), DateSpan.Last(7, monday), monday);
        Assert.Equal(2, report.CurrentStreak);

        var tuesday = monday.AddDays(1);
        var nextDay = AdherenceCalculator.Calculate(History([weekdays], sessions), DateSpan.Last(7, tuesday), tuesday);
        Assert.Equal(0, nextDay.CurrentStreak);
        Assert.Equal(2, nextDay.BestStreak);
    }

    [Theory]
    [InlineData(new[] { 6, 6, 5 }, new[] { 3, 3, 2 }, PainTrend.Improving)]
    [InlineData(new[] { 2, 2, 3 }, new[] { 5, 4, 5 }, PainTrend.Worsening)]
    [InlineData(new[] { 3, 3, 4 }, new[] { 3, 4, 3 }, PainTrend.Steady)]
    public void Pain_trend_compares_the_first_and_last_week_of_the_window(int[] firstWeek, int[] lastWeek, PainTrend expected)
    {
        var window = DateSpan.Last(14, Today);
        var sessions = firstWeek.Select((p, i) => Session(window.From.AddDays(i), 5, pain: p))
            .Concat(lastWeek.Select((p, i) => Session(Today.AddDays(-i), 5, pain: p)));

        var report = AdherenceCalculator.Calculate(History([Daily()], sessions), window, Today);

        Assert.Equal(expected, report.PainTrend);
    }

    [Fact]
    public void Pain_trend_needs_reports_at_both_ends()
    {
        var report = AdherenceCalculator.Calculate(History([Daily()], [Session(Today, 5, pain: 4)]), DateSpan.Last(14, Today), Today);

        Assert.Equal(PainTrend.NotEnoughData, report.PainTrend);
        Assert.Null(report.BaselinePain);
    }

    [Fact]
    public void Barriers_are_counted_within_the_window()
    {
        var sessions = new[]
        {
            new SessionRecord(Today, 1, 5, 0, SessionStatus.SkippedDay, [], SkipReason.NoTime),
            new SessionRecord(Today.AddDays(-1), 1, 5, 0, SessionStatus.SkippedDay, [], SkipReason.NoTime),
            new SessionRecord(Today.AddDays(-2), 1, 5, 0, SessionStatus.SkippedDay, [], SkipReason.Pain),
            new SessionRecord(Today.AddDays(-20), 1, 5, 0, SessionStatus.SkippedDay, [], SkipReason.Forgot),
        };

        var report = AdherenceCalculator.Calculate(History([Daily()], sessions), DateSpan.Last(7, Today), Today);

        Assert.Equal(2, report.Barriers[SkipReason.NoTime]);
        Assert.Equal(1, report.Barriers[SkipReason.Pain]);
        Assert.False(report.Barriers.ContainsKey(SkipReason.Forgot));
        Assert.Equal(3, report.DataDays); // a skipped day with a reason is a data point
    }

    [Fact]
    public void Data_days_include_other_reported_data_once_per_day()
    {
        var history = new AdherenceHistory([Daily()], [Session(Today, 1)], [], [Today, Today.AddDays(-1), Today.AddDays(-1)]);

        Assert.Equal(2, AdherenceCalculator.Calculate(history, DateSpan.Last(7, Today), Today).DataDays);
    }

    [Theory]
    [InlineData("2026-11-02", "2026-11-02", "2026-11-02", "2026-12-01")]
    [InlineData("2026-11-02", "2026-12-01", "2026-11-02", "2026-12-01")]
    [InlineData("2026-11-02", "2026-12-02", "2026-12-02", "2026-12-31")]
    public void Monitoring_periods_run_thirty_days_from_the_start(string start, string today, string from, string to) =>
        Assert.Equal(new DateSpan(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)),
            DateSpan.MonitoringPeriod(DateOnly.Parse(start, CultureInfo.InvariantCulture), DateOnly.Parse(today, CultureInfo.InvariantCulture)));

    [Fact]
    public void Calendar_month_covers_the_whole_month()
    {
        var february = DateSpan.CalendarMonth(2028, 2);
        Assert.Equal((new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29)), (february.From, february.To));
    }
}
