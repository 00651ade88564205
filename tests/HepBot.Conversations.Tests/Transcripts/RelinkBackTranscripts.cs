using HepBot.Core.Linking;
using HepBot.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>A chat that another patient's code moved goes back with the code that first linked it (the chat verb's <c>--code</c>).</summary>
public sealed class RelinkBackTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alexs_first_code_takes_the_chat_back_from_Bea_to_Alex()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync($"/start {await InviteBeaAsync(chat)}");
        await chat.SayAsync("no");
        await using (var db = chat.Db())
            Assert.NotEqual(chat.Clinic.PatientId, (await db.ChannelAccounts.SingleAsync(Ct)).PatientId);

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");

        Assert.StartsWith("Hi Alex!", chat.Transcript);
        await using var after = chat.Db();
        Assert.Equal(chat.Clinic.PatientId, (await after.ChannelAccounts.SingleAsync(Ct)).PatientId);
    }

    /// <summary>Bea, another patient of Dana's, and an open code of hers.</summary>
    private static async Task<string> InviteBeaAsync(BotHarness chat)
    {
        await using var db = chat.Db();
        var now = chat.Clock.GetUtcNow();
        var bea = new Patient
        {
            ClinicId = chat.Clinic.ClinicId, TherapistId = chat.Clinic.TherapistId, DisplayName = "Bea Santos",
            Locale = "en", TimeZoneId = "Europe/Madrid", CreatedAt = now,
        };
        var invitation = new Invitation
        {
            Code = InvitationCode.New(), PatientId = bea.Id, CreatedById = chat.Clinic.TherapistId, CreatedAt = now, ExpiresAt = now.AddDays(7),
        };
        db.AddRange(bea, invitation);
        await db.SaveChangesAsync(Ct);
        return invitation.Code;
    }
}
