using HepBot.Core.Audit;
using HepBot.Core.Linking;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

/// <summary>A chat linked to a therapist, as the therapist sees it in the app or an admin verb.</summary>
/// <param name="UnreachableSince">Set when the channel said the bot was blocked or removed there; alerts skip it.</param>
public sealed record LinkedChat(Guid Id, string Channel, DateTimeOffset LinkedAt, DateTimeOffset? UnreachableSince);

/// <summary>
/// A therapist's own chats, for alerts: a one-time link code the therapist sends to the bot (typed, or the
/// Telegram deep link) — redeemed by the same linking dialog as a patient's code, with the same expiry,
/// single use and attempt limits — and the list of linked chats, each of which the therapist may unlink.
/// </summary>
public sealed class TherapistChatLinks(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock, LinkingOptions options)
{
    public TimeSpan CodeValidity => TimeSpan.FromMinutes(options.TherapistCodeMinutes);

    /// <summary>
    /// A fresh code for the therapist's own chat. Their earlier open codes are revoked, so at most one
    /// can be guessed or leaked at a time.
    /// </summary>
    /// <param name="actor">Who asked, for the audit trail: the therapist, or "cli".</param>
    public async Task<Invitation> CreateCodeAsync(Guid therapistId, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = await db.Invitations.Where(i => i.TherapistId == therapistId && i.RevokedAt == null && i.RedeemedAt == null)
            .ToListAsync(ct);
        foreach (var earlier in open.Where(i => i.StateAt(now) == InvitationState.Open))
        {
            earlier.RevokedAt = now;
            db.Audit(actor, AuditAction.Delete, nameof(Invitation), earlier.Id, null, now);
        }
        var invitation = await InvitationIssuer.AddAsync(db, patientId: null, therapistId, createdById: therapistId, now, CodeValidity, ct);
        db.Audit(actor, AuditAction.Create, nameof(Invitation), invitation.Id, null, now);
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    /// <summary>The therapist's code that can still be redeemed, if any (the app shows it until it is used).</summary>
    public async Task<Invitation?> OpenCodeAsync(Guid therapistId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var candidates = await db.Invitations.AsNoTracking()
            .Where(i => i.TherapistId == therapistId && i.RevokedAt == null && i.RedeemedAt == null).ToListAsync(ct);
        return candidates.Where(i => i.StateAt(now) == InvitationState.Open).MaxBy(i => i.ExpiresAt);
    }

    public async Task<IReadOnlyList<LinkedChat>> ListAsync(Guid therapistId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var chats = await db.ChannelAccounts.AsNoTracking().Where(a => a.TherapistId == therapistId)
            .Select(a => new LinkedChat(a.Id, a.Channel, a.LinkedAt, a.UnreachableSince)).ToListAsync(ct);
        return [.. chats.OrderBy(c => c.LinkedAt)];
    }

    /// <summary>Unlinks one of the therapist's chats: it gets no more alerts and is a stranger to the bot again.</summary>
    /// <returns>False when the chat is not one of this therapist's (another's chat is as unknown as a missing one).</returns>
    public async Task<bool> UnlinkAsync(Guid therapistId, Guid chatId, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.ChannelAccounts.SingleOrDefaultAsync(a => a.Id == chatId && a.TherapistId == therapistId, ct);
        if (account is null)
            return false;
        db.ChannelAccounts.Remove(account);
        db.Audit(actor, AuditAction.Delete, nameof(ChannelAccount), account.Id, null, now);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
