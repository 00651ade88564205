using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using HepBot.Scheduling.Reminders;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace HepBot.Scheduling.Tests;

/// <summary>The Quartz store follows each patient's plan: one cron trigger per session, in their zone.</summary>
public sealed class ReminderScheduleTests : IAsyncLifetime
{
    // Tuesday 10 March 2026, 09:00 UTC (10:00 in Madrid).
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private SchedulingHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        _harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Now));
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<ICronTrigger?> ReminderAsync(Guid patientId, int session) =>
        await (await _harness.SchedulerAsync()).GetTrigger(ReminderKeys.Reminder(patientId, session), Ct) as ICronTrigger;

    private async Task ChangeAsync(Guid patientId, Action<Patient> change)
    {
        await using (var db = _database.CreateContext())
        {
            change(await db.Patients.SingleAsync(p => p.Id == patientId, Ct));
            await db.SaveChangesAsync(Ct);
        }
        await _harness.Get<ReminderScheduler>().OnPatientChangedAsync(patientId, Ct);
    }

    [Fact]
    public async Task Two_sessions_on_weekdays_in_Madrid_get_two_cron_triggers_in_the_patients_zone()
    {
        await using var db = _database.CreateContext();
        var maria = await TestPatients.AddAsync(db, Now, times: ["08:00", "18:30"], sessionsPerDay: 2, days: TrainingDays.Weekdays);

        await _harness.Get<ReminderScheduler>().OnPatientChangedAsync(maria.PatientId, Ct);

        var morning = await ReminderAsync(maria.PatientId, 1);
        var evening = await ReminderAsync(maria.PatientId, 2);
        Assert.Equal("0 0 8 ? * MON,TUE,WED,THU,FRI", morning!.CronExpressionString);
        Assert.Equal("0 30 18 ? * MON,TUE,WED,THU,FRI", evening!.CronExpressionString);
        Assert.Equal("Europe/Madrid", evening.TimeZone.Id);
        Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, evening.MisfireInstruction);
        Assert.Null(await ReminderAsync(maria.PatientId, 3));
    }

    [Fact]
    public async Task A_new_reminder_time_reschedules_and_a_dropped_one_is_removed()
    {
        await using var db = _database.CreateContext();
        var maria = await TestPatients.AddAsync(db, Now, times: ["08:00", "18:30"], sessionsPerDay: 2);
        await _harness.Get<ReminderScheduler>().OnPatientChangedAsync(maria.PatientId, Ct);

        await ChangeAsync(maria.PatientId, p => p.ReminderTimes = [new TimeOnly(9, 15)]);

        Assert.Equal("0 15 9 ? * SUN,MON,TUE,WED,THU,FRI,SAT", (await ReminderAsync(maria.PatientId, 1))!.CronExpressionString);
        Assert.Null(await ReminderAsync(maria.PatientId, 2));
    }

    [Fact]
    public async Task A_move_to_another_zone_reschedules_in_the_new_zone()
    {
        await using var db = _database.CreateContext();
        var maria = await TestPatients.AddAsync(db, Now);
        await _harness.Get<ReminderScheduler>().OnPatientChangedAsync(maria.PatientId, Ct);

        await ChangeAsync(maria.PatientId, p => p.TimeZoneId = "America/New_York");

        Assert.Equal("America/New_York", (await ReminderAsync(maria.PatientId, 1))!.TimeZone.Id);
    }

    [Fact]
    public async Task Withdrawn_consent_removes_the_reminders_and_consent_brings_them_back()
    {
        await using var db = _database.CreateContext();
        var maria = await TestPatients.AddAsync(db, Now);
        await _harness.Get<ReminderScheduler>().OnPatientChangedAsync(maria.PatientId, Ct);

        await ChangeAsync(maria.PatientId, p => p.MessagingConsentAt = null);
        Assert.Null(await ReminderAsync(maria.PatientId, 1));

        await ChangeAsync(maria.PatientId, p => p.MessagingConsentAt = Now);
        Assert.NotNull(await ReminderAsync(maria.PatientId, 1));
    }

    [Fact]
    public async Task A_deactivated_or_erased_patient_has_no_reminders_left()
    {
        await using var db = _database.CreateContext();
        var maria = await TestPatients.AddAsync(db, Now);
        var pedro = await TestPatients.AddAsync(db, Now, name: "Pedro Gil");
        var scheduler = _harness.Get<ReminderScheduler>();
        await scheduler.OnPatientChangedAsync(maria.PatientId, Ct);
        await scheduler.OnPatientChangedAsync(pedro.PatientId, Ct);
        await scheduler.SnoozeAsync(pedro.PatientId, Ct);

        await ChangeAsync(maria.PatientId, p => p.Status = PatientStatus.Deactivated);
        await db.Patients.Where(p => p.Id == pedro.PatientId).ExecuteDeleteAsync(Ct);
        await scheduler.OnPatientChangedAsync(pedro.PatientId, Ct);

        Assert.Null(await ReminderAsync(maria.PatientId, 1));
        Assert.Null(await ReminderAsync(pedro.PatientId, 1));
        Assert.False(await (await _harness.SchedulerAsync()).Exists(ReminderKeys.Snooze(pedro.PatientId), Ct));
    }

    [Fact]
    public async Task Start_up_sync_gives_existing_patients_their_triggers_in_batches()
    {
        await using var db = _database.CreateContext();
        var patients = new List<SeededPatient>();
        for (var i = 0; i < 5; i++)
            patients.Add(await TestPatients.AddAsync(db, Now, name: $"Patient {i}"));
        var withoutProgram = await TestPatients.AddAsync(db, Now, consent: false, name: "No consent");

        await _harness.Get<ReminderScheduler>().SyncAllAsync(batchSize: 2, Ct);

        foreach (var patient in patients)
            Assert.NotNull(await ReminderAsync(patient.PatientId, 1));
        Assert.Null(await ReminderAsync(withoutProgram.PatientId, 1));
    }

    [Fact]
    public async Task Two_hosts_synchronising_at_start_up_at_once_both_finish_and_each_patient_has_one_trigger()
    {
        // Two hosts started together on 6 December 2026: one failed its sync with "Unable to store Trigger ... because one
        // already exists", having looked for the trigger just before the other host stored it.
        await using var db = _database.CreateContext();
        var patients = new List<SeededPatient>();
        for (var i = 0; i < 20; i++)
            patients.Add(await TestPatients.AddAsync(db, Now, name: $"Patient {i}"));
        var scheduler = _harness.Get<ReminderScheduler>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => scheduler.SyncAllAsync(batchSize: 3, Ct))));

        foreach (var patient in patients)
            Assert.StartsWith("0 0 18 ? * ", (await ReminderAsync(patient.PatientId, 1))!.CronExpressionString);
    }

    [Fact]
    public async Task In_1_hour_schedules_one_extra_reminder_an_hour_from_now()
    {
        await using var db = _database.CreateContext();
        var maria = await TestPatients.AddAsync(db, Now);

        var at = await _harness.Get<ReminderScheduler>().SnoozeAsync(maria.PatientId, Ct);

        Assert.Equal(Now.AddHours(1), at);
        var snooze = await (await _harness.SchedulerAsync()).GetTrigger(ReminderKeys.Snooze(maria.PatientId), Ct);
        Assert.Equal(Now.AddHours(1), snooze!.GetFireTimeAfter(Now.AddSeconds(-1)));
        Assert.Equal(ReminderKeys.ReminderJob, snooze.JobKey);
    }

    [Fact]
    public async Task Clustering_on_SQLite_stops_start_up_naming_the_setting()
    {
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Now),
            new Dictionary<string, string?> { ["Scheduling:Clustered"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => harness.Get<IOptions<SchedulingOptions>>().Value);
        Assert.Contains("Scheduling:Clustered", error.Message);
    }

    [Fact]
    public async Task With_scheduling_off_reminders_are_off_and_no_scheduler_is_registered()
    {
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Now),
            new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" });

        Assert.IsType<Core.Reminders.RemindersOff>(harness.Get<Core.Reminders.IReminderSchedule>());
        Assert.Null(harness.Services.GetService(typeof(ISchedulerFactory)));
    }
}
