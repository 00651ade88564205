using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// A thumb that taps a button twice: the second tap arrives while the bot is still answering the
/// first (<see cref="BotHarness.DoubleTapAsync"/> stages exactly that through the adapter's
/// middleware). No answer may be lost or recorded twice, and the second tap must not answer the
/// next question, which Alex has not even seen yet.
/// </summary>
public sealed class DoubleTapTranscripts
{
    [Fact]
    public async Task Done_tapped_twice_at_once_records_the_exercise_once_and_moves_on_by_one()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.DoubleTapAsync("done");

        Assert.Single(chat.Replies, r => r.Text.StartsWith("Exercise 2 of 3: Straight leg raise", StringComparison.Ordinal));
        Assert.DoesNotContain("Exercise 3 of 3", chat.Transcript);
        var answer = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((chat.Clinic.Exercises[0].Id, ExerciseOutcome.Done), (answer.ExerciseId, answer.Outcome));

        await chat.TapAsync("done");
        Assert.Contains("Exercise 3 of 3: Heel slide", chat.Transcript);
        Assert.Equal(2, (await chat.TodaysLogAsync()).ExercisesDone);
    }

    [Fact]
    public async Task A_pain_button_tapped_twice_is_not_taken_as_the_second_option_of_the_exercise_card()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        // "2" at the exercise card would mean its second button, Skip.
        await chat.DoubleTapAsync("2");

        Assert.Single(chat.Replies, r => r.Text.StartsWith("Exercise 1 of 3: Quad set", StringComparison.Ordinal));
        Assert.DoesNotContain("What's getting in the way", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(2, log.PainBefore);
        Assert.Empty(log.Exercises);
    }

    [Fact]
    public async Task The_same_answer_sent_again_after_the_bot_replied_is_a_new_answer()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.TapAsync("done");
        await chat.TapAsync("done");

        Assert.Contains("Exercise 3 of 3", chat.Transcript);
        Assert.Equal(2, (await chat.TodaysLogAsync()).ExercisesDone);
    }
}
