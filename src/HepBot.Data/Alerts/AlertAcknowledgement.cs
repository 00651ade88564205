using HepBot.Core.Alerts;
using HepBot.Core.Audit;

namespace HepBot.Data.Alerts;

/// <summary>A therapist has seen an alert: the same from the API and from the therapist's chat.</summary>
public static class AlertAcknowledgement
{
    /// <summary>Marks the alert acknowledged (once; a second tap changes nothing) and audits it. The caller saves.</summary>
    public static void Acknowledge(HepBotDbContext db, Alert alert, Guid therapistId, DateTimeOffset now)
    {
        if (alert.AcknowledgedAt is not null)
            return;
        alert.AcknowledgedAt = now;
        alert.AcknowledgedById = therapistId;
        db.Audit(AuditTrail.Therapist(therapistId), AuditAction.Update, nameof(Alert), alert.Id, alert.PatientId, now);
    }
}
