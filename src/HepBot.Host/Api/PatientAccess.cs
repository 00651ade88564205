using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Data;
using HepBot.Host.Authentication;

namespace HepBot.Host.Api;

/// <summary>Who may see which patient, and the audit trail of patient data reads and changes.</summary>
internal static class PatientAccess
{
    /// <summary>A therapist sees their own patients; a clinic admin sees every patient of their clinic.</summary>
    public static IQueryable<Patient> VisibleTo(this IQueryable<Patient> patients, ApiCaller caller) =>
        caller.IsClinicAdmin
            ? patients.Where(p => p.ClinicId == caller.ClinicId)
            : patients.Where(p => p.ClinicId == caller.ClinicId && p.TherapistId == caller.TherapistId);

    /// <summary>Adds an audit row to the context, so it is saved in the same SaveChanges as the change it records.</summary>
    public static void Audit(this HepBotDbContext db, string actor, AuditAction action, string entityType, Guid entityId,
        Guid patientId, DateTimeOffset at) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString(),
            PatientId = patientId,
        });
}
