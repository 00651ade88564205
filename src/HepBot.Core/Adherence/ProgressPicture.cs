namespace HepBot.Core.Adherence;

/// <summary>How one day of the progress picture's calendar is marked.</summary>
public enum PictureDayMark
{
    Done,

    /// <summary>Some exercises done, not enough for the day to count as done.</summary>
    PartlyDone,
    Skipped,
    StoppedForSafety,

    /// <summary>A planned day that passed with nothing done and no reason given.</summary>
    Missed,

    /// <summary>A rest day: no program, not a training day, or paused.</summary>
    NotPlanned,

    /// <summary>A planned day still to come, today included while nothing is done yet.</summary>
    Future,
}

public sealed record PictureDay(DateOnly Date, PictureDayMark Mark);

/// <summary>The pain a patient gave at the start and at the end of one session (either may be missing).</summary>
public sealed record SessionPain(DateOnly Date, int SessionNumber, int? Before, int? After);

/// <summary>
/// What the patient's progress picture shows: the last four calendar weeks, Monday to Sunday, the current week
/// last (its days after today still to come), each day marked as <see cref="AdherenceCalendar"/> judges it; and
/// the pain before and after each session in those weeks against the caution and stop thresholds.
/// </summary>
public sealed record ProgressPicture(
    DateOnly Today,
    IReadOnlyList<PictureDay> Days,
    IReadOnlyList<SessionPain> Pain,
    int CautionFrom,
    int StopFrom)
{
    public const int Weeks = 4;

    /// <summary>The marks the legend lists, in its order.</summary>
    public static readonly IReadOnlyList<PictureDayMark> LegendOrder =
    [
        PictureDayMark.Done, PictureDayMark.PartlyDone, PictureDayMark.Skipped, PictureDayMark.StoppedForSafety,
        PictureDayMark.Missed, PictureDayMark.NotPlanned, PictureDayMark.Future,
    ];

    public DateSpan Span => new(Days[0].Date, Days[^1].Date);

    /// <summary>How many days up to today carry <paramref name="mark"/>.</summary>
    public int Count(PictureDayMark mark) => Days.Count(d => d.Date <= Today && d.Mark == mark);

    /// <summary>The four weeks ending with the Sunday of <paramref name="today"/>'s week (patient-local dates).</summary>
    public static DateSpan WeeksEndingWith(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new DateSpan(monday.AddDays(-7 * (Weeks - 1)), monday.AddDays(6));
    }

    public static ProgressPicture Plan(AdherenceHistory history, DateOnly today, int cautionFrom, int stopFrom)
    {
        var span = WeeksEndingWith(today);
        var past = AdherenceCalendar.Days(history, span, today).ToDictionary(d => d.Date);
        var days = span.Dates().Select(date => new PictureDay(date, past.TryGetValue(date, out var day)
            ? Mark(day.Outcome)
            : AdherenceCalculator.ProgramOn(history, date) is null ? PictureDayMark.NotPlanned : PictureDayMark.Future)).ToList();
        var pain = history.Sessions
            .Where(s => span.Contains(s.Date) && s.Date <= today && (s.PainBefore is not null || s.PainAfter is not null))
            .OrderBy(s => s.Date).ThenBy(s => s.SessionNumber)
            .Select(s => new SessionPain(s.Date, s.SessionNumber, s.PainBefore, s.PainAfter))
            .ToList();
        return new ProgressPicture(today, days, pain, cautionFrom, stopFrom);
    }

    private static PictureDayMark Mark(DayOutcome outcome) => outcome switch
    {
        DayOutcome.Done => PictureDayMark.Done,
        DayOutcome.PartlyDone => PictureDayMark.PartlyDone,
        DayOutcome.Skipped => PictureDayMark.Skipped,
        DayOutcome.StoppedForSafety => PictureDayMark.StoppedForSafety,
        DayOutcome.Missed => PictureDayMark.Missed,
        DayOutcome.Open => PictureDayMark.Future,
        _ => PictureDayMark.NotPlanned,
    };
}
