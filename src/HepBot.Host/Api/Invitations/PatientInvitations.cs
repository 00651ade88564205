using HepBot.Core.Linking;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Invitations;

/// <summary>Issues invitation codes for a patient; used by the API and the demo.</summary>
internal static class PatientInvitations
{
    // Codes carry about 40 bits, so a clash with a stored code is rare; a few fresh draws settle it,
    // and the unique index on Code rejects the remaining race.
    private const int CodeAttempts = 5;

    /// <summary>Adds an open invitation to the context (saved by the caller).</summary>
    public static async Task<Invitation> AddAsync(HepBotDbContext db, Guid patientId, Guid createdById, DateTimeOffset now,
        TimeSpan validity, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < CodeAttempts; attempt++)
        {
            var code = InvitationCode.New();
            if (await db.Invitations.AnyAsync(i => i.Code == code, cancellationToken))
                continue;
            var invitation = new Invitation
            {
                Code = code,
                PatientId = patientId,
                CreatedById = createdById,
                CreatedAt = now,
                ExpiresAt = now + validity,
            };
            db.Invitations.Add(invitation);
            return invitation;
        }
        throw new InvalidOperationException($"No unused invitation code after {CodeAttempts} attempts.");
    }
}
