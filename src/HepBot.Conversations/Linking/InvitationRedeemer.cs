using HepBot.Core.Audit;
using HepBot.Core.Linking;
using HepBot.Conversations.Patients;
using HepBot.Data;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

public enum RedeemOutcome
{
    LinkedPatient,
    LinkedTherapist,
    UnknownCode,
    Expired,
    AlreadyUsed,
    Revoked,
}

/// <param name="ForTherapist">The code was a therapist's own link code (their answer points to the app, not to "your therapist").</param>
public sealed record RedeemResult(RedeemOutcome Outcome, Guid? PatientId = null, Guid? TherapistId = null, bool ForTherapist = false);

/// <summary>
/// Turns an invitation code into a linked chat: the chat's account is created (or moved to the invited
/// person), the code is spent, and the patient's monitoring starts (or a therapist's waiting alerts are
/// queued for the new chat) — all in one transaction. The reminders follow after the turn (<see cref="ReminderUpdates"/>).
/// </summary>
public sealed class InvitationRedeemer(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock, ReminderUpdates reminders)
{
    /// <summary>
    /// What redeeming the code in this chat would do, without doing it: who it links (for a usable code, or the one
    /// that already linked this chat) or why it cannot be used.
    /// </summary>
    public async Task<RedeemResult> PreviewAsync(string code, string channel, string conversationId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct);
        if (invitation is null)
            return new(RedeemOutcome.UnknownCode);
        var account = await db.ChannelAccounts.AsNoTracking().SingleOrDefaultAsync(
            a => a.Channel == channel && a.ConversationId == conversationId, ct);
        return Refusal(invitation, account, clock.GetUtcNow()) ?? Linked(invitation);
    }

    /// <summary>Why the code cannot link this chat now, or null when it can (an already-linked chat using it again is "linked").</summary>
    private static RedeemResult? Refusal(Invitation invitation, ChannelAccount? account, DateTimeOffset now)
    {
        var forTherapist = invitation.TherapistId is not null;
        return invitation.StateAt(now) switch
        {
            InvitationState.Revoked => new(RedeemOutcome.Revoked, ForTherapist: forTherapist),
            InvitationState.Expired => new(RedeemOutcome.Expired, ForTherapist: forTherapist),
            // Tapping the same link twice from the chat it already linked is not an error; and a chat that another
            // code moved since goes back to the person this code linked it to (the chat verb's --code back to the demo patient).
            InvitationState.Redeemed => account is not null && invitation.RedeemedByChannelAccountId == account.Id
                ? account.PatientId == invitation.PatientId && account.TherapistId == invitation.TherapistId ? Linked(invitation) : null
                : new(RedeemOutcome.AlreadyUsed, ForTherapist: forTherapist),
            _ => null,
        };
    }

    private static RedeemResult Linked(Invitation invitation) =>
        invitation.PatientId is null
            ? new(RedeemOutcome.LinkedTherapist, TherapistId: invitation.TherapistId, ForTherapist: true)
            : new(RedeemOutcome.LinkedPatient, PatientId: invitation.PatientId);

    public async Task<RedeemResult> RedeemAsync(string code, ChatAddress chat, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Code == code, ct);
        if (invitation is null)
            return new(RedeemOutcome.UnknownCode);

        var account = await db.ChannelAccounts.SingleOrDefaultAsync(
            a => a.Channel == chat.Channel && a.ConversationId == chat.ConversationId, ct);

        var forTherapist = invitation.TherapistId is not null;
        if (Refusal(invitation, account, now) is { } refused)
            return refused;

        if (account is null)
        {
            account = new ChannelAccount
            {
                Channel = chat.Channel,
                ChannelUserId = chat.UserId,
                ConversationId = chat.ConversationId,
            };
            db.ChannelAccounts.Add(account);
        }
        // From now on only this user may use the chat (see ChatDirectory.IdentifySenderAsync).
        account.ChannelUserId = chat.UserId;
        account.ChannelUserObjectId = chat.UserObjectId;
        account.ConversationReference = chat.ConversationReference;
        account.PatientId = invitation.PatientId;
        account.TherapistId = invitation.TherapistId;
        account.LinkedAt = now;
        account.UnreachableSince = null;

        invitation.RedeemedAt ??= now;
        invitation.RedeemedByChannelAccountId = account.Id;

        if (invitation.PatientId is { } patientId)
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == patientId, ct);
            patient.LinkedAt ??= now;
        }
        else
        {
            // Alerts that found no chat to go to are sent to the one just linked.
            await AlertOutbox.RequeueChatDeliveriesAsync(db, invitation.TherapistId!.Value, now, ct);
        }

        db.Audit(invitation.PatientId is { } p ? AuditTrail.Patient(p) : AuditTrail.Therapist(invitation.TherapistId!.Value),
            AuditAction.Link, nameof(ChannelAccount), account.Id, invitation.PatientId, now);

        Sessions.TurnReads.Forget();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(RedeemOutcome.AlreadyUsed, ForTherapist: forTherapist);
        }
        if (invitation.PatientId is { } linkedPatient)
            reminders.AfterTurn(linkedPatient);
        return Linked(invitation);
    }
}
