using HepBot.Conversations.Bot;
using HepBot.Data;
using Microsoft.Bot.Schema;
using ChannelAccount = HepBot.Core.Linking.ChannelAccount;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

/// <summary>Who a chat belongs to. An unlinked chat has no account and is shown no patient data.</summary>
public sealed class ChatDirectory(IDbContextFactory<HepBotDbContext> contexts)
{
    /// <summary>
    /// Who sent this activity. A linked chat belongs to the user who linked it: anyone else writing into
    /// it (another member, or a forged activity naming the chat) is <see cref="ChatPerson.IsOtherSender"/>
    /// and must be shown nothing.
    /// </summary>
    public async Task<ChatPerson> IdentifySenderAsync(Activity activity, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.ChannelAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Channel == activity.ChannelId && a.ConversationId == activity.Conversation.Id, ct);
        var locale = activity.Locale ?? "en";
        if (account is { PatientId: not null } or { TherapistId: not null } && !IsLinkedUser(account, activity.From))
            return ChatPerson.OtherSender(locale);
        return await PersonOfAsync(db, account, locale, ct);
    }

    /// <param name="chatLocale">The language the channel reports for the user, used until a patient is known.</param>
    public async Task<ChatPerson> IdentifyAsync(string channel, string conversationId, string? chatLocale, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.ChannelAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Channel == channel && a.ConversationId == conversationId, ct);
        return await PersonOfAsync(db, account, chatLocale ?? "en", ct);
    }

    public async Task<string> ClinicNameOfPatientAsync(Guid patientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Patients.Where(p => p.Id == patientId)
            .Join(db.Clinics, p => p.ClinicId, c => c.Id, (_, c) => c.Name)
            .SingleAsync(ct);
    }

    /// <summary>The sender is the user who linked the chat: the same channel user id, or the same Entra object id (Teams).</summary>
    internal static bool IsLinkedUser(ChannelAccount account, Microsoft.Bot.Schema.ChannelAccount? sender) =>
        sender is not null
        && ((!string.IsNullOrEmpty(sender.Id) && string.Equals(sender.Id, account.ChannelUserId, StringComparison.Ordinal))
            || (account.ChannelUserObjectId is { Length: > 0 } linked
                && string.Equals(linked, sender.AadObjectId, StringComparison.OrdinalIgnoreCase)));

    private static async Task<ChatPerson> PersonOfAsync(HepBotDbContext db, ChannelAccount? account, string chatLocale, CancellationToken ct)
    {
        if (account?.PatientId is { } patientId)
        {
            var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is not null)
                return new ChatPerson(account.Id, patient, null, null, patient.Locale);
        }
        if (account?.TherapistId is { } therapistId)
        {
            // A therapist's chat speaks the language they chose in the app, whatever the chat app reports.
            var therapist = await db.Therapists.Where(t => t.Id == therapistId).Select(t => new { t.Name, t.Locale }).SingleOrDefaultAsync(ct);
            if (therapist is not null)
                return new ChatPerson(account.Id, null, therapistId, therapist.Name, therapist.Locale);
        }
        return new ChatPerson(null, null, null, null, chatLocale);
    }
}
