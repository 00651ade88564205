using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Alerts;

/// <summary>
/// Adds alerts to a unit of work so they are saved in the same transaction as their cause, together
/// with their delivery outbox rows (therapist chat and e-mail). One open alert per patient and kind:
/// a new cause for an already open alert adds nothing.
/// </summary>
public static class AlertWriter
{
    /// <returns>The new alert, or null when one of that kind is already open for the patient.</returns>
    /// <param name="reason">For safety alerts: tier, findings, score and the patient's words. An open alert of the
    /// same kind holds back a new one only when it is at least as urgent, so a chest pain is never hidden
    /// behind an open alert about a fall.</param>
    public static async Task<Alert?> RaiseAsync(HepBotDbContext db, Guid patientId, AlertKind kind, AlertSeverity severity,
        string? detail, DateTimeOffset now, CancellationToken ct, AlertReason? reason = null)
    {
        var open = await db.Alerts.Where(a => a.PatientId == patientId && a.Kind == kind
            && a.AcknowledgedAt == null && a.ClearedAt == null).Select(a => a.Tier).ToListAsync(ct);
        open.AddRange(db.Alerts.Local.Where(a => a.PatientId == patientId && a.Kind == kind && a.IsOpen).Select(a => a.Tier));
        var alreadyOpen = reason is null ? open.Count > 0 : open.Any(tier => (tier ?? UrgencyTier.None) >= reason.Tier);
        if (alreadyOpen)
            return null;

        var therapistId = await db.Patients.Where(p => p.Id == patientId).Select(p => p.TherapistId).SingleAsync(ct);
        var alert = Open(db, patientId, therapistId, kind, severity, detail, now);
        if (reason is not null)
        {
            alert.Tier = reason.Tier;
            alert.Findings = reason.Findings.Count == 0 ? null : reason.FindingNames;
            alert.PainScore = reason.PainScore;
            alert.PatientWords = reason.PatientWords is { Length: > Alert.MaxPatientWords } words
                ? words[..Alert.MaxPatientWords] : reason.PatientWords;
            alert.Moment = reason.Moment;
            alert.ExerciseId = reason.ExerciseId;
        }
        return alert;
    }

    /// <summary>
    /// Adds a new alert and its outbox rows. For callers that already know no alert of this kind is open
    /// (the nightly job loads every open alert at once instead of asking per patient).
    /// </summary>
    public static Alert Open(HepBotDbContext db, Guid patientId, Guid therapistId, AlertKind kind, AlertSeverity severity,
        string? detail, DateTimeOffset now)
    {
        var alert = new Alert
        {
            PatientId = patientId,
            TherapistId = therapistId,
            Kind = kind,
            Severity = severity,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            CreatedAt = now,
        };
        db.Alerts.Add(alert);
        foreach (var destination in Enum.GetValues<AlertDestination>())
            db.AlertDeliveries.Add(new AlertDelivery { AlertId = alert.Id, Destination = destination, NextAttemptAt = now });
        return alert;
    }
}
