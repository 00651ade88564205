using System.ComponentModel.DataAnnotations;

namespace HepBot.Host.Api.Invitations;

/// <summary>Invitations:* — how long an invitation code can be redeemed.</summary>
public sealed class InvitationOptions
{
    public const string SectionName = "Invitations";

    [Range(1, 90, ErrorMessage = "Invitations:ExpiryDays must be between {1} and {2} days.")]
    public int ExpiryDays { get; set; } = 7;

    public TimeSpan Validity => TimeSpan.FromDays(ExpiryDays);
}
