using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Core.Safety;
using HepBot.Data;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Patients;

/// <summary>
/// Stores a patient's message for their therapist and flags it, in one transaction. The alert carries the
/// message's words; a message with a warning sign or high pain raises that tier's alert instead of a notice.
/// </summary>
public sealed class TherapistMessages(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    /// <param name="reason">What the message says about warning signs and pain; null or tier None for an ordinary message.</param>
    public async Task SendAsync(Guid patientId, string text, CancellationToken ct, AlertReason? reason = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var therapistId = await db.Patients.Where(p => p.Id == patientId).Select(p => p.TherapistId).SingleAsync(ct);
        var now = clock.GetUtcNow();
        db.PatientMessages.Add(new PatientMessage { PatientId = patientId, TherapistId = therapistId, Text = text, SentAt = now });
        if (reason is { Tier: > UrgencyTier.None })
            await AlertWriter.RaiseAsync(db, patientId, reason.Findings.Count > 0 ? AlertKind.RedFlag : AlertKind.HighPain,
                reason.Severity, "Message to the therapist: " + Safety.SafetyResponder.Detail(reason), now, ct,
                reason with { PatientWords = text, Moment = AlertMoment.MessageToTherapist });
        else
            await AlertWriter.RaiseAsync(db, patientId, AlertKind.PatientMessage, AlertSeverity.Info, "New message from the patient", now, ct,
                new AlertReason(UrgencyTier.None, [], null, text));
        await db.SaveChangesAsync(ct);
    }
}
