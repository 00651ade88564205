using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Data;
using HepBot.Host.Authentication;

namespace HepBot.Host.Access;

/// <summary>
/// Who may see which patient: the one rule, used by /api/v1 and the web app alike. Anything not visible
/// is answered as if it did not exist (a 404), so ids of other clinics' patients reveal nothing.
/// </summary>
internal static class PatientAccess
{
    /// <summary>A therapist sees their own patients; a clinic admin sees every patient of their clinic.</summary>
    public static IQueryable<Patient> VisibleTo(this IQueryable<Patient> patients, ApiCaller caller) =>
        caller.IsClinicAdmin
            ? patients.Where(p => p.ClinicId == caller.ClinicId)
            : patients.Where(p => p.ClinicId == caller.ClinicId && p.TherapistId == caller.TherapistId);

    /// <summary>The alerts of the patients the caller sees.</summary>
    public static IQueryable<Alert> AlertsVisibleTo(this HepBotDbContext db, ApiCaller caller) =>
        db.Alerts.Where(a => db.Patients.VisibleTo(caller).Any(p => p.Id == a.PatientId));

    /// <summary>The messages from the patients the caller sees.</summary>
    public static IQueryable<PatientMessage> MessagesVisibleTo(this HepBotDbContext db, ApiCaller caller) =>
        db.PatientMessages.Where(m => db.Patients.VisibleTo(caller).Any(p => p.Id == m.PatientId));

    /// <summary>Records that the caller read something of a patient's, in the one audit trail; saved with the caller's next SaveChanges.</summary>
    public static void AuditRead(this HepBotDbContext db, ApiCaller caller, string entityType, Guid entityId, Guid patientId, DateTimeOffset at) =>
        db.Audit(caller.Actor, AuditAction.Read, entityType, entityId, patientId, at);
}
