using System.Globalization;
using HepBot.Core.Reminders;
using HepBot.Core.Sessions;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Scheduling.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace HepBot.Scheduling.Reminders;

/// <summary>
/// A reminder trigger fired: asks <see cref="ReminderDecision"/> whether it should really go out, queues
/// it for each of the patient's chats (<see cref="OutboundQueue"/>: the channel's sender sends it, paced),
/// and schedules the day's second nudge. Queuing is keyed by the patient, the slot and the time it was
/// meant for, so a trigger that fires twice queues the reminder once.
/// </summary>
public sealed class ReminderJob(
    IDbContextFactory<HepBotDbContext> contexts,
    ReminderScheduler scheduler,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var data = context.MergedJobDataMap;
        var session = data.GetInt(ReminderKeys.Session);
        // A snooze is a one-off: its own start time is when it was meant for, even when it fires late.
        var meantFor = session == 0 ? context.Trigger.StartTimeUtc : context.ScheduledFireTimeUtc ?? clock.GetUtcNow();
        await RunAsync(Guid.Parse(data.GetString(ReminderKeys.PatientId)!), session, meantFor, ct);
    }

    /// <param name="session">The session of the day the trigger is for; 0 for a snoozed reminder (the next unfinished one).</param>
    /// <param name="scheduledFor">
    /// When the trigger fired or was meant to. After downtime Quartz fires a missed reminder once "now";
    /// the slot's latest local time at or before that is then what the decision judges (stale, quiet hours).
    /// </param>
    /// <returns>What was decided, or null when the patient or their program is gone.</returns>
    public async Task<ReminderOutcome?> RunAsync(Guid patientId, int session, DateTimeOffset scheduledFor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();

        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var prescription = patient is null ? null : await db.Prescriptions.AsNoTracking()
            .Include(p => p.Items)
            .SingleOrDefaultAsync(p => p.PatientId == patientId && p.SupersededAt == null, ct);
        if (patient is null || prescription is null)
        {
            // A trigger left behind by a change that was not synchronised: put the store right.
            await scheduler.OnPatientChangedAsync(patientId, ct);
            return null;
        }

        if (session > 0 && ReminderPlan.For(patient, prescription.Schedule).FirstOrDefault(s => s.SessionNumber == session) is { } slot)
            scheduledFor = slot.LatestAtOrBefore(scheduledFor);
        var day = PatientClock.LocalDate(scheduledFor, patient.TimeZoneId);
        var logs = await db.SessionLogs.AsNoTracking().Where(l => l.PatientId == patientId && l.LocalDate == day).ToListAsync(ct);
        if (session == 0)
        {
            // A snoozed reminder is about the next session not yet finished.
            session = Math.Min(logs.Count(l => l.Status != SessionStatus.InProgress) + 1, prescription.Schedule.SessionsPerDay);
        }

        var outcome = ReminderDecision.ForReminder(now, scheduledFor, patient, prescription.Schedule, session, logs, options.Value);
        logger.LogInformation("Reminder for patient {PatientId} session {Session}: {Outcome}.", patientId, session, outcome);
        if (outcome != ReminderOutcome.Send)
            return outcome;

        var minutes = (int)Math.Ceiling(prescription.Items.Sum(i => i.Dose.EstimatedDuration().TotalSeconds) / 60);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"reminder/{patientId:N}/{day:yyyy-MM-dd}/{session}/{scheduledFor.UtcDateTime:yyyyMMddTHHmm}");
        if (!await OutboundEnqueue.ToPatientAsync(db, patientId, OutboundKind.Reminder,
                OutboundContent.ReminderArguments(prescription.Items.Count, minutes), key, now, ct))
        {
            logger.LogWarning("Reminder for patient {PatientId} reached no chat.", patientId);
            return outcome;
        }
        await scheduler.ScheduleNudgeAsync(patientId, day, now + options.Value.NudgeAfter, ct);
        return outcome;
    }
}

/// <summary>The second nudge: only when nothing at all was logged that day (<see cref="ReminderDecision.ForNudge"/>), queued once per day.</summary>
public sealed class NudgeJob(
    IDbContextFactory<HepBotDbContext> contexts,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<NudgeJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var data = context.MergedJobDataMap;
        await RunAsync(Guid.Parse(data.GetString(ReminderKeys.PatientId)!),
            DateOnly.ParseExact(data.GetString(ReminderKeys.Day)!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ct);
    }

    /// <returns>What was decided, or null when the patient or their program is gone.</returns>
    public async Task<ReminderOutcome?> RunAsync(Guid patientId, DateOnly day, CancellationToken ct)
    {
        var now = clock.GetUtcNow();

        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var schedule = patient is null ? null : await ReminderScheduler.CurrentScheduleAsync(db, patientId, ct);
        if (patient is null || schedule is null)
            return null;
        var logs = await db.SessionLogs.AsNoTracking().Where(l => l.PatientId == patientId && l.LocalDate == day).ToListAsync(ct);

        var outcome = ReminderDecision.ForNudge(now, day, patient, schedule, logs, options.Value);
        logger.LogInformation("Nudge for patient {PatientId}: {Outcome}.", patientId, outcome);
        if (outcome == ReminderOutcome.Send && !await OutboundEnqueue.ToPatientAsync(db, patientId, OutboundKind.Nudge, null,
                string.Create(CultureInfo.InvariantCulture, $"nudge/{patientId:N}/{day:yyyy-MM-dd}"), now, ct))
            logger.LogWarning("Nudge for patient {PatientId} reached no chat.", patientId);
        return outcome;
    }
}
