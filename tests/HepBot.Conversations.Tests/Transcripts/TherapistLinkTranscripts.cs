using HepBot.Conversations.Linking;
using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Linking;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Dana Ruiz, Alex's therapist, links her own chat for alerts: she creates a one-time code in the app
/// (Link my chat), sends it to HepBot from her chat, later unlinks it.
/// </summary>
public sealed class TherapistLinkTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Invitation> CreateCodeAsync(BotHarness chat) =>
        chat.Service<TherapistChatLinks>().CreateCodeAsync(chat.Clinic.TherapistId, $"therapist:{chat.Clinic.TherapistId}", Ct);

    [Fact]
    public async Task Dana_creates_a_code_in_the_app_and_types_it_in_her_chat()
    {
        await using var chat = await BotHarness.StartAsync();
        var code = await CreateCodeAsync(chat);

        await chat.SayAsync("hello");
        await chat.SayAsync(code.Code.ToLowerInvariant());

        Assert.Equal("You're connected, Dana Ruiz. Alerts about your patients will arrive in this chat.", chat.Transcript);
        Assert.Equal(chat.Clock.GetUtcNow().AddMinutes(30), code.ExpiresAt);
        var linked = Assert.Single(await chat.Service<TherapistChatLinks>().ListAsync(chat.Clinic.TherapistId, Ct));
        Assert.Equal(("test", chat.Clock.GetUtcNow(), (DateTimeOffset?)null), (linked.Channel, linked.LinkedAt, linked.UnreachableSince));
        await using var db = chat.Db();
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a.Action == AuditAction.Link && a.EntityId == linked.Id.ToString());
    }

    [Fact]
    public async Task Dana_opens_the_deep_link_and_her_chat_is_hers_not_a_patients()
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync($"/start {(await CreateCodeAsync(chat)).Code}");
        await chat.SayAsync("menu");

        Assert.Equal("This chat is already connected to your clinic account. Alerts about your patients will arrive here.", chat.Transcript);
        await using var db = chat.Db();
        var account = await db.ChannelAccounts.SingleAsync(Ct);
        Assert.Equal((chat.Clinic.TherapistId, (Guid?)null), (account.TherapistId!.Value, account.PatientId));
    }

    [Fact]
    public async Task A_code_left_for_31_minutes_has_expired_and_says_where_to_get_a_new_one()
    {
        await using var chat = await BotHarness.StartAsync();
        var code = await CreateCodeAsync(chat);
        chat.Clock.Advance(TimeSpan.FromMinutes(31));

        await chat.SayAsync($"/start {code.Code}");

        Assert.Equal("That link code has expired (they last 30 minutes). Create a new one on the Link my chat page of the HepBot app.", chat.Transcript);
        Assert.Empty(await chat.Service<TherapistChatLinks>().ListAsync(chat.Clinic.TherapistId, Ct));
    }

    [Fact]
    public async Task A_new_code_replaces_the_earlier_one_which_no_longer_links()
    {
        await using var chat = await BotHarness.StartAsync();
        var first = await CreateCodeAsync(chat);
        var second = await CreateCodeAsync(chat);

        await chat.SayAsync($"/start {first.Code}");
        Assert.Equal("That link code was replaced by a newer one. Send the newest code from the Link my chat page of the HepBot app.", chat.Transcript);

        Assert.Equal(second.Code, (await chat.Service<TherapistChatLinks>().OpenCodeAsync(chat.Clinic.TherapistId, Ct))!.Code);
        await chat.SayAsync($"/start {second.Code}");
        Assert.StartsWith("You're connected, Dana Ruiz.", chat.Transcript);
        Assert.Null(await chat.Service<TherapistChatLinks>().OpenCodeAsync(chat.Clinic.TherapistId, Ct));
    }

    [Fact]
    public async Task A_code_that_linked_one_chat_does_not_link_a_second()
    {
        await using var chat = await BotHarness.StartAsync();
        var code = await CreateCodeAsync(chat);
        await using (var db = chat.Db())
        {
            // Another chat redeemed it first.
            var invitation = await db.Invitations.SingleAsync(i => i.Id == code.Id, Ct);
            invitation.RedeemedAt = chat.Clock.GetUtcNow();
            invitation.RedeemedByChannelAccountId = Guid.NewGuid();
            await db.SaveChangesAsync(Ct);
        }

        await chat.SayAsync($"/start {code.Code}");

        Assert.Equal("That link code has already linked another chat. Create a new one on the Link my chat page of the HepBot app.", chat.Transcript);
    }

    [Fact]
    public async Task After_five_wrong_codes_even_the_right_link_code_must_wait()
    {
        await using var chat = await BotHarness.StartAsync();
        var code = await CreateCodeAsync(chat);
        for (var i = 0; i < 5; i++)
            await chat.SayAsync("/start ZZZZ2222");

        await chat.SayAsync($"/start {code.Code}");

        Assert.Equal("Too many attempts with codes that didn't work. Please wait 15 minutes and try again, or contact your clinic.", chat.Transcript);
        Assert.Empty(await chat.Service<TherapistChatLinks>().ListAsync(chat.Clinic.TherapistId, Ct));
    }

    [Fact]
    public async Task Dana_unlinks_her_chat_in_the_app_and_the_bot_no_longer_knows_it()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync($"/start {(await CreateCodeAsync(chat)).Code}");
        var links = chat.Service<TherapistChatLinks>();
        var linked = Assert.Single(await links.ListAsync(chat.Clinic.TherapistId, Ct));

        Assert.False(await links.UnlinkAsync(Guid.NewGuid(), linked.Id, "therapist:someone-else", Ct));
        Assert.True(await links.UnlinkAsync(chat.Clinic.TherapistId, linked.Id, $"therapist:{chat.Clinic.TherapistId}", Ct));
        await chat.SayAsync("menu");

        Assert.Contains("send me the 8-character code your therapist gave you", chat.Transcript);
        Assert.Empty(await links.ListAsync(chat.Clinic.TherapistId, Ct));
        await using var db = chat.Db();
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a.Action == AuditAction.Delete && a.EntityId == linked.Id.ToString());
    }

    [Fact]
    public async Task Linking_puts_an_alert_that_found_no_chat_back_in_the_outbox()
    {
        await using var chat = await BotHarness.StartAsync();
        Guid alertId;
        await using (var db = chat.Db())
        {
            var alert = (await AlertWriter.RaiseAsync(db, chat.Clinic.PatientId, AlertKind.HighPain, AlertSeverity.Urgent, "Pain 8/10", chat.Clock.GetUtcNow(), Ct))!;
            await db.SaveChangesAsync(Ct);
            alertId = alert.Id;
            var row = await db.AlertDeliveries.SingleAsync(d => d.AlertId == alertId && d.Destination == AlertDestination.Chat, Ct);
            row.State = AlertDeliveryState.Undeliverable;
            row.Attempts = 3;
            await db.SaveChangesAsync(Ct);
        }
        chat.Clock.Advance(TimeSpan.FromHours(2));

        await chat.SayAsync($"/start {(await CreateCodeAsync(chat)).Code}");

        await using var after = chat.Db();
        var requeued = await after.AlertDeliveries.SingleAsync(d => d.AlertId == alertId && d.Destination == AlertDestination.Chat, Ct);
        Assert.Equal((AlertDeliveryState.Pending, 0, chat.Clock.GetUtcNow()), (requeued.State, requeued.Attempts, requeued.NextAttemptAt));
    }
}
