using HepBot.Core.Audit;

namespace HepBot.Data;

/// <summary>The audit trail of who read or changed patient data: ids only, never names or clinical text.</summary>
public static class AuditTrail
{
    public static string Therapist(Guid id) => $"therapist:{id}";

    public static string Patient(Guid id) => $"patient:{id}";

    /// <summary>Adds an audit row to the context, so it is saved in the same SaveChanges as what it records.</summary>
    public static void Audit(this HepBotDbContext db, string actor, AuditAction action, string entityType, Guid entityId,
        Guid? patientId, DateTimeOffset at) =>
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
