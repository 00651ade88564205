using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Alex leaves in the middle of a session: later the same day, the next day, or while the bot restarts.</summary>
public sealed class ResumeTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Coming_back_later_the_same_day_and_typing_start_carries_on_at_the_next_exercise()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");

        // Alex puts the phone down at exercise 2 and comes back after lunch.
        chat.Clock.Advance(TimeSpan.FromHours(4));
        await chat.SayAsync("start");

        Assert.StartsWith("Welcome back! So far: 1 done, 2 to go. Let's carry on with Straight leg raise.\nExercise 2 of 3: Straight leg raise", chat.Transcript);
        Assert.DoesNotContain("Sorry", chat.Transcript);
        Assert.DoesNotContain("how is your pain right now", chat.Transcript);
        await chat.TapAsync("done");
        Assert.Contains("Exercise 3 of 3: Heel slide", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(2, log.PainBefore);
        Assert.Equal(2, log.ExercisesDone);
    }

    [Fact]
    public async Task Stopping_mid_session_and_starting_again_welcomes_Alex_back()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("NoTime");
        await chat.SayAsync("stop");

        await chat.TapAsync("/today");

        Assert.StartsWith("Welcome back! So far: 0 done, 1 skipped, 2 to go. Let's carry on with Straight leg raise.\nExercise 2 of 3", chat.Transcript);
    }

    [Fact]
    public async Task The_next_morning_yesterdays_unfinished_session_is_kept_as_abandoned_and_today_starts_fresh()
    {
        await using var chat = await BotHarness.LinkedAsync();
        var yesterday = chat.Today;
        await chat.StartSessionAsync(painBefore: 4);
        await chat.TapAsync("done");

        // 09:00 → 00:30 the next day in Madrid (23:30 UTC).
        chat.Clock.Advance(TimeSpan.FromHours(15.5));
        Assert.Equal(yesterday.AddDays(1), chat.Today);
        await chat.TapAsync("done");

        // Yesterday's button no longer answers anything: Alex gets the menu, nothing is recorded for today.
        Assert.StartsWith("It's a new day, so we're starting fresh. Yesterday's answers are saved.", chat.Transcript);
        Assert.Contains("That question has already passed, so I didn't record that answer.", chat.Transcript);
        Assert.Equal("What would you like to do?", chat.LastReply);
        await using (var db = chat.Db())
        {
            var old = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
            Assert.Equal((yesterday, SessionStatus.Abandoned, 4), (old.LocalDate, old.Status, old.PainBefore));
            Assert.Equal(chat.Clinic.Exercises[0].Id, Assert.Single(old.Exercises).ExerciseId);
        }

        await chat.SayAsync("start");
        Assert.StartsWith("Today: 3 exercises", chat.Transcript);
        await chat.TapAsync("start");
        Assert.Contains("how is your pain right now", chat.Transcript);
        var today = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.InProgress, 1), (today.Status, today.SessionNumber));
        Assert.Empty(today.Exercises);
    }

    [Fact]
    public async Task A_restart_between_two_taps_loses_nothing()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");

        await chat.RestartAsync();
        await chat.TapAsync("done");

        Assert.StartsWith("Nice work!\nExercise 3 of 3: Heel slide", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal([chat.Clinic.Exercises[0].Id, chat.Clinic.Exercises[1].Id], log.Exercises.Select(e => e.ExerciseId));
        Assert.All(log.Exercises, e => Assert.Equal(ExerciseOutcome.Done, e.Outcome));
    }

    [Fact]
    public async Task A_restart_while_the_red_flag_question_is_open_continues_that_question()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("6");

        await chat.RestartAsync();
        await chat.TapAsync("none");

        Assert.StartsWith("Thank you. No warning signs, which is good.\nWe'll move on to the next exercise.", chat.Transcript);
        Assert.Contains("Exercise 2 of 3", chat.Transcript);
    }

    [Fact]
    public async Task A_restart_at_the_pain_question_takes_the_answer()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        await chat.RestartAsync();
        await chat.SayAsync("3");

        Assert.StartsWith("Exercise 1 of 3: Quad set", chat.Transcript);
        Assert.Equal(3, (await chat.TodaysLogAsync()).PainBefore);
    }
}
