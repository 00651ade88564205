using System.Globalization;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Alex's daily session: the plan, pain, each exercise card, the closing questions and the summary.</summary>
public sealed class DailySessionTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Five knee and hip exercises, so "most" (4 of 5) can be told from "some".</summary>
    private static readonly string[] FiveExercises = ["quad-set", "straight-leg-raise", "heel-slide", "short-arc-quad", "sit-to-stand"];

    [Fact]
    public async Task Alex_links_with_a_deep_link_and_completes_the_session()
    {
        await using var chat = await BotHarness.StartAsync();

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        Assert.Contains("Hi Alex! Your therapist at Riverside Physio", chat.Transcript);
        Assert.Contains("Is it OK if I send you reminders", chat.Transcript);
        Assert.Equal(["yes", "no"], chat.Buttons);

        await chat.SayAsync("yes");
        Assert.Contains("Your therapist suggested a reminder at 18:00", chat.Transcript);
        await chat.SayAsync("keep");
        Assert.Contains("All set!", chat.Transcript);

        await chat.TapAsync("/today");
        Assert.Contains("Today: 3 exercises, about", chat.Transcript);
        await chat.SayAsync("Start now");
        Assert.Contains("how is your pain right now", chat.Transcript);
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString(CultureInfo.InvariantCulture)), chat.Buttons);

        await chat.SayAsync("2");
        Assert.Contains("Exercise 1 of 3: Quad set", chat.Transcript);
        Assert.Contains("How to do it:", chat.Transcript);
        Assert.Contains("done", chat.Buttons);

        await chat.TapAsync("done");
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);
        await chat.TapAsync("done");
        Assert.Contains("Exercise 3 of 3: Heel slide", chat.Transcript);
        await chat.TapAsync("done");
        Assert.Contains("How is your pain now", chat.Transcript);
        await chat.SayAsync("1");
        Assert.Contains("How hard was today's session?", chat.Transcript);
        await chat.TapAsync("JustRight");
        Assert.Contains("You did 3 of 3 exercises today.", chat.Transcript);
        Assert.Contains("every exercise done", chat.Transcript);

        await using var db = chat.Db();
        var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
        Assert.Equal(SessionStatus.Completed, log.Status);
        Assert.Equal((2, 1, Difficulty.JustRight), (log.PainBefore, log.PainAfter, log.Difficulty));
        Assert.Equal(3, log.Exercises.Count(e => e.Outcome == ExerciseOutcome.Done));
        var patient = await db.Patients.SingleAsync(Ct);
        Assert.NotNull(patient.MessagingConsentAt);
        Assert.NotNull(patient.LinkedAt);
    }

    [Fact]
    public async Task The_plan_says_how_many_exercises_and_how_long_and_offers_start_skip_or_later()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("start");

        Assert.Equal("Today: 3 exercises, about 12 minutes.\nReady to start?", chat.Transcript);
        Assert.Equal(["Start now", "Skip today", "Later"], chat.ButtonLabels);
        await using var db = chat.Db();
        Assert.Empty(await db.SessionLogs.ToListAsync(Ct));
    }

    [Fact]
    public async Task A_one_exercise_program_says_one_exercise()
    {
        await using var chat = await BotHarness.LinkedAsync(program: ["heel-slide"]);

        await chat.SayAsync("today");

        Assert.StartsWith("Today: 1 exercise, about", chat.Transcript);
    }

    [Fact]
    public async Task Alex_starts_and_is_asked_about_pain_before_the_first_exercise()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");

        await chat.TapAsync("start");

        Assert.Equal("Before we start: how is your pain right now, from 0 (no pain) to 10 (worst imaginable)?", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.InProgress, log.Status);
        Assert.Null(log.PainBefore);

        await chat.SayAsync("3");
        Assert.StartsWith("Exercise 1 of 3: Quad set", chat.Transcript);
        Assert.Equal(3, (await chat.TodaysLogAsync()).PainBefore);
    }

    [Fact]
    public async Task The_exercise_card_shows_name_dose_steps_cues_and_cautions()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.StartSessionAsync();

        var card = chat.Replies[0].Text;
        Assert.Equal(
            """
            Exercise 1 of 3: Quad set
            10 times, 3 rounds, rest 30 seconds between rounds; hold each for 5 seconds; your sore leg

            How to do it:
            1. Sit or lie down with your leg straight in front of you.
            2. Tighten the muscle on the front of your thigh so the back of your knee presses down.
            3. Hold it tight for the count.
            4. Let the muscle relax fully before the next one.

            What you should feel:
            • Your kneecap slides up a little as the thigh tightens.

            Be careful:
            • Keep breathing; do not hold your breath.
            • Stop if you feel sharp pain behind the kneecap.
            """.ReplaceLineEndings("\n"), card.ReplaceLineEndings("\n"));
        Assert.Equal("Tap Done when you've finished, or choose another option.", chat.LastReply);
        Assert.Equal(["Done", "Skip", "Too painful", "Show me again", "Start the set", "I feel unwell"], chat.ButtonLabels);
    }

    [Fact]
    public async Task Done_records_the_exercise_and_moves_to_the_next_card()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.TapAsync("done");

        Assert.StartsWith("Nice work!\nExercise 2 of 3: Straight leg raise\n10 times, 3 rounds, rest 45 seconds between rounds; your sore leg", chat.Transcript);
        Assert.Equal(["Done", "Skip", "Too painful", "Show me again", "Start the set", "I feel unwell"], chat.ButtonLabels);
        var answer = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((chat.Clinic.Exercises[0].Id, ExerciseOutcome.Done, 3), (answer.ExerciseId, answer.Outcome, answer.SetsDone));
    }

    [Fact]
    public async Task Show_me_again_repeats_the_card_and_records_nothing()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.TapAsync("Show me again");

        Assert.StartsWith("Exercise 1 of 3: Quad set", chat.Transcript);
        Assert.Contains("1. Sit or lie down with your leg straight in front of you.", chat.Transcript);
        Assert.Equal("Tap Done when you've finished, or choose another option.", chat.LastReply);
        Assert.Empty((await chat.TodaysLogAsync()).Exercises);
    }

    [Fact]
    public async Task After_the_last_exercise_Alex_rates_pain_and_difficulty_and_both_are_saved()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync(painBefore: 3);
        await chat.TapAsync("done");
        await chat.TapAsync("done");

        await chat.TapAsync("done");
        Assert.Equal("All done! How is your pain now, from 0 to 10?", chat.LastReply);
        await chat.SayAsync("2");
        Assert.Equal("How hard was today's session?", chat.LastReply);
        Assert.Equal(["Easy", "About right", "Hard"], chat.ButtonLabels);
        await chat.SayAsync("Hard");

        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.Completed, 3, 2, Difficulty.Hard), (log.Status, log.PainBefore, log.PainAfter, log.Difficulty));
        Assert.Equal(chat.Clock.GetUtcNow(), log.EndedAt);
    }

    [Fact]
    public async Task The_summary_counts_today_this_week_and_the_streak()
    {
        await using var chat = await BotHarness.LinkedAsync();
        // Monday and Tuesday done; today is Wednesday 18 November.
        await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, 16), painBefore: 3, painAfter: 2);
        await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, 17), painBefore: 3, painAfter: 2);
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");

        await chat.TapAsync("Easy");

        Assert.Equal(
            """
            You did 3 of 3 exercises today.
            This week: 3 of 3 training days done.
            Training days in a row: 3.
            Brilliant, every exercise done! This is exactly how progress is made.
            """.ReplaceLineEndings("\n"), chat.Transcript);
    }

    [Fact]
    public async Task A_first_day_starts_the_streak()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");

        await chat.TapAsync("Easy");

        Assert.Contains("This week: 1 of 3 training days done.\nTraining days in a row: 1. A good start.", chat.Transcript);
    }

    [Theory]
    [InlineData(5, "You did 5 of 5 exercises today.", "Brilliant, every exercise done!")]
    [InlineData(4, "Today: 4 done, 1 skipped.", "Great work. Getting most of the program done is a real step forward.")]
    [InlineData(2, "Today: 2 done, 3 skipped.", "Thank you for doing what you could today.")]
    [InlineData(0, "Today: 0 done, 5 skipped.", "Thanks for checking in. Some days are harder; we'll try again next time.")]
    public async Task The_encouragement_matches_how_much_was_done(int done, string summary, string encouragement)
    {
        await using var chat = await BotHarness.LinkedAsync(program: FiveExercises);
        await chat.StartSessionAsync();
        for (var i = 0; i < 5; i++)
        {
            if (i < done)
            {
                await chat.TapAsync("done");
            }
            else
            {
                await chat.TapAsync("skip");
                await chat.TapAsync("NoTime");
            }
        }
        await chat.SayAsync("2");

        await chat.TapAsync("JustRight");

        Assert.StartsWith(summary, chat.Transcript);
        Assert.StartsWith(encouragement, chat.Transcript.Split('\n').Last());
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.Completed, log.Status);
        Assert.Equal(done, log.ExercisesDone);
        Assert.Equal(5 - done, log.Exercises.Count(e => e.Outcome == ExerciseOutcome.Skipped && e.Barrier == SkipReason.NoTime));
    }

    [Fact]
    public async Task Later_keeps_nothing_open_and_start_brings_the_plan_back()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");

        await chat.TapAsync("Later");
        Assert.Equal("OK. Type start whenever you're ready; I'll keep your place.", chat.Transcript);
        await using (var db = chat.Db())
            Assert.Empty(await db.SessionLogs.ToListAsync(Ct));

        chat.Clock.Advance(TimeSpan.FromHours(8));
        await chat.SayAsync("start");
        Assert.StartsWith("Today: 3 exercises", chat.Transcript);
    }

    [Fact]
    public async Task Starting_again_after_finishing_today_says_it_is_already_done()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");
        await chat.TapAsync("Easy");

        await chat.SayAsync("start");

        Assert.Equal("You've already finished today's exercises. Well done! See you next training day.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Single(await db.SessionLogs.ToListAsync(Ct));
    }

    [Fact]
    public async Task On_a_rest_day_there_is_nothing_to_do()
    {
        // Alex trains Mondays and Fridays; today is a Wednesday.
        await using var chat = await BotHarness.LinkedAsync(days: TrainingDays.Monday | TrainingDays.Friday);

        await chat.SayAsync("start");

        Assert.Equal("Today is a rest day in your program. Enjoy it, and I'll see you next training day!", chat.Transcript);
        await using var db = chat.Db();
        Assert.Empty(await db.SessionLogs.ToListAsync(Ct));
    }

    [Fact]
    public async Task Without_a_program_Alex_is_told_the_therapist_will_set_one_up()
    {
        await using var chat = await BotHarness.LinkedAsync(withProgram: false);

        await chat.SayAsync("start");

        Assert.Equal("You don't have an exercise program yet. Your therapist will set one up soon, and I'll let you know.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Empty(await db.SessionLogs.ToListAsync(Ct));
    }
}
