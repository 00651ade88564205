using HepBot.Data;
using HepBot.Scheduling.Outbound;
using HepBot.Scheduling.Reminders;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>
/// Two HepBot hosts on one PostgreSQL database (clustered Quartz, real clock): a reminder due in a few
/// seconds is sent once. Skipped, with the reason, when HEPBOT_TEST_POSTGRES is not set.
/// </summary>
public sealed class ClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_schedulers_on_one_PostgreSQL_database_send_a_due_reminder_once()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        SeededPatient maria;
        await using (var db = database.CreateContext())
            maria = await TestPatients.AddAsync(db, TimeProvider.System.GetUtcNow(), zone: "UTC");
        var settings = new Dictionary<string, string?> { ["Reminders:Snooze"] = "00:00:03" };
        var notifier = new RecordingNotifier();
        await using var first = SchedulingHarness.Create(database, TimeProvider.System, settings, notifier);
        await using var second = SchedulingHarness.Create(database, TimeProvider.System, settings, notifier);

        // Provision Quartz's tables from one node before the other joins.
        var a = await first.SchedulerAsync();
        await a.Start(Ct);
        var b = await second.SchedulerAsync();
        await b.Start(Ct);
        Assert.NotEqual(await a.GetSchedulerInstanceId(Ct), await b.GetSchedulerInstanceId(Ct));
        // Each node also runs the outbound sender, as every host does.
        await first.Get<OutboundSenderService>().StartAsync(Ct);
        await second.Get<OutboundSenderService>().StartAsync(Ct);

        // A one-off reminder three seconds from now: both nodes race to acquire it.
        await first.Get<ReminderScheduler>().SnoozeAsync(maria.PatientId, Ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (notifier.Sent.IsEmpty && DateTime.UtcNow < deadline)
            await Task.Delay(200, Ct);
        // Time for a duplicate to show up, had the other node fired it too.
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);

        Assert.Single(notifier.Sent);
        await first.Get<OutboundSenderService>().StopAsync(Ct);
        await second.Get<OutboundSenderService>().StopAsync(Ct);
    }
}
