using HepBot.Core.Alerts;
using HepBot.Core.Linking;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Alex's chat is already linked, and a code arrives again: the invitation link tapped a second time, a new code the
/// clinic sent, a code typed without /start, words after /start. Whatever is going on carries on where it was, a code
/// is understood as a code, and words are never dropped or answered with "didn't understand".
/// </summary>
public sealed class RelinkingTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string FirstCard = "Exercise 1 of 3: Quad set";

    /// <summary>The exercise card's question, asked again after the answer to a code (the card itself is still on screen above).</summary>
    private const string CardQuestion = "Tap Done when you've finished, or choose another option.";
    private const string AlreadyConnected = "This chat is already connected to Riverside Physio, so you don't need a code here (a new code is for connecting another app). Let's carry on.";
    private const string StillConnected = "This chat is still connected to Riverside Physio, as before.";

    private static void AssertNotMisread(BotHarness chat)
    {
        Assert.DoesNotContain("Sorry, I didn't understand that.", chat.Transcript);
        Assert.DoesNotContain("Lo siento, no te he entendido.", chat.Transcript);
        Assert.DoesNotContain("That doesn't look like a code.", chat.Transcript);
    }

    private static async Task<Invitation> InvitationAsync(BotHarness chat, string code)
    {
        await using var db = chat.Db();
        return await db.Invitations.AsNoTracking().SingleAsync(i => i.Code == code, Ct);
    }

    [Fact]
    public async Task Alex_taps_the_invitation_link_again_mid_exercise_and_carries_on_where_he_was()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync(painBefore: 3);
        await chat.TapAsync("done");
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");

        Assert.Equal($"{AlreadyConnected}\n{CardQuestion}", chat.Transcript);
        AssertNotMisread(chat);
        Assert.Contains("done", chat.Buttons);
        await chat.TapAsync("done");
        Assert.Contains("Exercise 3 of 3: Heel slide", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.InProgress, 3, 2), (log.Status, log.PainBefore, log.ExercisesDone));
    }

    [Fact]
    public async Task A_new_code_from_the_clinic_typed_mid_exercise_without_start_is_understood_and_left_for_another_app()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var code = await chat.InviteAsync();

        await chat.SayAsync($"{code[..4].ToLowerInvariant()} {code[4..]}");

        Assert.Equal($"{AlreadyConnected}\n{CardQuestion}", chat.Transcript);
        AssertNotMisread(chat);
        var invitation = await InvitationAsync(chat, code);
        Assert.Equal(InvitationState.Open, invitation.StateAt(chat.Clock.GetUtcNow()));
        await using var db = chat.Db();
        Assert.Equal(chat.Clinic.PatientId, (await db.ChannelAccounts.SingleAsync(Ct)).PatientId);
    }

    [Fact]
    public async Task Another_accounts_code_mid_session_waits_until_Alex_has_finished()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var code = await chat.InviteAsync(forTherapist: true);

        await chat.SayAsync($"/start {code}");

        Assert.Equal("That code would connect this chat to another account. Let's finish what we're doing first: " +
            $"type stop when you want to stop, then send the code again.\n{CardQuestion}", chat.Transcript);
        await using (var db = chat.Db())
        {
            var account = await db.ChannelAccounts.SingleAsync(Ct);
            Assert.Equal((chat.Clinic.PatientId, (Guid?)null), (account.PatientId, account.TherapistId));
        }
        Assert.Equal(InvitationState.Open, (await InvitationAsync(chat, code)).StateAt(chat.Clock.GetUtcNow()));
        Assert.Equal(SessionStatus.InProgress, (await chat.TodaysLogAsync()).Status);
    }

    [Theory]
    [InlineData(InvitationState.Expired, "That code has expired. Please ask your therapist for a new one.")]
    [InlineData(InvitationState.Revoked, "That code is no longer valid. Please ask your therapist for a new one.")]
    [InlineData(InvitationState.Redeemed, "That code has already been used. If this is a new phone or chat, ask your therapist for a new code.")]
    public async Task A_code_that_cannot_be_used_mid_session_gets_its_answer_and_the_session_goes_on(InvitationState state, string answer)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync($"/start {await chat.InviteAsync(state)}");

        Assert.Equal($"{answer}\n{StillConnected}\n{CardQuestion}", chat.Transcript);
        Assert.Equal(SessionStatus.InProgress, (await chat.TodaysLogAsync()).Status);
    }

    [Fact]
    public async Task Wrong_codes_mid_session_count_towards_the_wait_like_anywhere_else()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        for (var i = 0; i < 5; i++)
        {
            await chat.SayAsync("ZZZZ2222");
            Assert.Equal($"I couldn't find that code. Please check it and send it again, or ask your clinic for a new one.\n{StillConnected}\n{CardQuestion}",
                chat.Transcript);
        }

        await chat.SayAsync($"/start {await chat.InviteAsync()}");

        Assert.Equal("Too many attempts with codes that didn't work. Please wait 15 minutes and try again, or contact your clinic.\n" + CardQuestion,
            chat.Transcript);
        await chat.TapAsync("done");
        Assert.Equal(1, (await chat.TodaysLogAsync()).ExercisesDone);
    }

    [Fact]
    public async Task A_code_at_the_pain_question_keeps_the_question()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        var question = chat.LastReply;
        Assert.Contains("how is your pain right now", question);

        await chat.SayAsync(chat.Clinic.InvitationCode);

        Assert.Equal($"{AlreadyConnected}\n{question}", chat.Transcript);
        await chat.SayAsync("2");
        Assert.Contains(FirstCard, chat.Transcript);
        Assert.Equal(2, (await chat.TodaysLogAsync()).PainBefore);
    }

    [Fact]
    public async Task El_enlace_tocado_otra_vez_a_mitad_de_ejercicio_sigue_donde_estaba()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");

        Assert.Equal("Este chat ya está conectado con Riverside Physio, así que aquí no necesitas ningún código " +
            "(un código nuevo sirve para conectar otra app). Sigamos.\nToca «Hecho» cuando termines, o elige otra opción.", chat.Transcript);
        AssertNotMisread(chat);
    }

    [Fact]
    public async Task A_code_whose_letters_read_like_a_pain_score_is_a_code_not_a_symptom()
    {
        // "A7KNEEHR" reads as "a 7 kneehr" to the symptom recogniser: a pain of 7 if it were words.
        await using var chat = await BotHarness.LinkedAsync();
        var code = await chat.InviteAsync(code: "A7KNEEHR");

        await chat.SayAsync(code);

        Assert.Contains("Hi Alex! Your therapist at Riverside Physio has set up your home exercise program with me.", chat.Transcript);
        Assert.Equal(InvitationState.Redeemed, (await InvitationAsync(chat, code)).StateAt(chat.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_new_code_typed_without_start_when_nothing_is_going_on_links_again_like_the_deep_link()
    {
        await using var chat = await BotHarness.LinkedAsync();
        var code = await chat.InviteAsync();

        await chat.SayAsync(code);

        Assert.Contains("Hi Alex! Your therapist at Riverside Physio has set up your home exercise program with me.", chat.Transcript);
        Assert.Equal("Is it OK if I send you reminders and messages in this chat?", chat.LastReply);
        Assert.Equal(InvitationState.Redeemed, (await InvitationAsync(chat, code)).StateAt(chat.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_new_code_after_stopping_mid_session_links_again_and_start_carries_on_where_Alex_was()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.SayAsync("stop");

        await chat.SayAsync($"/start {await chat.InviteAsync()}");
        await chat.TapAsync("yes");
        await chat.TapAsync("keep");
        Assert.StartsWith("All set!", chat.Transcript);
        await chat.TapAsync("/today");

        Assert.StartsWith("Welcome back! So far: 1 done, 2 to go. Let's carry on with Straight leg raise.\nExercise 2 of 3", chat.Transcript);
    }

    [Fact]
    public async Task A_code_shaped_typo_when_nothing_is_going_on_says_the_code_was_not_found_and_the_chat_is_still_connected()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("ZZZZ 2222");

        Assert.Equal($"I couldn't find that code. Please check it and send it again, or ask your clinic for a new one.\n{StillConnected}", chat.Transcript);
        AssertNotMisread(chat);
        await using var db = chat.Db();
        Assert.Equal(chat.Clinic.PatientId, (await db.ChannelAccounts.SingleAsync(Ct)).PatientId);
    }

    [Fact]
    public async Task Eight_letters_that_fit_the_code_alphabet_are_words_not_a_code()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("great day");

        Assert.DoesNotContain("code", chat.Transcript);
        Assert.DoesNotContain("connected", chat.Transcript);
    }

    [Fact]
    public async Task A_warning_sign_typed_after_start_gets_its_advice_and_reaches_the_therapist()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("/start my chest hurts");

        Assert.StartsWith("Please stop now and call your local emergency number straight away.", chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, UrgencyTier.Emergency, "ChestPain", "my chest hurts"), (alert.Kind, alert.Tier, alert.Findings, alert.PatientWords));
    }

    [Fact]
    public async Task A_warning_sign_typed_after_start_before_linking_gets_its_advice_and_the_code_question()
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync("/start my chest hurts");

        Assert.StartsWith("Please stop now and call your local emergency number straight away.", chat.Transcript);
        Assert.Contains("send me the code from your therapist and I'll tell them what you wrote.", chat.Transcript);
        await chat.SayAsync(chat.Clinic.InvitationCode);
        Assert.Contains("I've told your therapist what you wrote before this chat was connected.", chat.Transcript);
        Assert.Equal("my chest hurts", Assert.Single(await chat.AlertsAsync()).PatientWords);
    }

    [Fact]
    public async Task A_command_word_after_start_is_that_command()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("help");
        var help = chat.Transcript;

        await chat.SayAsync("/start help");

        Assert.Equal(help, chat.Transcript);
        Assert.DoesNotContain("Today: 3 exercises", chat.Transcript);
    }

    [Fact]
    public async Task Words_after_start_that_nothing_else_understands_start_today_like_start_alone()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("/start");
        var today = chat.Transcript;
        Assert.StartsWith("Today: 3 exercises", today);
        await chat.SayAsync("stop");

        await chat.SayAsync("/start hello");

        Assert.Equal(today, chat.Transcript);
        AssertNotMisread(chat);
    }

    [Fact]
    public async Task A_question_after_start_is_offered_to_the_therapist()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("/start can I do the exercises tonight?");

        Assert.StartsWith("I can't answer that myself, but your therapist can.", chat.Transcript);
        Assert.Equal(["send", "keep", "/unwell"], chat.Buttons);
        AssertNotMisread(chat);
    }

    [Fact]
    public async Task The_deep_link_with_the_bot_name_links_a_new_chat()
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync($"/start@HepBot {chat.Clinic.InvitationCode}");

        Assert.Contains("Hi Alex! Your therapist at Riverside Physio", chat.Transcript);
    }
}
