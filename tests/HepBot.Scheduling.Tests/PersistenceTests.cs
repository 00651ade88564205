using HepBot.Data;
using HepBot.Scheduling.Reminders;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Quartz.Extensibility;

namespace HepBot.Scheduling.Tests;

/// <summary>Reminders live in the HepBot database: they survive a restart, and downtime costs at most one late fire.</summary>
public sealed class PersistenceTests
{
    // Monday 9 March 2026, 12:00 UTC.
    private static readonly DateTimeOffset Monday = new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_scheduler_over_the_same_SQLite_file_sees_the_reminders_after_a_restart()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        SeededPatient maria;
        await using (var db = database.CreateContext())
            maria = await TestPatients.AddAsync(db, Monday);

        await using (var before = SchedulingHarness.Create(database, new FakeTimeProvider(Monday)))
        {
            await before.Get<ReminderScheduler>().OnPatientChangedAsync(maria.PatientId, Ct);
        }

        await using var after = SchedulingHarness.Create(database, new FakeTimeProvider(Monday));
        var trigger = await (await after.SchedulerAsync()).GetTrigger(ReminderKeys.Reminder(maria.PatientId, 1), Ct) as ICronTrigger;
        Assert.NotNull(trigger);
        Assert.Equal("0 0 18 ? * SUN,MON,TUE,WED,THU,FRI,SAT", trigger.CronExpressionString);
        Assert.Equal("Europe/Madrid", trigger.TimeZone.Id);
        Assert.Equal(maria.PatientId.ToString(), trigger.JobDataMap.GetString(ReminderKeys.PatientId));
        Assert.True(await (await after.SchedulerAsync()).Exists(ReminderKeys.ReminderJob, Ct));
    }

    [Fact]
    public async Task After_two_days_down_a_daily_reminder_fires_once_now_and_then_keeps_its_time()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(Monday);
        await using var harness = SchedulingHarness.Create(database, clock);
        var trigger = (IOperableTrigger)harness.Get<ReminderScheduler>().ReminderTrigger(Guid.NewGuid(),
            new Core.Reminders.ReminderSlot(1, new TimeOnly(18, 0), Core.Prescriptions.TrainingDays.Every, "Europe/Madrid"));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 0, 0, TimeSpan.Zero), trigger.ComputeFirstFireTimeUtc(null));

        // Down from Monday noon until Wednesday 18:30 UTC: Monday's, Tuesday's and Wednesday's 18:00 were missed.
        var back = new DateTimeOffset(2026, 3, 11, 18, 30, 0, TimeSpan.Zero);
        clock.SetUtcNow(back);
        trigger.UpdateAfterMisfire(null);

        Assert.Equal(back, trigger.NextFireTimeUtc);
        trigger.Triggered(null);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.Zero), trigger.NextFireTimeUtc);
    }
}
