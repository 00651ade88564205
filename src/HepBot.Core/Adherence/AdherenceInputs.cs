using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;

namespace HepBot.Core.Adherence;

/// <summary>An inclusive range of patient-local dates.</summary>
public readonly record struct DateSpan(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public IEnumerable<DateOnly> Dates()
    {
        for (var d = From; d <= To; d = d.AddDays(1))
            yield return d;
    }

    /// <summary>The <paramref name="days"/> days ending with <paramref name="today"/>.</summary>
    public static DateSpan Last(int days, DateOnly today) => new(today.AddDays(1 - days), today);

    public static DateSpan CalendarMonth(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    /// <summary>
    /// The current 30-day monitoring period counted from the day monitoring began (device-supply
    /// billing codes count data days in consecutive 30-day periods from the start).
    /// </summary>
    public static DateSpan MonitoringPeriod(DateOnly monitoringStart, DateOnly today)
    {
        var elapsed = Math.Max(0, today.DayNumber - monitoringStart.DayNumber);
        var start = monitoringStart.AddDays(elapsed / 30 * 30);
        return new(start, start.AddDays(29));
    }
}

/// <summary>One prescription version as it was in force: its dates, schedule and number of exercises.</summary>
public sealed record ProgramPeriod(DateOnly From, DateOnly? To, PrescriptionSchedule Schedule, int ExerciseCount)
{
    public bool IsPlannedOn(DateOnly date) =>
        date >= From && (To is null || date <= To) && Schedule.IsPlannedOn(date);
}

/// <summary>What was logged for one session: the facts adherence is computed from.</summary>
public sealed record SessionRecord(
    DateOnly Date,
    int SessionNumber,
    int ExercisesPlanned,
    int ExercisesDone,
    SessionStatus Status,
    IReadOnlyList<int> PainScores,
    SkipReason? Barrier = null,
    int? PainBefore = null,
    int? PainAfter = null)
{
    /// <summary>Trial definition: a session counts as done when at least 80% of its exercises were done.</summary>
    public const double DoneShare = 0.8;

    public bool CountsAsDone =>
        ExercisesPlanned > 0 && ExercisesDone >= Math.Ceiling(ExercisesPlanned * DoneShare - 1e-9);

    /// <summary>Any answer at all makes this a data day for remote monitoring.</summary>
    public bool HasData => ExercisesDone > 0 || PainScores.Count > 0 || Barrier is not null || Status != SessionStatus.InProgress;
}

/// <summary>Everything known about one patient that adherence needs. Pure data; no database.</summary>
public sealed record AdherenceHistory(
    IReadOnlyList<ProgramPeriod> Programs,
    IReadOnlyList<SessionRecord> Sessions,
    IReadOnlyList<DateSpan> Pauses,
    IReadOnlyList<DateOnly> OtherDataDays);
