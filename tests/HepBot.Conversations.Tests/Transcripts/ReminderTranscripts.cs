using HepBot.Conversations.Therapists;
using HepBot.Core.Alerts;
using HepBot.Core.Sessions;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Alex answers a reminder's buttons on Wednesday 18 November 2026; Dana acknowledges an alert.</summary>
public sealed class ReminderTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Linking_with_consent_and_changing_settings_bring_the_reminders_in_step()
    {
        await using var chat = await (await BotHarness.StartAsync()).LinkedAsync();
        Assert.Contains(chat.Clinic.PatientId, chat.Reminders.Changed);
        var before = chat.Reminders.Changed.Count;

        await chat.TapAsync("/pause");
        await chat.SayAsync("1");

        Assert.True(chat.Reminders.Changed.Count > before, chat.Transcript);
    }

    [Fact]
    public async Task Linking_is_answered_while_the_reminder_schedule_waits_for_the_scheduler_lock()
    {
        await using var chat = await BotHarness.StartAsync();
        chat.Reminders.Hold();
        chat.WaitsForReminders = false;

        // The turn must not wait for the schedule: with the lock held elsewhere it would never end.
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}").WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await chat.SayAsync("yes").WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Contains("Thank you. You can pause reminders any time: just type pause.", chat.Transcript);
        Assert.Empty(chat.Reminders.Changed);
        Assert.Equal(1, chat.Reminders.Waiting);

        chat.Reminders.Release();
        await chat.RemindersUpdatedAsync();
        Assert.Contains(chat.Clinic.PatientId, chat.Reminders.Changed);
    }

    [Fact]
    public async Task In_1_hour_snoozes_the_reminder()
    {
        await using var chat = await (await BotHarness.StartAsync()).LinkedAsync();

        await chat.TapAsync("/snooze");

        Assert.Contains("OK, I'll remind you again in 60 minutes.", chat.Transcript);
        Assert.Equal([chat.Clinic.PatientId], chat.Reminders.Snoozed);
    }

    [Fact]
    public async Task Skip_today_asks_why_and_records_the_skipped_day()
    {
        await using var chat = await (await BotHarness.StartAsync()).LinkedAsync();

        await chat.TapAsync("/skipday");
        Assert.Contains("What's getting in the way today?", chat.Transcript);
        await chat.SayAsync("No time");

        Assert.Contains("Short on time?", chat.Transcript);
        await using var db = chat.Db();
        var log = await db.SessionLogs.SingleAsync(Ct);
        Assert.Equal((SessionStatus.SkippedDay, SkipReason.NoTime), (log.Status, log.SkipBarrier));
    }

    [Fact]
    public async Task The_acknowledge_button_of_an_alert_is_understood_for_the_therapists_own_alerts_only()
    {
        await using var chat = await BotHarness.StartAsync();
        await using var db = chat.Db();
        var alert = await AlertWriter.RaiseAsync(db, chat.Clinic.PatientId, AlertKind.HighPain, AlertSeverity.Urgent, null, chat.Clock.GetUtcNow(), Ct);
        await db.SaveChangesAsync(Ct);
        var alerts = new TherapistAlerts(new ContextFactory(chat), chat.Clock);

        Assert.Equal(alert!.Id, TherapistAlerts.ParseAcknowledge($"/ack {alert.Id:N}"));
        Assert.Null(TherapistAlerts.ParseAcknowledge("/ack soon"));
        Assert.False(await alerts.AcknowledgeAsync(Guid.NewGuid(), alert.Id, Ct));
        Assert.True(await alerts.AcknowledgeAsync(chat.Clinic.TherapistId, alert.Id, Ct));

        await using var check = chat.Db();
        Assert.NotNull((await check.Alerts.SingleAsync(Ct)).AcknowledgedAt);
    }

    private sealed class ContextFactory(BotHarness chat) : IDbContextFactory<Data.HepBotDbContext>
    {
        public Data.HepBotDbContext CreateDbContext() => chat.Db();
    }
}
