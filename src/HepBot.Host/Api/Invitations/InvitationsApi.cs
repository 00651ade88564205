using HepBot.Core.Audit;
using HepBot.Core.Linking;
using HepBot.Data;
using HepBot.Host.Authentication;
using HepBot.Host.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Api.Invitations;

internal static class InvitationsApi
{
    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/patients/{id:guid}/invitations").RequireAuthorization().WithTags("Invitations");
        api.MapPost("/", InvitePatient)
            .WithSummary("Invite a patient")
            .WithDescription("A new single-use 8-character code for the patient to type in Telegram or Teams, with its expiry and, when a Telegram bot is set, the t.me deep link.");
        api.MapDelete("/{code}", RevokeInvitation)
            .WithSummary("Revoke an invitation")
            .WithDescription("The code stops working. Revoking twice is harmless.");
        return app;
    }

    public static async Task<Results<Created<InvitationDto>, NotFound>> InvitePatient(
        Guid id, ApiCaller caller, HepBotDbContext db, TimeProvider clock, IOptions<InvitationOptions> invitations,
        IOptions<TelegramOptions> telegram, CancellationToken cancellationToken)
    {
        if (!await db.Patients.VisibleTo(caller).AnyAsync(p => p.Id == id, cancellationToken))
            return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        var invitation = await PatientInvitations.AddAsync(db, id, caller.TherapistId, now, invitations.Value.Validity, cancellationToken);
        db.Audit(caller.Actor, AuditAction.Create, nameof(Invitation), invitation.Id, id, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/patients/{id}/invitations/{invitation.Code}", InvitationDto.From(invitation, telegram.Value));
    }

    /// <summary>Revokes a code of this patient; revoking twice is harmless.</summary>
    public static async Task<Results<NoContent, NotFound>> RevokeInvitation(
        Guid id, string code, ApiCaller caller, HepBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var normalized = InvitationCode.Normalize(code);
        var invitation = normalized is null ? null : await db.Invitations
            .Where(i => i.Code == normalized && i.PatientId == id)
            .Where(i => db.Patients.VisibleTo(caller).Any(p => p.Id == i.PatientId))
            .SingleOrDefaultAsync(cancellationToken);
        if (invitation is null)
            return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        if (invitation.RevokedAt is null)
        {
            invitation.RevokedAt = now;
            db.Audit(caller.Actor, AuditAction.Delete, nameof(Invitation), invitation.Id, id, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.NoContent();
    }
}
