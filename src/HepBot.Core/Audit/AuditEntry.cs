namespace HepBot.Core.Audit;

public enum AuditAction
{
    Read = 0,
    Create = 1,
    Update = 2,
    Delete = 3,
    Export = 4,
    Erase = 5,
    Link = 6,
}

/// <summary>Who read or changed patient data, and when. Holds ids only, never clinical text.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>"therapist:{id}", "patient:{id}", "system" or "cli".</summary>
    public required string Actor { get; set; }

    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public Guid? PatientId { get; set; }
}
