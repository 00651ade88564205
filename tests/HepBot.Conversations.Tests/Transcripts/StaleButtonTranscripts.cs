using HepBot.Conversations.DialogLayer;
using HepBot.Core.Sessions;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// A button answers the question it was shown with, and only that one. Old keyboards stay on screen, a
/// thumb taps twice, a network delivers a press again: such a press records nothing, Alex hears that the
/// question has passed and gets the current one. Typed answers still answer whatever is asked.
/// </summary>
public sealed class StaleButtonTranscripts
{
    private const string Passed = "That question has already passed, so I didn't record that answer.";

    [Fact]
    public async Task The_same_done_press_delivered_three_times_marks_one_exercise_done()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var done = chat.Press("done");

        await chat.SendAsync(done);
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);
        await chat.SendAsync(done);
        Assert.Equal(Passed, chat.Replies[0].Text);
        Assert.Equal("Tap Done when you've finished, or choose another option.", chat.LastReply);
        await chat.SendAsync(done);

        var log = await chat.TodaysLogAsync();
        var answer = Assert.Single(log.Exercises);
        Assert.Equal((chat.Clinic.Exercises[0].Id, ExerciseOutcome.Done), (answer.ExerciseId, answer.Outcome));
    }

    [Fact]
    public async Task Twenty_deliveries_of_one_done_press_at_once_record_one_done()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.BurstAsync(chat.Press("done"), 20);

        var answer = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((chat.Clinic.Exercises[0].Id, ExerciseOutcome.Done), (answer.ExerciseId, answer.Outcome));
        Assert.DoesNotContain("Exercise 3 of 3", chat.Transcript);
        Assert.DoesNotContain("went wrong", chat.Transcript);
    }

    [Fact]
    public async Task A_pain_button_left_on_screen_cannot_answer_the_exercise_card()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        var two = chat.Press("2");
        await chat.SayAsync("3");
        Assert.StartsWith("Exercise 1 of 3", chat.Transcript);
        var before = await chat.RecordsAsync();

        // At the exercise card, "2" would be its second button: Skip.
        await chat.SendAsync(two);

        Assert.Equal(Passed, chat.Replies[0].Text);
        Assert.Equal(before, await chat.RecordsAsync());
        Assert.Equal(3, (await chat.TodaysLogAsync()).PainBefore);
    }

    [Fact]
    public async Task An_old_menu_button_starts_nothing()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("menu");
        var forget = chat.Press("ForgetMe");
        await chat.SayAsync("reminder");
        Assert.Equal("What time should I remind you? Send it like 07:30 or 18:00.", chat.Transcript);

        await chat.SendAsync(forget);

        Assert.Equal([Passed, "What time should I remind you? Send it like 07:30 or 18:00."], chat.Replies.Select(r => r.Text));
        await chat.SayAsync("19:00");
        Assert.Equal("Done. I'll remind you at 19:00 on your training days.", chat.Transcript);
    }

    [Fact]
    public async Task A_button_pressed_when_nothing_is_being_asked_says_the_question_passed_and_offers_the_menu()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("menu");
        var progress = chat.Press("Progress");
        await chat.SayAsync("/stop");
        var before = await chat.RecordsAsync();

        await chat.SendAsync(progress);

        Assert.Equal([Passed, "What would you like to do?"], chat.Replies.Select(r => r.Text));
        Assert.Equal(before, await chat.RecordsAsync());
    }

    [Theory]
    [InlineData("zzzzzz")]
    [InlineData("")]
    [InlineData("a-very-long-id-that-no-prompt-ever-had")]
    public async Task A_card_submit_naming_another_question_records_nothing(string promptId)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var before = await chat.RecordsAsync();

        var submit = MessageFactory.Text("done");
        submit.Value = new JObject { ["choice"] = "done", ["prompt"] = promptId };
        await chat.SendAsync(submit);

        Assert.Equal(Passed, chat.Replies[0].Text);
        Assert.Equal(before, await chat.RecordsAsync());
    }

    [Fact]
    public async Task Every_button_of_a_question_carries_that_question_and_the_next_question_another()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var first = chat.Replies.Last(r => r.SuggestedActions is not null).SuggestedActions.Actions
            .Select(a => PromptIdentity.OfButton(a)).Distinct().Single();

        await chat.TapAsync("done");

        var second = chat.Replies.Last(r => r.SuggestedActions is not null).SuggestedActions.Actions
            .Select(a => PromptIdentity.OfButton(a)).Distinct().Single();
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Typing_the_answer_again_is_a_new_answer()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("done");
        await chat.SayAsync("Done");

        Assert.Equal(2, (await chat.TodaysLogAsync()).ExercisesDone);
    }
}
