using HepBot.Core.Alerts;
using HepBot.Core.Linking;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Eight characters of the code alphabet with a digit read as a code: "hurts 9 ay" is "HURTS9AY". Only a code HepBot
/// issued is taken for a code without a second look; other words that merely look like one are read for warning
/// signs first, in a linked chat and in one not linked yet, and only then tried as a code.
/// </summary>
public sealed class CodeShapedWordsTranscripts
{
    public static TheoryData<string, string, int> PainThatLooksLikeACode => new()
    {
        { "en", "hurts 9 ay", 9 },
        { "es", "uff es un 9", 9 },
    };

    private static void AssertNotTakenForACode(BotHarness chat)
    {
        foreach (var misread in new[] { "That doesn't look like a code.", "Eso no parece un código.", "doesn't work", "no funciona",
                     "Sorry, I didn't understand that.", "Lo siento, no te he entendido." })
            Assert.DoesNotContain(misread, chat.Transcript);
    }

    [Theory]
    [MemberData(nameof(PainThatLooksLikeACode))]
    public async Task Pain_typed_in_words_that_look_like_a_code_with_nothing_going_on_is_heard_and_reaches_the_therapist(string language, string words, int pain)
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: language);
        Assert.NotNull(InvitationCode.Normalize(words));

        await chat.SayAsync(words);

        AssertNotTakenForACode(chat);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((pain, words), (alert.PainScore, alert.PatientWords));
    }

    [Theory]
    [MemberData(nameof(PainThatLooksLikeACode))]
    public async Task Pain_typed_in_words_that_look_like_a_code_at_an_exercise_is_heard_and_reaches_the_therapist(string language, string words, int pain)
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: language);
        await chat.StartSessionAsync();

        await chat.SayAsync(words);

        AssertNotTakenForACode(chat);
        Assert.EndsWith(language == "en"
            ? "A quick safety check. Do you have any of these right now? Tap each one that applies."
            : "Una comprobación rápida de seguridad. ¿Tienes ahora mismo alguno de estos síntomas? Toca cada uno que tengas.", chat.Transcript);
        await chat.TapAsync("none");
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, pain), (alert.Kind, alert.PainScore));
    }

    [Fact]
    public async Task Words_that_look_like_a_code_in_a_chat_not_linked_yet_get_the_advice_and_reach_the_therapist_once_linked()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync("hello");

        await chat.SayAsync("numb 2day");

        AssertNotTakenForACode(chat);
        Assert.Contains("This chat is not connected to your clinic yet: send me the code from your therapist and I'll tell them what you wrote.", chat.Transcript);
        await chat.SayAsync(chat.Clinic.InvitationCode);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, "numb 2day"), (alert.Kind, alert.PatientWords));
    }

    [Fact]
    public async Task A_code_whose_letters_read_like_a_pain_score_links_a_new_chat()
    {
        // "A7KNEEHR" reads as "a 7 kneehr" to the symptom recogniser: a pain of 7 if it were words.
        await using var chat = await BotHarness.StartAsync();
        var code = await chat.InviteAsync(code: "A7KNEEHR");
        await chat.SayAsync("hello");

        await chat.SayAsync(code);

        Assert.Contains("Hi Alex! Your therapist at Riverside Physio has set up your home exercise program with me.", chat.Transcript);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task A_code_whose_letters_read_like_a_pain_score_mid_session_is_a_code_and_the_exercise_waits()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var code = await chat.InviteAsync(code: "A7KNEEHR");

        await chat.SayAsync(code);

        Assert.Contains("Riverside Physio", chat.Transcript);
        Assert.Empty(await chat.AlertsAsync());
    }
}
