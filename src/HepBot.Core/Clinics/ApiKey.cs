namespace HepBot.Core.Clinics;

/// <summary>
/// A therapist's key for the management API. Only a hash of the secret is stored; the prefix
/// (the first characters, not secret) finds the row without scanning every hash.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TherapistId { get; set; }
    public Therapist? Therapist { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>When set, the key stops working at this instant.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
