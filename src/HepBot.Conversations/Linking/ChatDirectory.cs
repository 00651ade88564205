using HepBot.Conversations.Bot;
using HepBot.Core.Patients;
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
        var chat = await ReadAsync(activity.ChannelId, activity.Conversation.Id, ct);
        var locale = activity.Locale ?? "en";
        if (chat?.Account is { PatientId: not null } or { TherapistId: not null } && !IsLinkedUser(chat.Account, activity.From))
            return ChatPerson.OtherSender(locale);
        return PersonOf(chat, locale);
    }

    /// <param name="chatLocale">The language the channel reports for the user, used until a patient is known.</param>
    public async Task<ChatPerson> IdentifyAsync(string channel, string conversationId, string? chatLocale, CancellationToken ct) =>
        PersonOf(await ReadAsync(channel, conversationId, ct), chatLocale ?? "en");

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

    /// <summary>The chat's account with its patient or therapist, in one query (this runs at the start of every turn).</summary>
    private async Task<LinkedChat?> ReadAsync(string channel, string conversationId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ChatById.For(db)(db, channel, conversationId, ct);
    }

    // Compiled once: this runs at the start of every turn.
    private static readonly PerModelQuery<Func<HepBotDbContext, string, string, CancellationToken, Task<LinkedChat?>>> ChatById = new(() =>
        EF.CompileAsyncQuery((HepBotDbContext db, string channel, string conversationId, CancellationToken _) =>
            (from a in db.ChannelAccounts.AsNoTracking()
             where a.Channel == channel && a.ConversationId == conversationId
             join p in db.Patients.AsNoTracking() on a.PatientId equals (Guid?)p.Id into patients
             from p in patients.DefaultIfEmpty()
             join t in db.Therapists on a.TherapistId equals (Guid?)t.Id into therapists
             from t in therapists.DefaultIfEmpty()
             select new LinkedChat(a, p, t == null ? null : t.Name, t == null ? null : t.Locale))
            .SingleOrDefault()));

    private static ChatPerson PersonOf(LinkedChat? chat, string chatLocale)
    {
        if (chat is { Account.PatientId: not null, Patient: { } patient })
        {
            Sessions.TurnReads.KeepPatient(patient);
            return new ChatPerson(chat.Account.Id, patient, null, null, patient.Locale);
        }
        // A therapist's chat speaks the language they chose in the app, whatever the chat app reports.
        if (chat is { Account.TherapistId: { } therapistId, TherapistName: { } name, TherapistLocale: { } locale })
            return new ChatPerson(chat.Account.Id, null, therapistId, name, locale);
        return new ChatPerson(null, null, null, null, chatLocale);
    }

    private sealed record LinkedChat(ChannelAccount Account, Patient? Patient, string? TherapistName, string? TherapistLocale);
}
