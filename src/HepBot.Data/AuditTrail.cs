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
        db.Audit(actor, action, entityType, entityId.ToString(), patientId, at);

    /// <param name="entityId">An id that is not a Guid (a passkey's short key): never a secret, a name or clinical text.</param>
    public static void Audit(this HepBotDbContext db, string actor, AuditAction action, string entityType, string entityId,
        Guid? patientId, DateTimeOffset at) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            PatientId = patientId,
        });
}
