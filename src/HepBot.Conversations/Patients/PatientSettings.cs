using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Patients;

/// <summary>
/// The settings a patient changes from the chat: consent, reminder times, pauses, language. Each change
/// brings the patient's reminders in step once saved, after the turn (<see cref="ReminderUpdates"/>).
/// </summary>
public sealed class PatientSettings(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock, ReminderUpdates reminders)
{
    public Task SetConsentAsync(Guid patientId, bool consent, CancellationToken ct) =>
        UpdateAsync(patientId, p => p.MessagingConsentAt = consent ? clock.GetUtcNow() : null, ct);

    /// <summary>Replaces the reminder at <paramref name="index"/>, or adds the first one; keeps them in order.</summary>
    public Task SetReminderTimeAsync(Guid patientId, int index, TimeOnly time, CancellationToken ct) =>
        UpdateAsync(patientId, p =>
        {
            var times = p.ReminderTimes.ToList();
            if (index < times.Count)
                times[index] = time;
            else
                times.Add(time);
            p.ReminderTimes = times.Distinct().Order().ToList();
        }, ct);

    /// <summary>Pauses reminders through <paramref name="lastPausedDay"/> (the patient's local date), or resumes them with null.</summary>
    public Task SetPausedUntilAsync(Guid patientId, DateOnly? lastPausedDay, CancellationToken ct) =>
        UpdateAsync(patientId, p =>
        {
            p.PausedUntil = lastPausedDay;
            p.Status = lastPausedDay is null ? PatientStatus.Active : PatientStatus.Paused;
        }, ct);

    public Task SetLocaleAsync(Guid patientId, string locale, CancellationToken ct) =>
        UpdateAsync(patientId, p => p.Locale = locale, ct);

    private async Task UpdateAsync(Guid patientId, Action<Patient> change, CancellationToken ct)
    {
        // The turn's kept patient and plan (a new zone is a new "today") are read again after this.
        Sessions.TurnReads.Forget();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await db.Patients.SingleAsync(p => p.Id == patientId, ct);
        change(patient);
        db.Audit(AuditTrail.Patient(patientId), AuditAction.Update, nameof(Patient), patientId, patientId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        reminders.AfterTurn(patientId);
    }
}
