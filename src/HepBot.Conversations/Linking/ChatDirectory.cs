using HepBot.Conversations.Bot;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

/// <summary>Who a chat belongs to. An unlinked chat has no account and is shown no patient data.</summary>
public sealed class ChatDirectory(IDbContextFactory<HepBotDbContext> contexts)
{
    /// <param name="chatLocale">The language the channel reports for the user, used until a patient is known.</param>
    public async Task<ChatPerson> IdentifyAsync(string channel, string conversationId, string? chatLocale, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.ChannelAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Channel == channel && a.ConversationId == conversationId, ct);
        if (account?.PatientId is { } patientId)
        {
            var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is not null)
                return new ChatPerson(account.Id, patient, null, null, patient.Locale);
        }
        if (account?.TherapistId is { } therapistId)
        {
            var name = await db.Therapists.Where(t => t.Id == therapistId).Select(t => t.Name).SingleOrDefaultAsync(ct);
            if (name is not null)
                return new ChatPerson(account.Id, null, therapistId, name, chatLocale ?? "en");
        }
        return new ChatPerson(null, null, null, null, chatLocale ?? "en");
    }

    public async Task<string> ClinicNameOfPatientAsync(Guid patientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Patients.Where(p => p.Id == patientId)
            .Join(db.Clinics, p => p.ClinicId, c => c.Id, (_, c) => c.Name)
            .SingleAsync(ct);
    }
}
