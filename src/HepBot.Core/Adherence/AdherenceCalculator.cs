using HepBot.Core.Sessions;

namespace HepBot.Core.Adherence;

public enum PainTrend
{
    NotEnoughData,
    Improving,
    Steady,
    Worsening,
}

public sealed record AdherenceReport(
    DateSpan Window,
    int SessionsPlanned,
    int SessionsDone,
    int ExercisesPrescribed,
    int ExercisesDone,
    int PlannedDays,
    int DaysDone,
    int CurrentStreak,
    int BestStreak,
    double? BaselinePain,
    double? RecentPain,
    PainTrend PainTrend,
    IReadOnlyDictionary<SkipReason, int> Barriers,
    int DataDays)
{
    public double? SessionAdherence => SessionsPlanned == 0 ? null : (double)SessionsDone / SessionsPlanned;
    public double? ExerciseAdherence => ExercisesPrescribed == 0 ? null : (double)ExercisesDone / ExercisesPrescribed;
}

/// <summary>
/// Adherence over a window of patient-local days, as the share of prescribed work actually done.
/// Days in the future, before the program started, or while reminders were paused are not planned.
/// </summary>
public static class AdherenceCalculator
{
    /// <summary>Pain averages this far apart (0–10 points) count as a change rather than noise.</summary>
    public const double MeaningfulPainChange = 1.0;

    /// <summary>Baseline and recent pain are each averaged over this many days at the ends of the window.</summary>
    public const int PainTrendDays = 7;

    /// <summary>
    /// The last <paramref name="days"/> days as a therapist reads them: up to yesterday, and today as well once a session
    /// of today is done. A today that is not over is not missed, so a patient who trains every evening does not read as
    /// behind every morning (86% for 6 of 7), and one who trained this morning sees it counted at once.
    /// </summary>
    public static AdherenceReport LastDays(AdherenceHistory history, int days, DateOnly today)
    {
        var end = history.Sessions.Any(s => s.Date == today && s.CountsAsDone) ? today : today.AddDays(-1);
        return Calculate(history, DateSpan.Last(days, end), today);
    }

    public static AdherenceReport Calculate(AdherenceHistory history, DateSpan window, DateOnly today)
    {
        var sessionsByDate = history.Sessions.ToLookup(s => s.Date);
        var effectiveEnd = window.To < today ? window.To : today;
        var countedWindow = new DateSpan(window.From, effectiveEnd);

        int sessionsPlanned = 0, sessionsDone = 0, exercisesPrescribed = 0, exercisesDone = 0, plannedDays = 0, daysDone = 0;
        foreach (var date in countedWindow.Dates())
        {
            var program = ProgramOn(history, date);
            if (program is null)
                continue;
            plannedDays++;
            var sessions = sessionsByDate[date].ToList();
            sessionsPlanned += program.Schedule.SessionsPerDay;
            exercisesPrescribed += program.Schedule.SessionsPerDay * program.ExerciseCount;
            var done = sessions.Count(s => s.CountsAsDone);
            sessionsDone += Math.Min(done, program.Schedule.SessionsPerDay);
            exercisesDone += Math.Min(sessions.Sum(s => s.ExercisesDone), program.Schedule.SessionsPerDay * program.ExerciseCount);
            if (done >= program.Schedule.SessionsPerDay)
                daysDone++;
        }

        var (current, best) = Streaks(history, sessionsByDate, today);
        var (baseline, recent, trend) = Pain(history.Sessions, countedWindow);

        var barriers = history.Sessions
            .Where(s => countedWindow.Contains(s.Date) && s.Barrier is not null)
            .GroupBy(s => s.Barrier!.Value)
            .ToDictionary(g => g.Key, g => g.Count());

        var dataDays = history.Sessions.Where(s => s.HasData).Select(s => s.Date)
            .Concat(history.OtherDataDays)
            .Where(window.Contains)
            .Distinct()
            .Count();

        return new AdherenceReport(countedWindow, sessionsPlanned, sessionsDone, exercisesPrescribed, exercisesDone,
            plannedDays, daysDone, current, best, baseline, recent, trend, barriers, dataDays);
    }

    /// <summary>The program in force on a date, or null when nothing is planned (no program, not a training day, paused).</summary>
    public static ProgramPeriod? ProgramOn(AdherenceHistory history, DateOnly date)
    {
        if (history.Pauses.Any(p => p.Contains(date)))
            return null;
        // A newer version replaces an older one from its first day on.
        return history.Programs.Where(p => date >= p.From && (p.To is null || date <= p.To))
            .OrderByDescending(p => p.From)
            .FirstOrDefault() is { } program && program.IsPlannedOn(date) ? program : null;
    }

    /// <summary>
    /// Consecutive planned days done. Days with nothing planned neither count nor break a streak, and
    /// today only counts once done: an unfinished today does not break yesterday's streak, but a today whose
    /// sessions are all over without being done does, so the summary of a partial day does not promise a run
    /// that tomorrow's would take back.
    /// </summary>
    private static (int Current, int Best) Streaks(
        AdherenceHistory history, ILookup<DateOnly, SessionRecord> sessionsByDate, DateOnly today)
    {
        if (history.Programs.Count == 0)
            return (0, 0);
        // Before the first day done every run is 0, so the count starts there: a program stored as starting
        // centuries ago costs no more than one that started last month.
        var firstDone = history.Sessions.Where(s => s.CountsAsDone).Select(s => (DateOnly?)s.Date).Min();
        if (firstDone is null)
            return (0, 0);
        var first = new[] { history.Programs.Min(p => p.From), firstDone.Value }.Max();
        int run = 0, best = 0, current = 0;
        for (var date = first; date <= today; date = date.AddDays(1))
        {
            var program = ProgramOn(history, date);
            if (program is null)
                continue;
            var dayDone = sessionsByDate[date].Count(s => s.CountsAsDone) >= program.Schedule.SessionsPerDay;
            if (dayDone)
                run++;
            else if (date != today || sessionsByDate[date].Count(s => s.Status != SessionStatus.InProgress) >= program.Schedule.SessionsPerDay)
                run = 0;
            best = Math.Max(best, run);
            current = run;
        }
        return (current, best);
    }

    private static (double? Baseline, double? Recent, PainTrend Trend) Pain(
        IReadOnlyList<SessionRecord> sessions, DateSpan window)
    {
        var early = new DateSpan(window.From, window.From.AddDays(PainTrendDays - 1));
        var late = new DateSpan(window.To.AddDays(1 - PainTrendDays), window.To);
        if (window.Days < 2 * PainTrendDays)
        {
            // A short window: compare its first half with its second half.
            var half = window.Days / 2;
            early = new DateSpan(window.From, window.From.AddDays(half - 1));
            late = new DateSpan(window.From.AddDays(half), window.To);
        }
        var baseline = Average(sessions, early);
        var recent = Average(sessions, late);
        var trend = baseline is null || recent is null ? PainTrend.NotEnoughData
            : recent - baseline >= MeaningfulPainChange ? PainTrend.Worsening
            : baseline - recent >= MeaningfulPainChange ? PainTrend.Improving
            : PainTrend.Steady;
        return (baseline, recent, trend);
    }

    private static double? Average(IReadOnlyList<SessionRecord> sessions, DateSpan span)
    {
        var scores = sessions.Where(s => span.Contains(s.Date)).SelectMany(s => s.PainScores).ToList();
        return scores.Count == 0 ? null : scores.Average();
    }
}
