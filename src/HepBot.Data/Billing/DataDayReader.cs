using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Billing;

/// <summary>
/// Finds patients' data days: patient-local dates (in the patient's time zone) on which the patient sent HepBot
/// at least one data point, each dated by the moment it was recorded. A data point is an answer to an exercise,
/// a pain score before or after a session, a closing answer (pain after, difficulty), a day skipped with its
/// reason (also from the weekly check-in), a message to the therapist, or a warning sign or pain the patient
/// reported (the alert it raised).
/// </summary>
public static class DataDayReader
{
    /// <summary>The alerts that come from something the patient reported, not from a nightly rule.</summary>
    public static readonly AlertKind[] ReportedByPatient = [AlertKind.RedFlag, AlertKind.HighPain, AlertKind.AskedForHelp];

    public static async Task<Dictionary<Guid, HashSet<DateOnly>>> ReadAsync(HepBotDbContext db,
        IReadOnlyDictionary<Guid, string> zonesByPatient, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var ids = zonesByPatient.Keys.ToList();
        // Widened by a day and a half on each side: every zone's local day lies within it.
        var fromUtc = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-36);
        var toUtc = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(60);

        var answers = await db.ExerciseLogs.AsNoTracking()
            .Join(db.SessionLogs, e => e.SessionLogId, s => s.Id, (e, s) => new { s.PatientId, e.RecordedAt })
            .Where(x => ids.Contains(x.PatientId) && x.RecordedAt >= fromUtc && x.RecordedAt < toUtc)
            .Select(x => new { x.PatientId, At = x.RecordedAt })
            .ToListAsync(ct);
        var started = await db.SessionLogs.AsNoTracking()
            .Where(s => ids.Contains(s.PatientId) && s.StartedAt >= fromUtc && s.StartedAt < toUtc
                && (s.PainBefore != null || s.Status == Core.Sessions.SessionStatus.SkippedDay))
            .Select(s => new { s.PatientId, At = s.StartedAt })
            .ToListAsync(ct);
        var ended = await db.SessionLogs.AsNoTracking()
            .Where(s => ids.Contains(s.PatientId) && s.EndedAt != null && s.EndedAt >= fromUtc && s.EndedAt < toUtc
                && (s.PainAfter != null || s.Difficulty != null))
            .Select(s => new { s.PatientId, At = s.EndedAt!.Value })
            .ToListAsync(ct);
        var messages = await db.PatientMessages.AsNoTracking()
            .Where(m => ids.Contains(m.PatientId) && m.Direction == MessageDirection.PatientToTherapist && m.SentAt >= fromUtc && m.SentAt < toUtc)
            .Select(m => new { m.PatientId, At = m.SentAt })
            .ToListAsync(ct);
        var reported = await db.Alerts.AsNoTracking()
            .Where(a => ids.Contains(a.PatientId) && ReportedByPatient.Contains(a.Kind) && a.CreatedAt >= fromUtc && a.CreatedAt < toUtc)
            .Select(a => new { a.PatientId, At = a.CreatedAt })
            .ToListAsync(ct);

        var days = ids.ToDictionary(id => id, _ => new HashSet<DateOnly>());
        foreach (var point in answers.Concat(started).Concat(ended).Concat(messages).Concat(reported))
        {
            var local = PatientClock.LocalDate(point.At, zonesByPatient[point.PatientId]);
            if (local >= from && local <= to)
                days[point.PatientId].Add(local);
        }
        return days;
    }
}
