using HepBot.Core.Linking;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

/// <summary>Issues one-time codes, for a patient's chat or a therapist's own: the one place a code is drawn.</summary>
public static class InvitationIssuer
{
    // Codes carry about 40 bits, so a clash with a stored code is rare; a few fresh draws settle it,
    // and the unique index on Code rejects the remaining race.
    private const int CodeAttempts = 5;

    /// <summary>Adds an open invitation for exactly one of a patient or a therapist to the context (saved by the caller).</summary>
    public static async Task<Invitation> AddAsync(HepBotDbContext db, Guid? patientId, Guid? therapistId, Guid createdById,
        DateTimeOffset now, TimeSpan validity, CancellationToken cancellationToken)
    {
        if ((patientId is null) == (therapistId is null))
            throw new ArgumentException("An invitation is for a patient or for a therapist, not both or neither.");
        for (var attempt = 0; attempt < CodeAttempts; attempt++)
        {
            var code = InvitationCode.New();
            if (await db.Invitations.AnyAsync(i => i.Code == code, cancellationToken))
                continue;
            var invitation = new Invitation
            {
                Code = code,
                PatientId = patientId,
                TherapistId = therapistId,
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
