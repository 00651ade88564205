using HepBot.Core.Adherence;
using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Core.Sessions;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Adherence;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.WebApp.Workspace;

public sealed record PainPoint(DateOnly Date, int Session, int? Before, int? After);

public sealed record ExerciseOutcomes(string Name, int Done, int Skipped, int Stopped, IReadOnlyDictionary<SkipReason, int> SkipReasons);

public sealed record PatientRecord(
    Patient Patient,
    string TherapistName,
    DateOnly Today,
    int? ProgramVersion,
    IReadOnlyList<string> Exercises,
    IReadOnlyList<string> Chats,
    AdherenceReport Week,
    AdherenceReport Month,
    IReadOnlyList<CalendarDay> Calendar,
    IReadOnlyList<PainPoint> Pain,
    int PainDays,
    IReadOnlyList<ExerciseOutcomes> Outcomes,
    IReadOnlyList<AlertView> Alerts);

/// <summary>Everything on a patient's page, for a caller who may see the patient (null otherwise: a 404).</summary>
internal sealed class PatientRecordQuery(HepBotDbContext db, TimeProvider clock)
{
    public const int CalendarWeeks = 12;
    public const int OutcomeDays = 30;

    public async Task<PatientRecord?> LoadAsync(ApiCaller caller, Guid patientId, int painDays, string locale, CancellationToken ct)
    {
        var found = await db.Patients.VisibleTo(caller).AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new { Patient = p, TherapistName = p.Therapist!.Name }).SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var patient = found.Patient;
        var now = clock.GetUtcNow();
        var today = PatientClock.LocalDate(now, patient.TimeZoneId);

        var history = await AdherenceHistoryReader.ReadAsync(db, patient.Id, new DateSpan(DateOnly.MinValue, today), ct);
        var week = AdherenceCalculator.LastDays(history, 7, today);
        var month = AdherenceCalculator.LastDays(history, 30, today);
        // Whole weeks, Monday to Sunday, ending with this week.
        var sunday = today.AddDays((7 - (int)today.DayOfWeek) % 7);
        var calendar = AdherenceCalendar.Days(history, new DateSpan(sunday.AddDays(1 - 7 * CalendarWeeks), sunday), today);

        var painFrom = today.AddDays(1 - painDays);
        var pain = (await db.SessionLogs.AsNoTracking()
                .Where(l => l.PatientId == patient.Id && l.LocalDate >= painFrom && l.LocalDate <= today && (l.PainBefore != null || l.PainAfter != null))
                .Select(l => new PainPoint(l.LocalDate, l.SessionNumber, l.PainBefore, l.PainAfter)).ToListAsync(ct))
            .OrderBy(p => p.Date).ThenBy(p => p.Session).ToList();

        var outcomesFrom = today.AddDays(1 - OutcomeDays);
        var logs = await (from e in db.ExerciseLogs.AsNoTracking()
                          join l in db.SessionLogs on e.SessionLogId equals l.Id
                          where l.PatientId == patient.Id && l.LocalDate >= outcomesFrom && l.LocalDate <= today
                          select new { e.ExerciseId, e.Order, e.Outcome, e.Barrier }).ToListAsync(ct);
        var exerciseIds = logs.Select(l => l.ExerciseId).Distinct().ToList();
        var exercises = await db.Exercises.AsNoTracking().Where(e => exerciseIds.Contains(e.Id)).ToListAsync(ct);
        var outcomes = logs.GroupBy(l => l.ExerciseId)
            .OrderBy(g => g.Min(l => l.Order))
            .Select(g => new ExerciseOutcomes(
                exercises.Single(e => e.Id == g.Key).TextFor(locale).Name,
                g.Count(l => l.Outcome == ExerciseOutcome.Done),
                g.Count(l => l.Outcome == ExerciseOutcome.Skipped),
                g.Count(l => l.Outcome == ExerciseOutcome.Stopped),
                g.Where(l => l.Barrier is not null).GroupBy(l => l.Barrier!.Value).ToDictionary(b => b.Key, b => b.Count())))
            .ToList();

        var program = await db.Prescriptions.AsNoTracking().AsSplitQuery().Include(r => r.Items).ThenInclude(i => i.Exercise)
            .SingleOrDefaultAsync(r => r.PatientId == patient.Id && r.SupersededAt == null, ct);
        var chats = await db.ChannelAccounts.AsNoTracking()
            .Where(c => c.PatientId == patient.Id && c.UnreachableSince == null).Select(c => c.Channel).Distinct().ToListAsync(ct);
        var alerts = (await db.Alerts.AsNoTracking().Where(a => a.PatientId == patient.Id)
                .Select(a => new AlertView(a.Id, a.PatientId, patient.DisplayName, a.Kind, a.Severity, a.Detail, a.CreatedAt, a.AcknowledgedAt, a.ClearedAt, a.Tier, a.PatientWords,
                    null, a.Findings, a.PainScore, a.Moment, a.ExerciseId, null))
                .ToListAsync(ct))
            .OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
        alerts = await AlertView.WithReachAsync(db, alerts, ct);
        alerts = await AlertView.WithExerciseNamesAsync(db, alerts, locale, ct);

        db.AuditRead(caller, nameof(Patient), patient.Id, patient.Id, now);
        db.AuditRead(caller, nameof(Patient) + ".Adherence", patient.Id, patient.Id, now);
        foreach (var alert in alerts)
            db.AuditRead(caller, nameof(Alert), alert.Id, patient.Id, now);
        await db.SaveChangesAsync(ct);

        return new PatientRecord(patient, found.TherapistName, today, program?.Version,
            program?.Items.OrderBy(i => i.Order).Select(i => i.Exercise!.TextFor(locale).Name).ToList() ?? [],
            chats, week, month, calendar, pain, painDays, outcomes, alerts);
    }
}
