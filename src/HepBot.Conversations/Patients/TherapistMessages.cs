using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Data;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Patients;

/// <summary>Stores a patient's message for their therapist and flags it, in one transaction.</summary>
public sealed class TherapistMessages(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    public async Task SendAsync(Guid patientId, string text, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var therapistId = await db.Patients.Where(p => p.Id == patientId).Select(p => p.TherapistId).SingleAsync(ct);
        var now = clock.GetUtcNow();
        db.PatientMessages.Add(new PatientMessage { PatientId = patientId, TherapistId = therapistId, Text = text, SentAt = now });
        await AlertWriter.RaiseAsync(db, patientId, AlertKind.PatientMessage, AlertSeverity.Info, "New message from the patient", now, ct);
        await db.SaveChangesAsync(ct);
    }
}
