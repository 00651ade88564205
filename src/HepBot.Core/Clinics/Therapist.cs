namespace HepBot.Core.Clinics;

public enum TherapistRole
{
    Therapist = 0,
    ClinicAdmin = 1,
}

public sealed class Therapist
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ClinicId { get; set; }
    public Clinic? Clinic { get; set; }
    public required string Name { get; set; }

    /// <summary>Unique login identity; stored lower-case.</summary>
    public required string Email { get; set; }
    public TherapistRole Role { get; set; }

    /// <summary>The language of the therapist's web app and chat texts ("en", "es").</summary>
    public string Locale { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When a clinic admin deactivated the therapist: they can no longer sign in or use their API keys, and
    /// everything they did stays on record. Only a therapist with no patients can be deactivated.
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public bool IsActive => DeactivatedAt is null;
}
