using HepBot.Core.Prescriptions;
using HepBot.Core.Reminders;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace HepBot.Scheduling.Reminders;

/// <summary>
/// Keeps the Quartz store matching <see cref="ReminderPlan"/>: one cron trigger per planned session in
/// the patient's IANA zone, rescheduled when a setting changes, removed when the patient no longer
/// gets reminders (deactivated, erased, no consent, no program).
/// </summary>
public sealed class ReminderScheduler(
    ISchedulerFactory schedulers,
    IDbContextFactory<HepBotDbContext> contexts,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderScheduler> logger) : IReminderSchedule
{
    public async Task OnPatientChangedAsync(Guid patientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var schedule = patient is null ? null : await CurrentScheduleAsync(db, patientId, ct);
        var slots = patient is null ? [] : ReminderPlan.For(patient, schedule);
        await ApplyAsync(await schedulers.GetScheduler(ct), patientId, slots, ct);
    }

    /// <summary>Brings every patient's triggers in step, a batch at a time (start-up, after data existed without a scheduler).</summary>
    public async Task SyncAllAsync(int batchSize, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        Guid? after = null;
        var total = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var query = db.Patients.AsNoTracking();
            if (after is { } last)
                query = query.Where(p => p.Id.CompareTo(last) > 0);
            var batch = await query.OrderBy(p => p.Id).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0)
                break;
            var ids = batch.Select(p => p.Id).ToList();
            var schedules = (await db.Prescriptions.AsNoTracking()
                    .Where(p => ids.Contains(p.PatientId) && p.SupersededAt == null)
                    .Select(p => new { p.PatientId, p.Schedule })
                    .ToListAsync(ct))
                .GroupBy(p => p.PatientId).ToDictionary(g => g.Key, g => g.First().Schedule);
            foreach (var patient in batch)
                await ApplyAsync(scheduler, patient.Id, ReminderPlan.For(patient, schedules.GetValueOrDefault(patient.Id)), ct);
            total += batch.Count;
            after = batch[^1].Id;
        }
        logger.LogInformation("Reminder triggers synchronised for {Count} patients.", total);
    }

    public async Task<DateTimeOffset?> SnoozeAsync(Guid patientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null || ReminderPlan.For(patient, await CurrentScheduleAsync(db, patientId, ct)).Count == 0)
            return null;
        var at = clock.GetUtcNow() + options.Value.Snooze;
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(ReminderKeys.Snooze(patientId))
            .ForJob(ReminderKeys.ReminderJob)
            .UsingJobData(ReminderKeys.PatientId, patientId.ToString())
            .UsingJobData(ReminderKeys.Session, 0)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await ReplaceAsync(await schedulers.GetScheduler(ct), trigger, ct);
        logger.LogInformation("Reminder snoozed for patient {PatientId}.", patientId);
        return at;
    }

    /// <summary>The second nudge of <paramref name="day"/>, at <paramref name="at"/>.</summary>
    public async Task ScheduleNudgeAsync(Guid patientId, DateOnly day, DateTimeOffset at, CancellationToken ct)
    {
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(ReminderKeys.Nudge(patientId))
            .ForJob(ReminderKeys.NudgeJob)
            .UsingJobData(ReminderKeys.PatientId, patientId.ToString())
            .UsingJobData(ReminderKeys.Day, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await ReplaceAsync(await schedulers.GetScheduler(ct), trigger, ct);
    }

    private async Task ApplyAsync(IScheduler scheduler, Guid patientId, IReadOnlyList<ReminderSlot> slots, CancellationToken ct)
    {
        for (var session = 1; session <= PrescriptionSchedule.MaxSessionsPerDay; session++)
        {
            var key = ReminderKeys.Reminder(patientId, session);
            var existing = await scheduler.GetTrigger(key, ct) as ICronTrigger;
            var slot = slots.FirstOrDefault(s => s.SessionNumber == session);
            if (slot is null)
            {
                if (existing is not null)
                    await scheduler.UnscheduleJob(key, ct);
                continue;
            }
            if (existing is not null && existing.CronExpressionString == slot.CronExpression && existing.TimeZone.Id == slot.TimeZoneId)
                continue;
            // Stored replacing whatever has the key by then: another host's start-up sync (or this patient's own
            // change on another host) may have stored it since the look above, and that is no error.
            await ReplaceAsync(scheduler, ReminderTrigger(patientId, slot), ct);
        }
        if (slots.Count == 0)
        {
            await scheduler.UnscheduleJob(ReminderKeys.Snooze(patientId), ct);
            await scheduler.UnscheduleJob(ReminderKeys.Nudge(patientId), ct);
        }
    }

    /// <summary>
    /// After downtime a missed reminder fires once ("fire and proceed"), never once per missed day;
    /// <see cref="ReminderDecision"/> then drops it when its day is over or it would land in quiet hours.
    /// </summary>
    public ITrigger ReminderTrigger(Guid patientId, ReminderSlot slot) =>
        TriggerBuilder.Create(clock)
            .WithIdentity(ReminderKeys.Reminder(patientId, slot.SessionNumber))
            .ForJob(ReminderKeys.ReminderJob)
            .UsingJobData(ReminderKeys.PatientId, patientId.ToString())
            .UsingJobData(ReminderKeys.Session, slot.SessionNumber)
            .WithCronSchedule(slot.CronExpression, c => c
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(slot.TimeZoneId))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

    /// <summary>
    /// Stores the trigger, replacing one with the same key in the same store transaction: a look-then-add
    /// would race with a job of the same patient scheduling it at the same moment (or another host).
    /// </summary>
    private static Task ReplaceAsync(IScheduler scheduler, ITrigger trigger, CancellationToken ct) =>
        scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, ct).AsTask();

    internal static async Task<PrescriptionSchedule?> CurrentScheduleAsync(HepBotDbContext db, Guid patientId, CancellationToken ct) =>
        await db.Prescriptions.AsNoTracking()
            .Where(p => p.PatientId == patientId && p.SupersededAt == null)
            .Select(p => p.Schedule)
            .FirstOrDefaultAsync(ct);
}
