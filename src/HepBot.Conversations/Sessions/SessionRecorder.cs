using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// Saves a patient's answers the moment they are given, so a session in progress is never lost and a
/// conversation can resume from the database alone. Every write is idempotent: a repeated answer
/// (a double tap, a redelivered message) updates the same rows instead of adding new ones.
/// </summary>
public sealed class SessionRecorder(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock, ProgramItemsCache programItems)
{
    // Compiled once: these run on nearly every patient turn, and a LINQ query is otherwise built, parameterised and looked
    // up in EF's query cache each time it runs.
    private static readonly PerModelQuery<Func<HepBotDbContext, Guid, CancellationToken, Task<Patient?>>> PatientById = new(() =>
        EF.CompileAsyncQuery((HepBotDbContext db, Guid patientId, CancellationToken _) =>
            db.Patients.AsNoTracking().SingleOrDefault(p => p.Id == patientId)));

    private static readonly PerModelQuery<Func<HepBotDbContext, Guid, CancellationToken, Task<Prescription?>>> CurrentProgram = new(() =>
        EF.CompileAsyncQuery((HepBotDbContext db, Guid patientId, CancellationToken _) =>
            db.Prescriptions.AsNoTracking().SingleOrDefault(p => p.PatientId == patientId && p.SupersededAt == null)));

    private static readonly PerModelQuery<Func<HepBotDbContext, Guid, DateOnly, IAsyncEnumerable<SessionLog>>> LogsOfDay = new(() =>
        EF.CompileAsyncQuery<HepBotDbContext, Guid, DateOnly, SessionLog>((db, patientId, day) =>
            db.SessionLogs.AsNoTracking().Include(l => l.Exercises)
                .Where(l => l.PatientId == patientId && l.LocalDate == day)
                .OrderBy(l => l.SessionNumber)));

    /// <summary>Today's plan; read once in a turn and kept for the rest of it until something changes it (<see cref="TurnReads"/>).</summary>
    public async Task<TodayPlan?> LoadTodayAsync(Guid patientId, CancellationToken ct)
    {
        var turn = TurnReads.Current;
        if (turn?.PlanOf(patientId) is { } kept)
            return kept;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = turn?.PatientOf(patientId) ?? await PatientById.For(db)(db, patientId, ct);
        if (patient is null)
            return null;
        var today = PatientClock.LocalDate(clock.GetUtcNow(), patient.TimeZoneId);
        // The program, then its items by the program's id: a program version's items never change, so the two reads
        // agree, and the items are kept between turns (ProgramItemsCache). One query with the items included makes
        // SQLite build the join of every program's items with their exercises before it picks this program's (a scan
        // that grows with the clinic).
        var prescription = await CurrentProgram.For(db)(db, patientId, ct);
        if (prescription is not null)
        {
            var prescriptionId = prescription.Id;
            prescription.Items = await programItems.GetAsync(prescriptionId, token => db.PrescriptionItems.AsNoTracking()
                .Include(i => i.Exercise).Where(i => i.PrescriptionId == prescriptionId).OrderBy(i => i.Order).ToListAsync(token), ct);
        }
        var logs = await LogsOfDay.For(db)(db, patientId, today).ToListAsync(ct);
        var plan = new TodayPlan(patient, today, prescription, logs);
        turn?.Keep(plan);
        return plan;
    }

    /// <summary>Whether the patient has answered this exercise in an earlier session: then the compact card is enough.</summary>
    public async Task<bool> HasMetBeforeAsync(Guid patientId, Guid exerciseId, Guid currentLogId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // From the patient's own sessions (indexed by patient) to their exercise logs (indexed by session): the
        // exercise logs have no index by exercise, and asking them first would read every patient's.
        return await MetBefore.For(db)(db, patientId, exerciseId, currentLogId, ct);
    }

    private static readonly PerModelQuery<Func<HepBotDbContext, Guid, Guid, Guid, CancellationToken, Task<bool>>> MetBefore = new(() =>
        EF.CompileAsyncQuery((HepBotDbContext db, Guid patientId, Guid exerciseId, Guid currentLogId, CancellationToken _) =>
            db.SessionLogs.AsNoTracking()
                .Where(l => l.PatientId == patientId && l.Id != currentLogId)
                .Any(l => l.Exercises.Any(e => e.ExerciseId == exerciseId))));

    /// <summary>No other session of this program version has an answer yet: the session that starts now is its first.</summary>
    public async Task<bool> IsFirstSessionOfAsync(Guid prescriptionId, Guid currentLogId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return !await db.SessionLogs.AsNoTracking()
            .AnyAsync(l => l.PrescriptionId == prescriptionId && l.Id != currentLogId && l.Exercises.Any(), ct);
    }

    /// <summary>Today's unfinished session, or a new one numbered after those already finished.</summary>
    public async Task<SessionLog> BeginAsync(TodayPlan plan, CancellationToken ct)
    {
        if (plan.Unfinished is { } unfinished)
            return unfinished;
        var prescription = plan.Prescription ?? throw new InvalidOperationException("No program to start.");
        var log = new SessionLog
        {
            PatientId = plan.Patient.Id,
            PrescriptionId = prescription.Id,
            LocalDate = plan.Date,
            SessionNumber = plan.LogsToday.Count == 0 ? 1 : plan.LogsToday.Max(l => l.SessionNumber) + 1,
            ExercisesPlanned = plan.Items.Count,
            Status = SessionStatus.InProgress,
            StartedAt = clock.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.SessionLogs.Add(log);
        try
        {
            await db.SaveChangesAsync(ct);
            TurnReads.Wrote((SessionLog)db.Entry(log).CurrentValues.ToObject());
            return log;
        }
        catch (DbUpdateException)
        {
            TurnReads.ForgetPlan();
            // Another turn of the same patient created it first (unique patient/date/number): use that one.
            await using var again = await contexts.CreateDbContextAsync(ct);
            return await again.SessionLogs.AsNoTracking().Include(l => l.Exercises)
                .SingleAsync(l => l.PatientId == log.PatientId && l.LocalDate == log.LocalDate && l.SessionNumber == log.SessionNumber, ct);
        }
    }

    public Task SetPainBeforeAsync(Guid logId, int pain, CancellationToken ct) =>
        UpdateAsync(logId, l => l.PainBefore = pain, ct);

    public Task SetPainAfterAsync(Guid logId, int pain, CancellationToken ct) =>
        UpdateAsync(logId, l => l.PainAfter = pain, ct);

    public Task CompleteAsync(Guid logId, Difficulty difficulty, CancellationToken ct) =>
        UpdateAsync(logId, l =>
        {
            l.Difficulty = difficulty;
            l.Status = SessionStatus.Completed;
            l.EndedAt = clock.GetUtcNow();
        }, ct);

    /// <summary>Records one exercise's outcome; answering the same exercise again replaces the earlier answer.</summary>
    public async Task RecordExerciseAsync(Guid logId, ExerciseAnswer answer, CancellationToken ct)
    {
        // This turn's plan, read a moment ago, says whether the item has an answer yet: then a first answer is only an
        // insert. Without a kept plan, or to replace an answer, the row is read first.
        var kept = TurnReads.Current?.LogOf(logId);
        var first = kept is not null && kept.Exercises.All(e => e.PrescriptionItemId != answer.PrescriptionItemId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entry = first ? null : await db.ExerciseLogs.SingleOrDefaultAsync(
            e => e.SessionLogId == logId && e.PrescriptionItemId == answer.PrescriptionItemId, ct);
        if (entry is null)
        {
            entry = new ExerciseLog { SessionLogId = logId, PrescriptionItemId = answer.PrescriptionItemId };
            db.ExerciseLogs.Add(entry);
        }
        entry.ExerciseId = answer.ExerciseId;
        entry.Order = answer.Order;
        entry.Outcome = answer.Outcome;
        entry.Barrier = answer.Reason;
        entry.SetsDone = answer.SetsDone;
        entry.Pain = answer.Pain;
        entry.Note = answer.Note;
        entry.RecordedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (first)
        {
            // Most likely another turn answered the item after this turn's read (unique session/item): replace that
            // answer, as a repeated answer does, reading the row this time. Any other failure surfaces there.
            TurnReads.ForgetPlan();
            await RecordExerciseAsync(logId, answer, ct);
            return;
        }
        TurnReads.Wrote((ExerciseLog)db.Entry(entry).CurrentValues.ToObject());
    }

    /// <summary>
    /// Ends the session for safety (high pain or a red flag) and raises the therapist alert in the same
    /// transaction, so the alert exists exactly when the stop was recorded.
    /// </summary>
    public async Task StopForSafetyAsync(Guid logId, AlertKind kind, string detail, CancellationToken ct, AlertReason? reason = null,
        AlertSeverity? severity = null)
    {
        TurnReads.ForgetPlan();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var log = await db.SessionLogs.SingleAsync(l => l.Id == logId, ct);
        log.Status = SessionStatus.StoppedForSafety;
        log.EndedAt = clock.GetUtcNow();
        log.UnansweredSafetyQuestion = null;
        await AlertWriter.RaiseAsync(db, log.PatientId, kind, severity ?? reason?.Severity ?? AlertSeverity.Urgent, detail, clock.GetUtcNow(), ct, reason);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The patient chose to stop for today after a warning sign: the day is over, the alert was already raised.</summary>
    public Task EndTodayForSafetyAsync(Guid logId, CancellationToken ct) =>
        UpdateAsync(logId, l =>
        {
            l.Status = SessionStatus.StoppedForSafety;
            l.EndedAt = clock.GetUtcNow();
        }, ct);

    /// <summary>Keeps (or clears, with null) the safety question the patient left unanswered today.</summary>
    public Task SetUnansweredSafetyQuestionAsync(Guid logId, Core.Safety.SafetyQuestion? question, CancellationToken ct) =>
        UpdateAsync(logId, l => l.UnansweredSafetyQuestion = question, ct);

    /// <summary>Records that the patient skipped the rest of today, and why.</summary>
    public async Task SkipDayAsync(TodayPlan plan, SkipReason reason, CancellationToken ct)
    {
        var log = await BeginAsync(plan, ct);
        await UpdateAsync(log.Id, l =>
        {
            l.Status = SessionStatus.SkippedDay;
            l.SkipBarrier = reason;
            l.EndedAt = clock.GetUtcNow();
        }, ct);
    }

    /// <summary>
    /// Keeps the barrier a patient gave at the weekly check-in for a missed day: on that day's latest
    /// session when there is one, else as the day skipped. False when there is no program to record it against.
    /// </summary>
    public async Task<bool> RecordBarrierAsync(Guid patientId, DateOnly day, SkipReason reason, CancellationToken ct)
    {
        TurnReads.ForgetPlan();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var log = await db.SessionLogs.Where(l => l.PatientId == patientId && l.LocalDate == day)
            .OrderByDescending(l => l.SessionNumber).FirstOrDefaultAsync(ct);
        if (log is null)
        {
            var prescription = await db.Prescriptions.AsNoTracking()
                .Where(p => p.PatientId == patientId && p.SupersededAt == null)
                .Select(p => new { p.Id, Items = p.Items.Count })
                .FirstOrDefaultAsync(ct);
            if (prescription is null)
                return false;
            var now = clock.GetUtcNow();
            log = new SessionLog
            {
                PatientId = patientId, PrescriptionId = prescription.Id, LocalDate = day, SessionNumber = 1,
                ExercisesPlanned = prescription.Items, Status = SessionStatus.SkippedDay, StartedAt = now, EndedAt = now,
            };
            db.SessionLogs.Add(log);
        }
        log.SkipBarrier = reason;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Sessions left unfinished on an earlier day stay recorded as they were, marked abandoned.</summary>
    public async Task<int> AbandonUnfinishedBeforeAsync(Guid patientId, DateOnly today, CancellationToken ct)
    {
        TurnReads.ForgetPlan();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stale = await db.SessionLogs
            .Where(l => l.PatientId == patientId && l.LocalDate < today && l.Status == SessionStatus.InProgress)
            .ToListAsync(ct);
        foreach (var log in stale)
            log.Status = SessionStatus.Abandoned;
        await db.SaveChangesAsync(ct);
        return stale.Count;
    }

    public async Task<SessionLog> GetAsync(Guid logId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SessionLogs.AsNoTracking().Include(l => l.Exercises).SingleAsync(l => l.Id == logId, ct);
    }

    private async Task UpdateAsync(Guid logId, Action<SessionLog> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var log = await db.SessionLogs.SingleAsync(l => l.Id == logId, ct);
        change(log);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            TurnReads.ForgetPlan();
            throw;
        }
        TurnReads.Wrote((SessionLog)db.Entry(log).CurrentValues.ToObject());
    }
}

/// <summary>A patient's answer for one exercise of a session.</summary>
public sealed record ExerciseAnswer(
    Guid PrescriptionItemId,
    Guid ExerciseId,
    int Order,
    ExerciseOutcome Outcome,
    int SetsDone,
    SkipReason? Reason = null,
    int? Pain = null,
    string? Note = null);
