using HepBot.Core.Adherence;
using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Core.Progression;
using HepBot.Core.Sessions;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Adherence;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace HepBot.Scheduling.Adherence;

/// <param name="Failed">Patients whose rules could not be evaluated (logged by id); the others' still ran.</param>
public sealed record NightlyAdherenceResult(int Patients, int Opened, int Cleared, int Failed = 0);

/// <summary>
/// Once a night, for every patient under care at once: adherence from the logs and the daily alert
/// rules. Set-based — one query per table whatever the number of patients, grouped in memory — and
/// one transaction: new alerts (with their delivery outbox rows) open, alerts whose condition no
/// longer holds are cleared. A patient whose stored data cannot be evaluated is logged by id (never
/// their text or the exception's message) and counted, and the run goes on for everyone else.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NightlyAdherenceJob(
    IDbContextFactory<HepBotDbContext> contexts,
    IOptions<AlertRuleOptions> rules,
    TimeProvider clock,
    ILogger<NightlyAdherenceJob> logger) : IJob
{
    public static readonly JobKey Key = new("nightlyAdherence", Reminders.ReminderKeys.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunAsync(ct);

    public async Task<NightlyAdherenceResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settings = rules.Value;

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var underCare = db.Patients.Where(p => p.Status != PatientStatus.Deactivated);
        // Each patient comes with their clinic's alert-rule defaults: still one query.
        var patients = await (from p in underCare.AsNoTracking()
                              join c in db.Clinics.AsNoTracking() on p.ClinicId equals c.Id
                              select new { p.Id, p.TherapistId, p.TimeZoneId, p.LinkedAt, p.AlertRuleOverrides, ClinicDefaults = c.AlertRuleDefaults })
            .ToListAsync(ct);
        var failed = new HashSet<Guid>();
        var todays = new Dictionary<Guid, DateOnly>();
        foreach (var p in patients)
            Isolated(p.Id, failed, () => todays[p.Id] = PatientClock.LocalDate(now, p.TimeZoneId));
        // Each patient's own thresholds: their overrides, else their clinic's defaults, else the settings.
        var effective = patients.ToDictionary(p => p.Id,
            p => AlertRuleOverrides.Resolve(settings, p.ClinicDefaults, p.AlertRuleOverrides));
        if (todays.Count == 0)
            return new(patients.Count, 0, 0, failed.Count);
        // Enough history for every rule: two weeks of pain, the longest no-contact window, and a run of missed days.
        var lookback = Math.Max(31, effective.Values.Max(o => o.NoContactDays) + 1);
        var from = todays.Values.Min().AddDays(-lookback);

        var versions = (await db.Prescriptions.AsNoTracking()
                .Where(v => underCare.Any(p => p.Id == v.PatientId))
                .Select(v => new { v.PatientId, v.Version, v.Schedule, ItemCount = v.Items.Count })
                .ToListAsync(ct))
            .ToLookup(v => v.PatientId);

        var recentLogs = db.SessionLogs.Where(l => l.LocalDate >= from && underCare.Any(p => p.Id == l.PatientId));
        var sessions = await recentLogs.AsNoTracking()
            .Select(l => new
            {
                l.Id, l.PatientId, l.LocalDate, l.SessionNumber, l.ExercisesPlanned, l.Status, l.PainBefore, l.PainAfter, l.SkipBarrier,
                Done = l.Exercises.Count(e => e.Outcome == ExerciseOutcome.Done),
            })
            .ToListAsync(ct);
        var pains = (await db.ExerciseLogs.AsNoTracking()
                .Where(e => e.Pain != null && recentLogs.Any(l => l.Id == e.SessionLogId))
                .Select(e => new { e.SessionLogId, Pain = e.Pain!.Value })
                .ToListAsync(ct))
            .ToLookup(e => e.SessionLogId, e => e.Pain);
        var sessionsByPatient = sessions.ToLookup(s => s.PatientId, s => new SessionRecord(
            s.LocalDate, s.SessionNumber, s.ExercisesPlanned, s.Done, s.Status,
            AdherenceHistoryReader.PainScores(s.PainBefore, s.PainAfter, pains[s.Id]), s.SkipBarrier));

        var dailyKinds = AlertRules.DailyKinds;
        // Alerts whose condition has not cleared yet, acknowledged or not: an acknowledged alert keeps its
        // rule quiet until the condition goes away, so a therapist is not told the same thing every night.
        var standingAlerts = (await db.Alerts
                .Where(a => a.ClearedAt == null && dailyKinds.Contains(a.Kind))
                .ToListAsync(ct))
            .ToLookup(a => a.PatientId);

        // For "ready to progress": the current program's exercises with their limits, and earlier suggestions.
        var currentItems = (await db.PrescriptionItems.AsNoTracking()
                .Where(i => db.Prescriptions.Any(v => v.Id == i.PrescriptionId && v.SupersededAt == null && underCare.Any(p => p.Id == v.PatientId)))
                .Select(i => new { Prescription = db.Prescriptions.Where(v => v.Id == i.PrescriptionId).Select(v => new { v.PatientId, v.Schedule.StartDate }).First(), Item = i, i.Exercise!.Slug })
                .ToListAsync(ct))
            .ToLookup(x => x.Prescription.PatientId);
        var suggestions = (await db.Alerts.AsNoTracking()
                .Where(a => a.Kind == AlertKind.ReadyToProgress && underCare.Any(p => p.Id == a.PatientId))
                .Select(a => new { a.PatientId, a.CreatedAt, a.AcknowledgedAt, a.ClearedAt })
                .ToListAsync(ct))
            .ToLookup(a => a.PatientId);

        int opened = 0, cleared = 0;
        foreach (var patient in patients.Where(p => todays.ContainsKey(p.Id)))
        {
            var today = todays[patient.Id];
            var options = effective[patient.Id];
            var items = currentItems[patient.Id].ToList();
            var standing = standingAlerts[patient.Id].ToList();
            // Everything that reads this patient's stored data happens here; writes follow only when it all worked.
            IReadOnlyList<AlertFinding> findings = [];
            IReadOnlyList<DoseStep>? steps = null;
            if (Isolated(patient.Id, failed, () =>
                {
                    var periods = AdherenceHistoryReader.ProgramPeriods(versions[patient.Id].OrderBy(v => v.Version).Select(v => (v.Schedule, v.ItemCount)));
                    var history = new AdherenceHistory(periods, sessionsByPatient[patient.Id].ToList(), [], []);
                    DateOnly? linkedOn = patient.LinkedAt is { } linked ? PatientClock.LocalDate(linked, patient.TimeZoneId) : null;
                    findings = AlertRules.Evaluate(history, today, linkedOn, options);
                    // One suggestion at a time, and none again within the run of days that earned the last one.
                    var suggestedLately = suggestions[patient.Id].Any(a => (a.AcknowledgedAt is null && a.ClearedAt is null)
                        || a.CreatedAt > now.AddDays(-options.ReadyToProgressAfterDays));
                    if (items.Count > 0 && !suggestedLately
                        && ProgressionRule.IsReady(history, items[0].Prescription.StartDate, today, options.ReadyToProgressAfterDays, options.ReadyToProgressMaxPain)
                        && ProgressionRule.Suggest(items.Select(x => x.Item)) is { Count: > 0 } suggested)
                        steps = suggested;
                }))
                continue;

            foreach (var finding in findings.Where(f => standing.All(a => a.Kind != f.Kind)))
            {
                AlertWriter.Open(db, patient.Id, patient.TherapistId, finding.Kind, finding.Severity, finding.Detail, now);
                opened++;
            }
            foreach (var alert in standing.Where(a => findings.All(f => f.Kind != a.Kind)))
            {
                alert.ClearedAt = now;
                cleared++;
            }

            if (steps is not null)
            {
                var slugs = items.ToDictionary(x => x.Item.Order, x => x.Slug);
                var detail = DailyAlertDetail.ReadyToProgress(options.ReadyToProgressAfterDays, options.ReadyToProgressMaxPain,
                    steps.Select(s => $"{slugs[s.Order]} {ProgressionRule.Describe(s.From)} → {ProgressionRule.Describe(s.To)}"));
                AlertWriter.Open(db, patient.Id, patient.TherapistId, AlertKind.ReadyToProgress, AlertSeverity.Info, detail, now);
                opened++;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Nightly adherence: {Patients} patients, {Opened} alerts opened, {Cleared} cleared, {Failed} could not be evaluated.",
            patients.Count, opened, cleared, failed.Count);
        return new(patients.Count, opened, cleared, failed.Count);
    }

    /// <returns>True when <paramref name="evaluate"/> failed: the patient is counted and logged by id and exception type only,
    /// since a message may quote stored values.</returns>
    private bool Isolated(Guid patientId, HashSet<Guid> failed, Action evaluate)
    {
        try
        {
            evaluate();
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failed.Add(patientId);
            logger.LogWarning("Nightly adherence: the rules for patient {PatientId} could not be evaluated ({ExceptionType}); the other patients' ran.",
                patientId, ex.GetType().Name);
            return true;
        }
    }
}
