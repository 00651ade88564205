using HepBot.Core.Reminders;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Scheduling.Reminders;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>
/// Maria (Madrid, 18:00 every day) on Tuesday 10 March 2026: 18:00 in Madrid is 17:00 UTC.
/// </summary>
public sealed class ReminderJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SixPmMadrid = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Tuesday = new(2026, 3, 10);
    private TestDatabase _database = null!;
    private SchedulingHarness _harness = null!;
    private SeededPatient _maria = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        _harness = SchedulingHarness.Create(_database, new FakeTimeProvider(SixPmMadrid));
        await using var db = _database.CreateContext();
        _maria = await TestPatients.AddAsync(db, SixPmMadrid);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task LogAsync(SessionLog log)
    {
        await using var db = _database.CreateContext();
        db.SessionLogs.Add(log);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task At_six_the_reminder_says_what_today_holds_with_three_buttons_and_schedules_the_nudge()
    {
        var outcome = await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, SixPmMadrid, Ct);
        await _harness.SendQueuedAsync();

        Assert.Equal(ReminderOutcome.Send, outcome);
        var sent = Assert.Single(_harness.Notifier.Sent);
        Assert.Equal(_maria.PatientId, sent.RecipientId);
        Assert.Contains("Today: 2 exercises", sent.Text);
        Assert.Equal(["/today", "/snooze", "/skipday"], sent.ButtonValues);
        var nudge = await (await _harness.SchedulerAsync()).GetTrigger(ReminderKeys.Nudge(_maria.PatientId), Ct);
        Assert.Equal(SixPmMadrid.AddHours(2), nudge!.GetFireTimeAfter(SixPmMadrid));
    }

    [Fact]
    public async Task A_Spanish_patient_gets_the_reminder_in_Spanish()
    {
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(SixPmMadrid), notifier: new RecordingNotifier("es"));

        await harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, SixPmMadrid, Ct);
        await harness.SendQueuedAsync();

        var sent = Assert.Single(harness.Notifier.Sent);
        Assert.Contains("Hoy: 2 ejercicios", sent.Text);
    }

    [Fact]
    public async Task No_reminder_when_todays_session_is_already_done()
    {
        await LogAsync(TestPatients.Session(_maria, Tuesday, done: 2, SixPmMadrid.AddHours(-8)));

        var outcome = await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, SixPmMadrid, Ct);
        await _harness.SendQueuedAsync();

        Assert.Equal(ReminderOutcome.AlreadyDone, outcome);
        Assert.Empty(_harness.Notifier.Sent);
    }

    [Fact]
    public async Task After_downtime_a_late_reminder_of_the_same_day_is_sent_once()
    {
        // The host was down from 17:50 to 19:30 Madrid time; Quartz fires the missed trigger once, "now", on start.
        var now = SixPmMadrid.AddMinutes(90);
        _harness.FakeClock.SetUtcNow(now);

        var outcome = await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, now, Ct);
        await _harness.SendQueuedAsync();

        Assert.Equal(ReminderOutcome.Send, outcome);
        Assert.Single(_harness.Notifier.Sent);
    }

    [Fact]
    public async Task After_downtime_past_midnight_the_stale_reminder_is_dropped()
    {
        var now = SixPmMadrid.AddHours(15); // Wednesday 09:00 in Madrid, before Wednesday's 18:00
        _harness.FakeClock.SetUtcNow(now);

        var outcome = await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, now, Ct);
        await _harness.SendQueuedAsync();

        Assert.Equal(ReminderOutcome.Stale, outcome);
        Assert.Empty(_harness.Notifier.Sent);
    }

    [Fact]
    public async Task A_late_reminder_that_would_land_in_quiet_hours_is_dropped()
    {
        var now = SixPmMadrid.AddHours(3).AddMinutes(45); // 21:45 in Madrid
        _harness.FakeClock.SetUtcNow(now);

        var outcome = await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, now, Ct);
        await _harness.SendQueuedAsync();

        Assert.Equal(ReminderOutcome.QuietHours, outcome);
        Assert.Empty(_harness.Notifier.Sent);
    }

    [Fact]
    public async Task A_snoozed_reminder_is_about_the_next_unfinished_session()
    {
        await using (var db = _database.CreateContext())
        {
            var patient = await db.Patients.FindAsync([_maria.PatientId], Ct);
            patient!.ReminderTimes = [new TimeOnly(8, 0), new TimeOnly(18, 0)];
            var prescription = await db.Prescriptions.FindAsync([_maria.PrescriptionId], Ct);
            prescription!.Schedule = prescription.Schedule with { SessionsPerDay = 2 };
            await db.SaveChangesAsync(Ct);
        }
        await LogAsync(TestPatients.Session(_maria, Tuesday, done: 2, SixPmMadrid.AddHours(-9)));

        var outcome = await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 0, SixPmMadrid, Ct);
        await _harness.SendQueuedAsync();

        Assert.Equal(ReminderOutcome.Send, outcome);
        Assert.Single(_harness.Notifier.Sent);
    }

    [Fact]
    public async Task The_nudge_goes_out_when_nothing_was_logged_and_not_once_the_patient_started()
    {
        _harness.FakeClock.SetUtcNow(SixPmMadrid.AddHours(2));
        var nudge = _harness.Create<NudgeJob>();

        Assert.Equal(ReminderOutcome.Send, await nudge.RunAsync(_maria.PatientId, Tuesday, Ct));
        await _harness.SendQueuedAsync();
        Assert.Contains("nudge", Assert.Single(_harness.Notifier.Sent).Text);

        await LogAsync(TestPatients.Session(_maria, Tuesday, done: 1, SixPmMadrid.AddHours(1), SessionStatus.InProgress));
        Assert.Equal(ReminderOutcome.AlreadyDone, await nudge.RunAsync(_maria.PatientId, Tuesday, Ct));
        await _harness.SendQueuedAsync();
        Assert.Single(_harness.Notifier.Sent);
    }

    [Fact]
    public async Task A_reminder_that_reaches_no_chat_schedules_no_nudge()
    {
        await using (var db = _database.CreateContext())
        {
            // Maria blocked the bot on her only chat.
            (await db.ChannelAccounts.SingleAsync(a => a.PatientId == _maria.PatientId, Ct)).UnreachableSince = SixPmMadrid.AddDays(-1);
            await db.SaveChangesAsync(Ct);
        }

        await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, SixPmMadrid, Ct);

        Assert.False(await (await _harness.SchedulerAsync()).Exists(ReminderKeys.Nudge(_maria.PatientId), Ct));
        await using var check = _database.CreateContext();
        Assert.Empty(check.OutboundMessages);
    }

    [Fact]
    public async Task A_reminder_trigger_that_fires_twice_queues_and_sends_the_reminder_once()
    {
        var job = _harness.Create<ReminderJob>();

        Assert.Equal(ReminderOutcome.Send, await job.RunAsync(_maria.PatientId, 1, SixPmMadrid, Ct));
        Assert.Equal(ReminderOutcome.Send, await job.RunAsync(_maria.PatientId, 1, SixPmMadrid, Ct));
        await _harness.SendQueuedAsync();

        Assert.Single(_harness.Notifier.Sent);
        await using var db = _database.CreateContext();
        Assert.Single(db.OutboundMessages);
    }

    [Fact]
    public async Task The_job_only_queues_the_reminder_and_the_sender_sends_it()
    {
        Assert.Equal(ReminderOutcome.Send, await _harness.Create<ReminderJob>().RunAsync(_maria.PatientId, 1, SixPmMadrid, Ct));

        Assert.Empty(_harness.Notifier.Sent);
        await using (var db = _database.CreateContext())
        {
            var row = await db.OutboundMessages.SingleAsync(Ct);
            Assert.Equal((OutboundKind.Reminder, _maria.ChatId, OutboundStatus.Pending, SixPmMadrid), (row.Kind, (Guid?)row.ChannelAccountId, row.Status, row.DueAt));
        }
        Assert.Equal(1, await _harness.SendQueuedAsync());
        Assert.Contains("Today: 2 exercises", Assert.Single(_harness.Notifier.Sent).Text);
    }
}
