using HepBot.Conversations.Bot;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Core.Reminders;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HepBot.Conversations.Patients;

/// <summary>
/// "Forget me": deletes the patient and everything stored about them (programs, logs, invitations,
/// chats, alerts, messages cascade with the patient row). The audit trail keeps only that an erasure
/// happened, by id, as the record a clinic must be able to show. The therapist is then told, in their
/// chats through the one proactive path, that the patient erased their data: by name, never with
/// anything the patient wrote, since their alerts and messages are gone with them.
/// </summary>
public sealed class PatientErasure(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock, IReminderSchedule reminders,
    IChatNotifier notifier, Phrases phrases, ILogger<PatientErasure> logger)
{
    public async Task EraseAsync(Guid patientId, CancellationToken ct)
    {
        Sessions.TurnReads.Forget();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new { p.TherapistId, p.DisplayName }).SingleOrDefaultAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var logIds = db.SessionLogs.Where(l => l.PatientId == patientId).Select(l => l.Id);
        await db.ExerciseLogs.Where(e => logIds.Contains(e.SessionLogId)).ExecuteDeleteAsync(ct);
        await db.SessionLogs.Where(l => l.PatientId == patientId).ExecuteDeleteAsync(ct);
        var prescriptionIds = db.Prescriptions.Where(p => p.PatientId == patientId).Select(p => p.Id);
        await db.PrescriptionItems.Where(i => prescriptionIds.Contains(i.PrescriptionId)).ExecuteDeleteAsync(ct);
        await db.Prescriptions.Where(p => p.PatientId == patientId).ExecuteDeleteAsync(ct);
        await db.Invitations.Where(i => i.PatientId == patientId).ExecuteDeleteAsync(ct);
        await db.ChannelAccounts.Where(a => a.PatientId == patientId).ExecuteDeleteAsync(ct);
        var alertIds = db.Alerts.Where(a => a.PatientId == patientId).Select(a => a.Id);
        await db.AlertDeliveries.Where(d => alertIds.Contains(d.AlertId)).ExecuteDeleteAsync(ct);
        await db.Alerts.Where(a => a.PatientId == patientId).ExecuteDeleteAsync(ct);
        // Logged clinician minutes may point at the patient's messages, so they go first.
        await db.TreatmentMinutes.Where(m => m.PatientId == patientId).ExecuteDeleteAsync(ct);
        await db.PatientMessages.Where(m => m.PatientId == patientId).ExecuteDeleteAsync(ct);
        // Earlier audit rows keep their ids (they name no one) but lose the link to the erased patient.
        await db.AuditEntries.Where(a => a.PatientId == patientId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PatientId, (Guid?)null), ct);
        await db.Patients.Where(p => p.Id == patientId).ExecuteDeleteAsync(ct);
        db.Audit(AuditTrail.Patient(patientId), AuditAction.Erase, nameof(Patient), patientId, null, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // No patient row any more: every reminder trigger of theirs is removed.
        await reminders.OnPatientChangedAsync(patientId, ct);
        if (patient is not null)
            await TellTherapistAsync(patient.TherapistId, patient.DisplayName, ct);
    }

    private async Task TellTherapistAsync(Guid therapistId, string patientName, CancellationToken ct)
    {
        try
        {
            var delivered = await notifier.SendToTherapistAsync(therapistId, (turn, t) =>
                phrases.SayAsync(turn, "therapist.patientErased", t, ("patient", patientName)), ct);
            if (!delivered)
                logger.LogInformation("Therapist {TherapistId} has no reachable chat to hear that a patient erased their data", therapistId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The erasure is done and audited; a chat that cannot be reached must not undo or hide it.
            logger.LogWarning(e, "Therapist {TherapistId} could not be told that a patient erased their data", therapistId);
        }
    }
}
