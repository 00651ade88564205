using System.ComponentModel.DataAnnotations;
using HepBot.Core.Audit;
using HepBot.Core.Billing;
using HepBot.Core.Patients;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Host.Api;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Billing;

/// <summary>What a therapist logs: a day, minutes, what was done, and whether it was a live interaction.</summary>
public sealed record LogMinutesRequest([property: Required] DateOnly? Date, [property: Required] int? Minutes, [property: Required] string? Activity, bool? RealTimeInteraction);

/// <summary>
/// The minutes log of one patient, for the web app and /api/v1 alike: the same checks, the same access rule
/// (the caller must see the patient) and the same audit rows.
/// </summary>
internal sealed class TreatmentMinutesLog(HepBotDbContext db, TimeProvider clock)
{
    public const int EarliestYear = 2000;

    public async Task<IReadOnlyList<TreatmentMinutes>?> ListAsync(ApiCaller caller, Guid patientId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!await db.Patients.VisibleTo(caller).AnyAsync(p => p.Id == patientId, ct))
            return null;
        var query = db.TreatmentMinutes.AsNoTracking().Where(m => m.PatientId == patientId);
        if (from is { } f)
            query = query.Where(m => m.Date >= f);
        if (to is { } t)
            query = query.Where(m => m.Date <= t);
        var entries = await query.ToListAsync(ct);
        db.AuditRead(caller, nameof(TreatmentMinutes), patientId, patientId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return entries.OrderByDescending(m => m.Date).ThenByDescending(m => m.CreatedAt).ToList();
    }

    /// <summary>Null when the caller does not see the patient; otherwise the entry or the field errors.</summary>
    public async Task<(TreatmentMinutes? Entry, FieldErrors Errors)?> AddAsync(ApiCaller caller, Guid patientId, LogMinutesRequest request,
        CancellationToken ct, Guid? messageId = null)
    {
        var patient = await db.Patients.VisibleTo(caller).AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
            return null;
        var now = clock.GetUtcNow();
        var today = PatientClock.LocalDate(now, patient.TimeZoneId);
        var errors = new FieldErrors();
        if (request.Date is not { } date)
            errors.Add("date", "This field is required.");
        else if (date > today || date.Year < EarliestYear)
            errors.Add("date", $"Give a day from {EarliestYear}-01-01 to the patient's today ({today:yyyy-MM-dd}).");
        if (request.Minutes is not { } minutes)
            errors.Add("minutes", "This field is required.");
        else if (minutes is < 1 or > TreatmentMinutes.MaxMinutes)
            errors.Add("minutes", $"Give whole minutes from 1 to {TreatmentMinutes.MaxMinutes}.");
        errors.CheckText("activity", request.Activity?.Trim(), TreatmentMinutes.MaxActivity, required: true);
        if (errors.Any)
            return (null, errors);

        var entry = new TreatmentMinutes
        {
            PatientId = patientId, TherapistId = caller.TherapistId, Date = request.Date!.Value, Minutes = request.Minutes!.Value,
            Activity = request.Activity!.Trim(), RealTimeInteraction = request.RealTimeInteraction ?? false, MessageId = messageId,
            CreatedAt = now,
        };
        db.TreatmentMinutes.Add(entry);
        db.Audit(caller.Actor, AuditAction.Create, nameof(TreatmentMinutes), entry.Id, patientId, now);
        await db.SaveChangesAsync(ct);
        return (entry, errors);
    }

    /// <summary>
    /// Logs a therapist's message to the patient as minutes, once: on the patient-local day it was sent, not as a
    /// live interaction (a chat message is not one). Null when the message is not the caller's patient's or is the patient's own.
    /// </summary>
    public async Task<(TreatmentMinutes Entry, bool Added)?> LogReplyAsync(ApiCaller caller, Guid patientId, Guid messageId, int minutes,
        string activity, CancellationToken ct)
    {
        var patient = await db.Patients.VisibleTo(caller).AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var message = patient is null ? null : await db.PatientMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == messageId && m.PatientId == patientId && m.Direction == MessageDirection.TherapistToPatient, ct);
        if (patient is null || message is null)
            return null;
        if (await db.TreatmentMinutes.AsNoTracking().SingleOrDefaultAsync(m => m.MessageId == messageId, ct) is { } logged)
            return (logged, false);
        var result = await AddAsync(caller, patientId,
            new LogMinutesRequest(PatientClock.LocalDate(message.SentAt, patient.TimeZoneId), minutes, activity, false), ct, messageId);
        return result is ({ } entry, _) ? (entry, true) : null;
    }

    public async Task<bool> DeleteAsync(ApiCaller caller, Guid patientId, Guid entryId, CancellationToken ct)
    {
        var entry = await db.TreatmentMinutes
            .Where(m => m.Id == entryId && m.PatientId == patientId && db.Patients.VisibleTo(caller).Any(p => p.Id == m.PatientId))
            .SingleOrDefaultAsync(ct);
        if (entry is null)
            return false;
        db.TreatmentMinutes.Remove(entry);
        db.Audit(caller.Actor, AuditAction.Delete, nameof(TreatmentMinutes), entry.Id, patientId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
