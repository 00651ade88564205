using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Not understood is not a dead end: a typed question reaches the therapist in one tap, and the question is asked again.</summary>
public sealed class PassOnTranscripts
{
    private const string Question = "my knee is a bit swollen tonight, is that normal?";

    private const string UnwellCheck = "I'm sorry you're not feeling well. Let's check quickly, so I can help you right.\n" +
        "A quick safety check. Do you have any of these right now? Tap each one that applies.";

    [Fact]
    public async Task A_question_at_the_exercise_card_is_offered_to_the_therapist_and_the_question_comes_back()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync(Question);

        Assert.Equal(
            "I can't answer that myself, but your therapist can. Tap below to send it to them as you wrote it. If it's about how you feel, tap I feel unwell and I'll check the warning signs with you.\n" +
            "Tap Done when you've finished, or choose another option.", chat.Transcript);
        Assert.Equal(["Send it to my therapist", "I feel unwell"], chat.Replies[0].SuggestedActions.Actions.Select(a => a.Title));
        Assert.DoesNotContain("Sorry", chat.Transcript);
        Assert.DoesNotContain("What would you like to do", chat.Transcript);

        await chat.TapAsync("/passon");

        Assert.Equal("Sent. Your therapist will see your message in the app.\nTap Done when you've finished, or choose another option.", chat.Transcript);
        await using var db = chat.Db();
        var message = await db.PatientMessages.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((Question, MessageDirection.PatientToTherapist), (message.Text, message.Direction));
        Assert.Contains(await chat.AlertsAsync(), a => a.Kind == AlertKind.PatientMessage);
        Assert.Empty((await chat.TodaysLogAsync()).Exercises);
    }

    /// <summary>
    /// A sign typed in words the recogniser does not know is passed on, not lost, and the warning-sign check is one tap away:
    /// "mum just went limp" was such a message on one blind set before the lexicon learnt it.
    /// </summary>
    [Fact]
    public async Task The_offer_at_the_exercise_card_has_the_warning_sign_check_one_tap_away()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.SayAsync("something odd is going on with me, hard to describe");

        await chat.TapAsync("/unwell");

        Assert.Equal(UnwellCheck, chat.Transcript);
    }

    [Fact]
    public async Task The_offer_when_nothing_is_asked_has_the_warning_sign_check_one_tap_away()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("something odd is going on with me, hard to describe");
        Assert.Contains("I feel unwell", chat.ButtonLabels);

        await chat.TapAsync("/unwell");

        Assert.Equal(UnwellCheck, chat.Transcript);
        await chat.TapAsync("none");
        Assert.StartsWith("Thank you. No warning signs, which is good.", chat.Transcript);
        Assert.EndsWith("Send it to them as you wrote it? If it's about how you feel, tap I feel unwell and I'll check the warning signs with you.", chat.Transcript);
    }

    /// <summary>A card's press carries the answer without text (Teams): it answers the question, and the check runs the same way.</summary>
    [Fact]
    public async Task A_press_without_text_on_the_offer_runs_the_check_and_the_remark_still_waits()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("something odd is going on with me, hard to describe");
        var press = chat.Press("/unwell");
        press.Text = null;

        await chat.SendAsync(press);

        Assert.Equal(UnwellCheck, chat.Transcript);
        await chat.TapAsync("none");
        Assert.EndsWith("Send it to them as you wrote it? If it's about how you feel, tap I feel unwell and I'll check the warning signs with you.", chat.Transcript);
        await chat.TapAsync("send");
        Assert.Equal("Sent. Your therapist will see your message in the app.", chat.Transcript);
    }

    [Fact]
    public async Task A_question_when_nothing_is_asked_gets_one_question_not_the_menu()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("¿puedo caminar con la rodilla hinchada?");

        Assert.Equal("I can't answer that myself, but your therapist can. Send it to them as you wrote it? If it's about how you feel, " +
            "tap I feel unwell and I'll check the warning signs with you.", chat.Transcript);
        Assert.Equal(["Send it to my therapist", "No, thanks", "I feel unwell"], chat.ButtonLabels);
        await chat.TapAsync("send");
        Assert.Equal("Sent. Your therapist will see your message in the app.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Equal("¿puedo caminar con la rodilla hinchada?", (await db.PatientMessages.SingleAsync(TestContext.Current.CancellationToken)).Text);
    }

    [Fact]
    public async Task In_spanish_the_offer_and_the_question_are_spanish()
    {
        await using var chat = await BotHarness.LinkedAsync("es");
        await chat.SayAsync("empezar");
        await chat.TapAsync("start");
        await chat.SayAsync("2");

        await chat.SayAsync("tengo la rodilla un poco hinchada esta noche, ¿es normal?");

        Assert.StartsWith("Eso no lo puedo responder yo, pero tu terapeuta sí.", chat.Transcript);
        Assert.Equal(["Enviarlo a mi terapeuta", "Me encuentro mal"], chat.Replies[0].SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task A_warning_sign_is_never_not_understood()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("I have chest pain and can't breathe, is that normal?");

        Assert.DoesNotContain("your therapist can. Tap below", chat.Transcript);
        Assert.Contains(await chat.AlertsAsync(), a => a.Kind == AlertKind.RedFlag);
    }

    [Fact]
    public async Task A_stray_word_still_gets_the_usual_retry()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("banana");

        Assert.StartsWith("Sorry", chat.Transcript);
        Assert.DoesNotContain("therapist can", chat.Transcript);
    }
}
