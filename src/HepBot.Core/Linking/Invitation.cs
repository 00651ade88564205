namespace HepBot.Core.Linking;

/// <summary>
/// A single-use code that links a chat to a patient (or a therapist's own chat, for alerts).
/// Exactly one of <see cref="PatientId"/> and <see cref="TherapistId"/> is set.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Short code, safe in a Telegram deep link (A-Z, 0-9) and easy to type.</summary>
    public required string Code { get; set; }

    public Guid? PatientId { get; set; }
    public Guid? TherapistId { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }
    public Guid? RedeemedByChannelAccountId { get; set; }

    public InvitationState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? InvitationState.Revoked
        : RedeemedAt is not null ? InvitationState.Redeemed
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Open;
}

public enum InvitationState
{
    Open,
    Redeemed,
    Expired,
    Revoked,
}
