using System.Globalization;
using HepBot.Conversations.Sessions;
using HepBot.Core.Patients;
using HepBot.Core.Reminders;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Scheduling.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace HepBot.Scheduling.CheckIns;

/// <summary>
/// The weekly check-in. One global trigger fires every hour on the hour; each run picks the patients
/// whose local time is then <see cref="SchedulingOptions.WeeklyCheckInDay"/> in the hour
/// <see cref="SchedulingOptions.WeeklyCheckInHour"/>, so everyone gets it once a week at the same local
/// time whatever their zone. Only patients who get reminders (consent, a program, not deactivated)
/// and are not paused that day get <see cref="WeekSummary.CheckIn"/>, queued once per patient and local
/// day for the outbound sender (which reads the week when it sends). A run that fires late after
/// downtime still judges by its scheduled hour, and skips patients whose local day has moved on.
/// </summary>
public sealed class WeeklyCheckInJob(
    IDbContextFactory<HepBotDbContext> contexts,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    ILogger<WeeklyCheckInJob> logger) : IJob
{
    public static readonly JobKey Key = new("weeklyCheckIn", Reminders.ReminderKeys.Group);

    /// <summary>Every hour on the hour, in UTC: every zone's whole hours and half hours are reached.</summary>
    public const string Cron = "0 0 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await RunAsync(context.ScheduledFireTimeUtc ?? clock.GetUtcNow(), ct);

    /// <returns>The patients the check-in was queued for (a chat of theirs is reachable).</returns>
    public async Task<IReadOnlyList<Guid>> RunAsync(DateTimeOffset scheduledFor, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var sent = new List<Guid>();
        Guid? after = null;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var query = db.Patients.AsNoTracking()
                .Where(p => p.MessagingConsentAt != null && p.Status != PatientStatus.Deactivated);
            if (after is { } last)
                query = query.Where(p => p.Id.CompareTo(last) > 0);
            var batch = await query.OrderBy(p => p.Id).Take(settings.StartupSyncBatchSize).ToListAsync(ct);
            if (batch.Count == 0)
                break;
            after = batch[^1].Id;

            var due = batch.Where(p => IsDue(p, scheduledFor, now, settings)).ToList();
            var ids = due.Select(p => p.Id).ToList();
            var schedules = (await db.Prescriptions.AsNoTracking()
                    .Where(p => ids.Contains(p.PatientId) && p.SupersededAt == null)
                    .Select(p => new { p.PatientId, p.Schedule })
                    .ToListAsync(ct))
                .GroupBy(p => p.PatientId).ToDictionary(g => g.Key, g => g.First().Schedule);
            foreach (var patient in due)
            {
                var day = PatientClock.LocalDate(scheduledFor, patient.TimeZoneId);
                if (ReminderPlan.For(patient, schedules.GetValueOrDefault(patient.Id)).Count == 0 || ReminderDecision.IsPaused(patient, day))
                    continue;
                if (await OutboundEnqueue.ToPatientAsync(db, patient.Id, OutboundKind.WeeklyCheckIn, OutboundContent.CheckInArguments(day),
                        string.Create(CultureInfo.InvariantCulture, $"checkin/{patient.Id:N}/{day:yyyy-MM-dd}"), now, ct))
                    sent.Add(patient.Id);
                else
                    logger.LogWarning("Weekly check-in for patient {PatientId} reached no chat.", patient.Id);
            }
        }
        logger.LogInformation("Weekly check-in queued for {Count} patients.", sent.Count);
        return sent;
    }

    private static bool IsDue(Patient patient, DateTimeOffset scheduledFor, DateTimeOffset now, SchedulingOptions settings)
    {
        if (!PatientClock.IsKnownZone(patient.TimeZoneId))
            return false;
        var local = PatientClock.LocalNow(scheduledFor, patient.TimeZoneId);
        return local.DayOfWeek == settings.WeeklyCheckInDay && local.Hour == settings.WeeklyCheckInHour
            && PatientClock.LocalDate(now, patient.TimeZoneId) == DateOnly.FromDateTime(local.DateTime);
    }
}
