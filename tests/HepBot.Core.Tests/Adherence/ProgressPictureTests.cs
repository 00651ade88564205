using HepBot.Core.Adherence;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;

namespace HepBot.Core.Tests.Adherence;

public class ProgressPictureTests
{
    // A daily program of three exercises from Monday 2 November 2026; "today" is Wednesday 25 November.
    private static readonly DateOnly Start = new(2026, 11, 2);
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static ProgramPeriod Program(TrainingDays days = TrainingDays.Every) =>
        new(Start, null, new PrescriptionSchedule(1, days, Start, null), 3);

    private static ProgressPicture Plan(IReadOnlyList<SessionRecord> sessions, ProgramPeriod? program = null, IReadOnlyList<DateSpan>? pauses = null) =>
        ProgressPicture.Plan(new AdherenceHistory([program ?? Program()], sessions, pauses ?? [], []), Today, cautionFrom: 4, stopFrom: 6);

    [Fact]
    public void The_picture_covers_four_whole_weeks_from_monday_to_sunday_with_this_week_last()
    {
        var picture = Plan([]);

        Assert.Equal(28, picture.Days.Count);
        Assert.Equal(new DateOnly(2026, 11, 2), picture.Span.From);
        Assert.Equal(DayOfWeek.Monday, picture.Span.From.DayOfWeek);
        Assert.Equal(new DateOnly(2026, 11, 29), picture.Span.To);
        Assert.Equal(DayOfWeek.Sunday, picture.Span.To.DayOfWeek);
    }

    [Fact]
    public void On_a_sunday_the_last_week_ends_today_and_on_a_monday_it_begins_today()
    {
        var history = new AdherenceHistory([Program()], [], [], []);

        Assert.Equal(new DateOnly(2026, 11, 29), ProgressPicture.Plan(history, new DateOnly(2026, 11, 29), 4, 6).Span.To);
        Assert.Equal(new DateOnly(2026, 11, 30), ProgressPicture.Plan(history, new DateOnly(2026, 11, 30), 4, 6).Days[21].Date);
    }

    [Fact]
    public void Each_day_is_marked_for_what_became_of_it_and_days_still_to_come_are_future()
    {
        var sessions = new List<SessionRecord>
        {
            new(new DateOnly(2026, 11, 16), 1, 3, 3, SessionStatus.Completed, [2, 1], PainBefore: 2, PainAfter: 1),
            new(new DateOnly(2026, 11, 17), 1, 3, 1, SessionStatus.Completed, [3], PainBefore: 3),
            new(new DateOnly(2026, 11, 18), 1, 3, 0, SessionStatus.SkippedDay, [], SkipReason.NoTime),
            new(new DateOnly(2026, 11, 19), 1, 3, 1, SessionStatus.StoppedForSafety, [3, 7], PainBefore: 3, PainAfter: 7),
        };
        var picture = Plan(sessions, pauses: [new DateSpan(new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 21))]);

        Assert.Equal(
            [PictureDayMark.Done, PictureDayMark.PartlyDone, PictureDayMark.Skipped, PictureDayMark.StoppedForSafety,
             PictureDayMark.Missed, PictureDayMark.NotPlanned, PictureDayMark.Missed,
             PictureDayMark.Missed, PictureDayMark.Missed, PictureDayMark.Future, PictureDayMark.Future,
             PictureDayMark.Future, PictureDayMark.Future, PictureDayMark.Future],
            picture.Days.Skip(14).Select(d => d.Mark));
        Assert.Equal(1, picture.Count(PictureDayMark.Done));
        Assert.Equal(1, picture.Count(PictureDayMark.Skipped));
        Assert.Equal(1, picture.Count(PictureDayMark.StoppedForSafety));
        // Today, not done yet, is still to come: it counts among no past marks.
        Assert.Equal(1, picture.Count(PictureDayMark.Future));
        Assert.Equal(14 + 4, picture.Count(PictureDayMark.Missed));
    }

    [Fact]
    public void Rest_days_before_the_program_and_off_days_of_the_week_are_not_planned_in_the_past_and_the_future()
    {
        var weekdays = TrainingDays.Monday | TrainingDays.Wednesday | TrainingDays.Friday;
        var picture = Plan([], Program(weekdays) with { From = new DateOnly(2026, 11, 9) });

        Assert.All(picture.Days.Take(7), d => Assert.Equal(PictureDayMark.NotPlanned, d.Mark));
        Assert.Equal(PictureDayMark.Missed, picture.Days[7].Mark);
        Assert.Equal(PictureDayMark.NotPlanned, picture.Days[8].Mark);
        // This week: Wednesday is today (still to come), Thursday is a rest day, Friday still to come.
        Assert.Equal([PictureDayMark.Future, PictureDayMark.NotPlanned, PictureDayMark.Future, PictureDayMark.NotPlanned, PictureDayMark.NotPlanned],
            picture.Days.Skip(23).Select(d => d.Mark));
    }

    [Fact]
    public void Today_done_is_marked_done_not_future()
    {
        var picture = Plan([new(Today, 1, 3, 3, SessionStatus.Completed, [1], PainBefore: 1)]);

        Assert.Equal(PictureDayMark.Done, picture.Days.Single(d => d.Date == Today).Mark);
    }

    [Fact]
    public void The_pain_trend_holds_before_and_after_of_each_session_in_the_four_weeks_in_order_with_the_thresholds()
    {
        var sessions = new List<SessionRecord>
        {
            new(new DateOnly(2026, 11, 1), 1, 3, 3, SessionStatus.Completed, [5], PainBefore: 5),
            new(new DateOnly(2026, 11, 10), 2, 3, 3, SessionStatus.Completed, [4], PainBefore: 4),
            new(new DateOnly(2026, 11, 10), 1, 3, 3, SessionStatus.Completed, [5, 3], PainBefore: 5, PainAfter: 3),
            new(new DateOnly(2026, 11, 12), 1, 3, 0, SessionStatus.SkippedDay, []),
            new(new DateOnly(2026, 11, 3), 1, 3, 3, SessionStatus.Completed, [6, 4], PainBefore: 6, PainAfter: 4),
        };

        var picture = Plan(sessions);

        Assert.Equal(
            [new SessionPain(new DateOnly(2026, 11, 3), 1, 6, 4), new SessionPain(new DateOnly(2026, 11, 10), 1, 5, 3),
             new SessionPain(new DateOnly(2026, 11, 10), 2, 4, null)],
            picture.Pain);
        Assert.Equal((4, 6), (picture.CautionFrom, picture.StopFrom));
    }
}
