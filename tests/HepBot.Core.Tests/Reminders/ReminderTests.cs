using System.Globalization;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Reminders;
using HepBot.Core.Sessions;

namespace HepBot.Core.Tests.Reminders;

public class ReminderTests
{
    private static readonly ReminderOptions Options = new();
    private static readonly TimeOnly Six = new(18, 0);
    private static readonly PrescriptionSchedule Weekdays = new(1, TrainingDays.Weekdays, new(2026, 11, 2), null);

    private static Patient Maria(params TimeOnly[] times) => new()
    {
        DisplayName = "Maria",
        TimeZoneId = "Europe/Madrid",
        ReminderTimes = [.. times],
        MessagingConsentAt = DateTimeOffset.Parse("2026-11-01T10:00:00Z", CultureInfo.InvariantCulture),
    };

    [Fact]
    public void One_slot_per_planned_session_at_the_patients_times_as_a_cron_in_their_zone()
    {
        var twiceDaily = Weekdays with { SessionsPerDay = 2 };
        var slots = ReminderPlan.For(Maria(new TimeOnly(18, 30), new TimeOnly(8, 15), new TimeOnly(13, 0)), twiceDaily);

        Assert.Equal(["0 15 8 ? * MON,TUE,WED,THU,FRI", "0 0 13 ? * MON,TUE,WED,THU,FRI"], slots.Select(s => s.CronExpression));
        Assert.All(slots, s => Assert.Equal("Europe/Madrid", s.TimeZoneId));
    }

    [Fact]
    public void No_reminders_without_consent_or_a_program()
    {
        var noConsent = Maria(Six);
        noConsent.MessagingConsentAt = null;

        Assert.Empty(ReminderPlan.For(noConsent, Weekdays));
        Assert.Empty(ReminderPlan.For(Maria(Six), null));
    }

    // Wednesday 18 November 2026; Madrid is UTC+1.
    private static readonly DateTimeOffset SixPmMadrid = DateTimeOffset.Parse("2026-11-18T17:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void A_reminder_on_time_on_a_training_day_is_sent() =>
        Assert.Equal(ReminderOutcome.Send, ReminderDecision.ForReminder(SixPmMadrid, SixPmMadrid, Maria(Six), Weekdays, 1, [], Options));

    [Fact]
    public void A_reminder_is_not_sent_when_the_session_is_already_done()
    {
        var done = new SessionLog { LocalDate = new(2026, 11, 18), Status = SessionStatus.Completed };
        Assert.Equal(ReminderOutcome.AlreadyDone,
            ReminderDecision.ForReminder(SixPmMadrid, SixPmMadrid, Maria(Six), Weekdays, 1, [done], Options));
    }

    [Fact]
    public void After_downtime_a_late_reminder_goes_out_the_same_day_but_never_the_next()
    {
        var lateSameEvening = SixPmMadrid.AddHours(2);       // 20:00 in Madrid
        var nextMorning = SixPmMadrid.AddHours(15);          // 09:00 the next day

        Assert.Equal(ReminderOutcome.Send, ReminderDecision.ForReminder(lateSameEvening, SixPmMadrid, Maria(Six), Weekdays, 1, [], Options));
        Assert.Equal(ReminderOutcome.Stale, ReminderDecision.ForReminder(nextMorning, SixPmMadrid, Maria(Six), Weekdays, 1, [], Options));
    }

    [Fact]
    public void A_late_reminder_that_would_land_in_quiet_hours_is_not_sent()
    {
        var lateNight = SixPmMadrid.AddHours(4); // 22:00 in Madrid
        Assert.Equal(ReminderOutcome.QuietHours, ReminderDecision.ForReminder(lateNight, SixPmMadrid, Maria(Six), Weekdays, 1, [], Options));
    }

    [Fact]
    public void Paused_patients_and_rest_days_get_no_reminder()
    {
        var paused = Maria(Six);
        paused.PausedUntil = new DateOnly(2026, 11, 20);
        var saturday = DateTimeOffset.Parse("2026-11-21T17:00:00Z", CultureInfo.InvariantCulture);

        Assert.Equal(ReminderOutcome.Paused, ReminderDecision.ForReminder(SixPmMadrid, SixPmMadrid, paused, Weekdays, 1, [], Options));
        Assert.Equal(ReminderOutcome.NotATrainingDay, ReminderDecision.ForReminder(saturday, saturday, Maria(Six), Weekdays, 1, [], Options));
    }

    [Fact]
    public void The_nudge_goes_only_when_nothing_was_logged_and_not_in_quiet_hours()
    {
        var day = new DateOnly(2026, 11, 18);
        var eightPm = SixPmMadrid.AddHours(2);
        var started = new SessionLog { LocalDate = day, Status = SessionStatus.InProgress };

        Assert.Equal(ReminderOutcome.Send, ReminderDecision.ForNudge(eightPm, day, Maria(Six), Weekdays, [], Options));
        Assert.Equal(ReminderOutcome.AlreadyDone, ReminderDecision.ForNudge(eightPm, day, Maria(Six), Weekdays, [started], Options));
        Assert.Equal(ReminderOutcome.QuietHours, ReminderDecision.ForNudge(eightPm.AddHours(2), day, Maria(Six), Weekdays, [], Options));
    }

    [Theory]
    [InlineData("21:29", false)]
    [InlineData("21:30", true)]
    [InlineData("02:00", true)]
    [InlineData("07:59", true)]
    [InlineData("08:00", false)]
    public void Quiet_hours_run_past_midnight(string time, bool quiet) =>
        Assert.Equal(quiet, Options.IsQuiet(TimeOnly.Parse(time, CultureInfo.InvariantCulture)));
}
