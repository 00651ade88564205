using HepBot.Conversations.Linking;
using HepBot.Core.Linking;
using HepBot.Data;

namespace HepBot.Host.Api.Invitations;

/// <summary>Issues invitation codes for a patient; used by the API, the web app and the demo.</summary>
internal static class PatientInvitations
{
    /// <summary>Adds an open invitation to the context (saved by the caller).</summary>
    public static Task<Invitation> AddAsync(HepBotDbContext db, Guid patientId, Guid createdById, DateTimeOffset now,
        TimeSpan validity, CancellationToken cancellationToken) =>
        InvitationIssuer.AddAsync(db, patientId, therapistId: null, createdById, now, validity, cancellationToken);
}
