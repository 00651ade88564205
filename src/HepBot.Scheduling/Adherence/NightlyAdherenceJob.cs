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
/// <param name="Batches">Pages of patients read, each in its own transaction.</param>
/// <param name="Queries">Queries the run sent (reads; the writes of each batch go in one save).</param>
public sealed record NightlyAdherenceResult(int Patients, int Opened, int Cleared, int Failed = 0, int Batches = 0, int Queries = 0, TimeSpan Elapsed = default);

/// <summary>
/// Once a night, for every patient under care: adherence from the logs and the daily alert rules. The
/// patients are read in pages of <see cref="SchedulingOptions.NightlyBatchSize"/> ordered by id (each page the ids
/// between two keys, so a page never skips or repeats a patient), <see cref="SchedulingOptions.NightlyParallelPages"/> of
/// them at once on their own connections, and each page is set-based — one query per table for its
/// patients' ids, grouped in memory — in one transaction of its own: new alerts (with their delivery
/// outbox rows) open, alerts whose condition no longer holds are cleared. Memory is bounded by a page,
/// whatever the number of patients. A patient whose stored data cannot be evaluated is logged by id
/// (never their text or the exception's message) and counted; a page that fails as a whole is rolled
/// back and run again one patient at a time, so one bad row never stops the others.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NightlyAdherenceJob(
    IDbContextFactory<HepBotDbContext> contexts,
    IOptions<AlertRuleOptions> rules,
    TimeProvider clock,
    ILogger<NightlyAdherenceJob> logger,
    IOptions<SchedulingOptions>? scheduling = null) : IJob
{
    public static readonly JobKey Key = new("nightlyAdherence", Reminders.ReminderKeys.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunAsync(ct);

    public async Task<NightlyAdherenceResult> RunAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var run = new Run(clock.GetUtcNow(), rules.Value);
        var options = scheduling?.Value ?? new SchedulingOptions();
        var batchSize = options.NightlyBatchSize;
        bool sqlite;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        // SQLite has one writer: a second page would only wait for the first one's transaction.
        var parallel = sqlite ? 1 : options.NightlyParallelPages;
        await Parallel.ForEachAsync(PagesAsync(run, batchSize, ct), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (page, token) =>
            {
                try
                {
                    await EvaluateBatchAsync(run, page.After, page.UpTo, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Something in the page's rows broke a query or the save: the page is rolled back; find the row by going one by one.
                    logger.LogWarning("Nightly adherence: a batch of up to {BatchSize} patients failed ({ExceptionType}); running it one patient at a time.",
                        batchSize, ex.GetType().Name);
                    await EvaluateOneByOneAsync(run, page, token);
                }
                Interlocked.Increment(ref run.Batches);
            });
        var elapsed = clock.GetElapsedTime(started);
        logger.LogInformation("Nightly adherence: {Patients} patients in {Batches} batches of up to {BatchSize}, {Parallel} at a time, {Queries} queries, {Seconds:0.00} s; "
            + "{Opened} alerts opened, {Cleared} cleared, {Failed} could not be evaluated.",
            run.Patients, run.Batches, batchSize, parallel, run.Queries, elapsed.TotalSeconds, run.Opened, run.Cleared, run.Failed.Count);
        return new(run.Patients, run.Opened, run.Cleared, run.Failed.Count, run.Batches, run.Queries, elapsed);
    }

    /// <summary>
    /// The patients under care, as pages of <paramref name="batchSize"/> by id: each page is the ids after the previous page's
    /// last one up to and including its own last one, found by one index read, so pages evaluated at the same time never
    /// share a patient and none is skipped. The last page has no upper end (it also takes patients added during the run).
    /// </summary>
    private async IAsyncEnumerable<Page> PagesAsync(Run run, int batchSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            Guid? last;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                Interlocked.Increment(ref run.Queries);
                last = await UnderCareAfter(db, after).OrderBy(p => p.Id).Skip(batchSize - 1).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
            }
            yield return new Page(after, last);
            if (last is null)
                yield break;
            after = last;
        }
    }

    /// <summary>The patients under care with an id after <paramref name="After"/> (from the first when null) up to and including <paramref name="UpTo"/> (to the last when null).</summary>
    private readonly record struct Page(Guid? After, Guid? UpTo);

    private sealed class Run(DateTimeOffset now, AlertRuleOptions settings)
    {
        private readonly HashSet<Guid> _failed = [];

        public DateTimeOffset Now { get; } = now;
        public AlertRuleOptions Settings { get; } = settings;
        // Pages run at once: every count is added with Interlocked, the failed patients under a lock.
        public int Patients, Opened, Cleared, Batches, Queries;

        public IReadOnlyCollection<Guid> Failed
        {
            get
            {
                lock (_failed)
                    return [.. _failed];
            }
        }

        public void Fail(Guid patientId)
        {
            lock (_failed)
                _failed.Add(patientId);
        }

        public async Task<List<T>> ReadAsync<T>(IQueryable<T> query, CancellationToken ct)
        {
            Interlocked.Increment(ref Queries);
            return await query.ToListAsync(ct);
        }
    }

    private async Task EvaluateOneByOneAsync(Run run, Page page, CancellationToken ct)
    {
        List<Guid> ids;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            ids = await run.ReadAsync(Within(db, page).OrderBy(p => p.Id).Select(p => p.Id), ct);
        var previous = page.After;
        foreach (var id in ids)
        {
            try
            {
                await EvaluateBatchAsync(run, previous, id, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref run.Patients);
                run.Fail(id);
                logger.LogWarning("Nightly adherence: the data of patient {PatientId} could not be read or saved ({ExceptionType}); the other patients' ran.",
                    id, ex.GetType().Name);
            }
            previous = id;
        }
    }

    private static IQueryable<Patient> UnderCareAfter(HepBotDbContext db, Guid? after) =>
        after is { } last
            ? db.Patients.Where(p => p.Status != PatientStatus.Deactivated && p.Id.CompareTo(last) > 0)
            : db.Patients.Where(p => p.Status != PatientStatus.Deactivated);

    private static IQueryable<Patient> Within(HepBotDbContext db, Page page) =>
        page.UpTo is { } upTo ? UnderCareAfter(db, page.After).Where(p => p.Id.CompareTo(upTo) <= 0) : UnderCareAfter(db, page.After);

    /// <summary>The patients under care after <paramref name="after"/> up to and including <paramref name="upTo"/>, in one transaction.</summary>
    private async Task EvaluateBatchAsync(Run run, Guid? after, Guid? upTo, CancellationToken ct)
    {
        var now = run.Now;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Each patient comes with their clinic's alert-rule defaults: still one query.
        var patients = await run.ReadAsync(
            from p in Within(db, new Page(after, upTo)).AsNoTracking().OrderBy(p => p.Id)
            join c in db.Clinics.AsNoTracking() on p.ClinicId equals c.Id
            select new { p.Id, p.TherapistId, p.TimeZoneId, p.LinkedAt, p.AlertRuleOverrides, ClinicDefaults = c.AlertRuleDefaults }, ct);
        if (patients.Count == 0)
            return;

        // Each patient's own thresholds (their overrides, else their clinic's defaults, else the settings), today, and
        // how far back their rules look: two weeks of pain, their no-contact window, and a run of missed days.
        var patientsToday = new Dictionary<Guid, (DateOnly Today, AlertRuleOptions Options, DateOnly From)>();
        foreach (var p in patients)
            Isolated(p.Id, run, () =>
            {
                var today = PatientClock.LocalDate(now, p.TimeZoneId);
                var options = AlertRuleOverrides.Resolve(run.Settings, p.ClinicDefaults, p.AlertRuleOverrides);
                patientsToday[p.Id] = (today, options, today.AddDays(-Math.Max(31, options.NoContactDays + 1)));
            });
        if (patientsToday.Count == 0)
        {
            Interlocked.Add(ref run.Patients, patients.Count);
            return;
        }
        var from = patientsToday.Values.Min(p => p.From);
        // Every other read is by this page's patient ids, so each one walks the tables' patient indexes for the
        // page's rows only: the cost of a page does not grow with the number of patients in the database.
        var ids = patientsToday.Keys.ToList();

        var versions = (await run.ReadAsync(db.Prescriptions.AsNoTracking()
                .Where(v => ids.Contains(v.PatientId))
                .Select(v => new { v.PatientId, v.Version, v.Schedule, ItemCount = v.Items.Count }), ct))
            .ToLookup(v => v.PatientId);

        var recentLogs = db.SessionLogs.Where(l => l.LocalDate >= from && ids.Contains(l.PatientId));
        var sessions = await run.ReadAsync(recentLogs.AsNoTracking()
            .Select(l => new { l.Id, l.PatientId, l.LocalDate, l.SessionNumber, l.ExercisesPlanned, l.Status, l.PainBefore, l.PainAfter, l.SkipBarrier }), ct);
        // The exercises done and the pain scored during them, one row per exercise that has either.
        var exercises = (await run.ReadAsync(
                from l in recentLogs
                join e in db.ExerciseLogs on l.Id equals e.SessionLogId
                where e.Outcome == ExerciseOutcome.Done || e.Pain != null
                select new { e.SessionLogId, Done = e.Outcome == ExerciseOutcome.Done, e.Pain }, ct))
            .ToLookup(e => e.SessionLogId);
        // The page reads from its earliest patient's window; each patient keeps only their own, so the answer never depends on the page.
        var sessionsByPatient = sessions
            .Where(s => patientsToday.TryGetValue(s.PatientId, out var p) && s.LocalDate >= p.From)
            .ToLookup(s => s.PatientId, s => new SessionRecord(
                s.LocalDate, s.SessionNumber, s.ExercisesPlanned, exercises[s.Id].Count(e => e.Done), s.Status,
                AdherenceHistoryReader.PainScores(s.PainBefore, s.PainAfter, exercises[s.Id].Where(e => e.Pain is not null).Select(e => e.Pain!.Value)),
                s.SkipBarrier));

        var dailyKinds = AlertRules.DailyKinds;
        // Alerts whose condition has not cleared yet, acknowledged or not: an acknowledged alert keeps its
        // rule quiet until the condition goes away, so a therapist is not told the same thing every night.
        var standingAlerts = (await run.ReadAsync(db.Alerts
                .Where(a => a.ClearedAt == null && dailyKinds.Contains(a.Kind) && ids.Contains(a.PatientId)), ct))
            .ToLookup(a => a.PatientId);

        // For "ready to progress": the current program's exercises with their limits, and earlier suggestions.
        var currentItems = (await run.ReadAsync(
                from v in db.Prescriptions.AsNoTracking()
                where v.SupersededAt == null && ids.Contains(v.PatientId)
                join i in db.PrescriptionItems.AsNoTracking() on v.Id equals i.PrescriptionId
                join x in db.Exercises.AsNoTracking() on i.ExerciseId equals x.Id
                select new { v.PatientId, v.Schedule.StartDate, Item = i, x.Slug }, ct))
            .ToLookup(x => x.PatientId);
        var suggestions = (await run.ReadAsync(db.Alerts.AsNoTracking()
                .Where(a => a.Kind == AlertKind.ReadyToProgress && ids.Contains(a.PatientId))
                .Select(a => new { a.PatientId, a.CreatedAt, a.AcknowledgedAt, a.ClearedAt }), ct))
            .ToLookup(a => a.PatientId);

        int opened = 0, cleared = 0;
        foreach (var patient in patients.Where(p => patientsToday.ContainsKey(p.Id)))
        {
            var (today, options, _) = patientsToday[patient.Id];
            var items = currentItems[patient.Id].ToList();
            var standing = standingAlerts[patient.Id].ToList();
            // Everything that reads this patient's stored data happens here; writes follow only when it all worked.
            IReadOnlyList<AlertFinding> findings = [];
            IReadOnlyList<DoseStep>? steps = null;
            if (Isolated(patient.Id, run, () =>
                {
                    var periods = AdherenceHistoryReader.ProgramPeriods(versions[patient.Id].OrderBy(v => v.Version).Select(v => (v.Schedule, v.ItemCount)));
                    var history = new AdherenceHistory(periods, sessionsByPatient[patient.Id].ToList(), [], []);
                    DateOnly? linkedOn = patient.LinkedAt is { } linked ? PatientClock.LocalDate(linked, patient.TimeZoneId) : null;
                    findings = AlertRules.Evaluate(history, today, linkedOn, options);
                    // One suggestion at a time, and none again within the run of days that earned the last one.
                    var suggestedLately = suggestions[patient.Id].Any(a => (a.AcknowledgedAt is null && a.ClearedAt is null)
                        || a.CreatedAt > now.AddDays(-options.ReadyToProgressAfterDays));
                    if (items.Count > 0 && !suggestedLately
                        && ProgressionRule.IsReady(history, items[0].StartDate, today, options.ReadyToProgressAfterDays, options.ReadyToProgressMaxPain)
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
        // Counted once the page is committed, so a page run again one by one does not count twice.
        Interlocked.Add(ref run.Patients, patients.Count);
        Interlocked.Add(ref run.Opened, opened);
        Interlocked.Add(ref run.Cleared, cleared);
    }

    /// <returns>True when <paramref name="evaluate"/> failed: the patient is counted and logged by id and exception type only,
    /// since a message may quote stored values.</returns>
    private bool Isolated(Guid patientId, Run run, Action evaluate)
    {
        try
        {
            evaluate();
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            run.Fail(patientId);
            logger.LogWarning("Nightly adherence: the rules for patient {PatientId} could not be evaluated ({ExceptionType}); the other patients' ran.",
                patientId, ex.GetType().Name);
            return true;
        }
    }
}
