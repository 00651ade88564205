using HepBot.Core.Audit;
using HepBot.Core.Linking;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Alex connects the chat to the clinic with the code on the invitation card.</summary>
public sealed class LinkingTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alex_taps_the_deep_link_and_is_greeted_by_name_and_clinic()
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");

        Assert.Contains("Hi Alex! Your therapist at Riverside Physio has set up your home exercise program with me.", chat.Transcript);
        Assert.Contains("Each day I'll walk you through your exercises one at a time", chat.Transcript);
        Assert.Equal("Is it OK if I send you reminders and messages in this chat?", chat.LastReply);
        Assert.Equal(["yes", "no"], chat.Buttons);
        await using var db = chat.Db();
        var account = await db.ChannelAccounts.SingleAsync(Ct);
        Assert.Equal(chat.Clinic.PatientId, account.PatientId);
        var invitation = await db.Invitations.SingleAsync(Ct);
        Assert.Equal(account.Id, invitation.RedeemedByChannelAccountId);
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a.Action == AuditAction.Link && a.PatientId == chat.Clinic.PatientId);
    }

    [Fact]
    public async Task Alex_says_hello_first_then_types_the_code_in_lower_case_with_a_space()
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync("hello");
        Assert.Contains("Hi! I'm HepBot, your home exercise assistant.", chat.Transcript);
        Assert.Equal("Please send the 8-character code from your therapist (for example ABCD2345).", chat.LastReply);

        var code = chat.Clinic.InvitationCode.ToLowerInvariant();
        await chat.SayAsync($"{code[..4]} {code[4..]}");

        Assert.Contains("Hi Alex! Your therapist at Riverside Physio", chat.Transcript);
        await using var db = chat.Db();
        Assert.Equal(chat.Clinic.PatientId, (await db.ChannelAccounts.SingleAsync(Ct)).PatientId);
    }

    [Fact]
    public async Task Something_that_is_not_a_code_is_asked_for_again()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync("hello");

        await chat.SayAsync("my knee hurts");

        Assert.Equal("That doesn't look like a code. It has 8 letters and numbers, like ABCD2345. Please send it again.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Empty(await db.ChannelAccounts.ToListAsync(Ct));
    }

    [Fact]
    public async Task Alex_agrees_to_reminders_and_keeps_the_suggested_time()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");

        await chat.SayAsync("yes");
        Assert.Contains("Thank you. You can pause reminders any time: just type pause.", chat.Transcript);
        Assert.Equal("Your therapist suggested a reminder at 18:00 each training day. Is that a good time?", chat.LastReply);
        Assert.Equal(["Keep 18:00", "Choose another time"], chat.ButtonLabels);

        await chat.TapAsync("keep");
        Assert.Equal("All set! Type start or tap the button below whenever you're ready for today's exercises.", chat.Transcript);
        Assert.Equal(["/today"], chat.Buttons);

        await using var db = chat.Db();
        var patient = await db.Patients.SingleAsync(Ct);
        Assert.Equal(chat.Clock.GetUtcNow(), patient.MessagingConsentAt);
        Assert.Equal([new TimeOnly(18, 0)], patient.ReminderTimes);
    }

    [Fact]
    public async Task Alex_agrees_to_reminders_and_picks_half_past_seven_in_the_evening()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        await chat.SayAsync("yes");

        await chat.TapAsync("change");
        Assert.Equal("What time should I remind you? Send it like 07:30 or 18:00.", chat.Transcript);
        await chat.SayAsync("7:30 pm");

        Assert.Contains("Done. I'll remind you at 19:30 on your training days.", chat.Transcript);
        Assert.Contains("All set!", chat.Transcript);
        await using var db = chat.Db();
        Assert.Equal([new TimeOnly(19, 30)], (await db.Patients.SingleAsync(Ct)).ReminderTimes);
    }

    [Fact]
    public async Task Alex_says_no_to_reminders_and_is_not_asked_for_a_time()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");

        await chat.SayAsync("no");

        Assert.Contains("No problem, I won't send reminders. You can still type start whenever you want to exercise.", chat.Transcript);
        Assert.DoesNotContain("reminder at", chat.Transcript);
        Assert.Contains("All set!", chat.Transcript);
        await using var db = chat.Db();
        var patient = await db.Patients.SingleAsync(Ct);
        Assert.Null(patient.MessagingConsentAt);
        Assert.NotNull(patient.LinkedAt);
    }

    [Theory]
    [InlineData(InvitationState.Expired, "That code has expired. Please ask your therapist for a new one.")]
    [InlineData(InvitationState.Redeemed, "That code has already been used. If this is a new phone or chat, ask your therapist for a new code.")]
    [InlineData(InvitationState.Revoked, "That code is no longer valid. Please ask your therapist for a new one.")]
    public async Task A_code_that_cannot_be_used_gets_its_own_answer(InvitationState state, string answer)
    {
        await using var chat = await BotHarness.StartAsync();
        var code = await chat.InviteAsync(state);

        await chat.SayAsync($"/start {code}");

        Assert.Equal(answer, chat.Transcript);
        await using var db = chat.Db();
        Assert.Empty(await db.ChannelAccounts.ToListAsync(Ct));
        Assert.Null((await db.Patients.SingleAsync(Ct)).LinkedAt);
    }

    [Fact]
    public async Task A_code_nobody_issued_is_not_found()
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync("WXYZ2345");

        Assert.Equal("I couldn't find that code. Please check it and send it again, or ask your clinic for a new one.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Empty(await db.ChannelAccounts.ToListAsync(Ct));
    }

    [Fact]
    public async Task After_five_wrong_codes_in_fifteen_minutes_the_chat_must_wait_then_may_try_again()
    {
        await using var chat = await BotHarness.StartAsync();
        foreach (var wrong in new[] { "WXYZ2345", "WXYZ2346", "WXYZ2347", "WXYZ2348", "WXYZ2349" })
        {
            await chat.SayAsync(wrong);
            Assert.StartsWith("I couldn't find that code.", chat.Transcript);
            chat.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Five minutes after the first wrong code, even the right code must wait.
        await chat.SayAsync(chat.Clinic.InvitationCode);
        Assert.Equal("Too many attempts with codes that didn't work. Please wait 10 minutes and try again, or contact your clinic.", chat.Transcript);
        await using (var db = chat.Db())
            Assert.Empty(await db.ChannelAccounts.ToListAsync(Ct));

        chat.Clock.Advance(TimeSpan.FromMinutes(11));
        await chat.SayAsync(chat.Clinic.InvitationCode);
        Assert.Contains("Hi Alex!", chat.Transcript);
        await using (var db = chat.Db())
            Assert.Equal(chat.Clinic.PatientId, (await db.ChannelAccounts.SingleAsync(Ct)).PatientId);
    }

    [Theory]
    [InlineData("menu")]
    [InlineData("progress")]
    [InlineData("/progress")]
    [InlineData("my data")]
    [InlineData("start")]
    public async Task An_unlinked_chat_asking_for_patient_things_sees_no_patient_data(string ask)
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync(ask);

        Assert.Contains("send me the 8-character code your therapist gave you", chat.Transcript);
        Assert.DoesNotContain("Alex", chat.Transcript);
        Assert.DoesNotContain("Quad set", chat.Transcript);
        Assert.DoesNotContain("Training days", chat.Transcript);
        Assert.DoesNotContain("Riverside", chat.Transcript);
        Assert.Empty(chat.Buttons);
    }

    [Fact]
    public async Task Dana_links_her_own_chat_with_a_therapist_invitation()
    {
        await using var chat = await BotHarness.StartAsync();
        var code = await chat.InviteAsync(forTherapist: true);

        await chat.SayAsync($"/start {code}");

        Assert.Equal("You're connected, Dana Ruiz. Alerts about your patients will arrive in this chat.", chat.Transcript);
        await using var db = chat.Db();
        var account = await db.ChannelAccounts.SingleAsync(Ct);
        Assert.Equal(chat.Clinic.TherapistId, account.TherapistId);
        Assert.Null(account.PatientId);
    }

    [Fact]
    public async Task Danas_linked_chat_says_what_it_is_for_and_offers_no_patient_menu()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync($"/start {await chat.InviteAsync(forTherapist: true)}");

        await chat.SayAsync("menu");

        Assert.Equal("This chat is already connected to your clinic account. Alerts about your patients will arrive here.", chat.Transcript);
        Assert.Empty(chat.Buttons);
    }
}
