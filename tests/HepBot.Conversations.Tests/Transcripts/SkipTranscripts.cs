using HepBot.Core.Alerts;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Skipping one exercise or the whole day, and what Alex hears for each barrier.</summary>
public sealed class SkipTranscripts
{
    [Fact]
    public async Task Skip_asks_what_is_getting_in_the_way_with_one_button_per_barrier()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.TapAsync("skip");

        Assert.Equal("No problem. What's getting in the way of this one?", chat.Transcript);
        Assert.Equal(["No time", "Pain", "I forgot", "Not sure how to do it", "Feeling unwell", "Something else"], chat.ButtonLabels);
        Assert.Empty((await chat.TodaysLogAsync()).Exercises);
    }

    [Theory]
    [InlineData("No time", SkipReason.NoTime, "Short on time? Even one set of each exercise helps more than none.")]
    [InlineData("I forgot", SkipReason.Forgot, "It happens! A reminder at a better time might help: type reminder to change it.")]
    public async Task Each_barrier_gets_its_own_answer_and_the_skip_is_recorded_with_it(string barrier, SkipReason reason, string answer)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");

        await chat.TapAsync(barrier);

        Assert.StartsWith(answer, chat.Transcript);
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);
        var skipped = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((chat.Clinic.Exercises[0].Id, ExerciseOutcome.Skipped, reason, 0), (skipped.ExerciseId, skipped.Outcome, skipped.Barrier, skipped.SetsDone));
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task Skipping_for_pain_asks_how_much_and_a_low_score_is_kept_with_the_skip()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");

        await chat.TapAsync("Pain");
        Assert.Equal("How much does it hurt right now, from 0 to 10?", chat.Transcript);
        await chat.SayAsync("3");

        Assert.StartsWith("Pain is important to listen to. If it keeps you from exercising, your therapist may adjust the program", chat.Transcript);
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);
        var skipped = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((ExerciseOutcome.Skipped, SkipReason.Pain, 3), (skipped.Outcome, skipped.Barrier, skipped.Pain));
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task Skipping_for_pain_at_seven_tells_the_therapist_and_asks_the_red_flag_check()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("Pain");

        await chat.SayAsync("7");

        Assert.StartsWith("Let's stop this exercise. Pain at this level is a sign to rest it today.\nA quick safety check.", chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, AlertSeverity.Warning, Core.Safety.UrgencyTier.TherapistReview, 7),
            (alert.Kind, alert.Severity, alert.Tier, alert.PainScore));
    }

    [Fact]
    public async Task Skipping_for_feeling_unwell_runs_the_check_and_ends_the_day()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");

        await chat.TapAsync("Feeling unwell");
        Assert.StartsWith("I'm sorry you're not feeling well. Let's check quickly, so I can help you right.\nA quick safety check.", chat.Transcript);
        await chat.TapAsync("None of these");

        Assert.Equal("Then we will stop for today. Rest and look after yourself. If you feel worse, or unwell for more than a few days, check with your doctor.", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task Unsure_how_shows_the_card_again_offers_a_try_and_then_to_tell_the_therapist()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");

        await chat.TapAsync("Not sure how to do it");

        Assert.StartsWith("Let's go over it again.\nExercise 1 of 3: Quad set", chat.Transcript);
        Assert.Contains("1. Sit or lie down with your leg straight in front of you.", chat.Transcript);
        Assert.Equal("Would you like to try it now, with the steps above?", chat.LastReply);
        Assert.Empty((await chat.TodaysLogAsync()).Exercises);

        await chat.TapAsync("Skip it today");

        Assert.Equal("Would you like me to tell your therapist you're unsure about Quad set, so they can help?", chat.LastReply);
        Assert.Equal(["Yes", "No"], chat.ButtonLabels);
        var skipped = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((ExerciseOutcome.Skipped, SkipReason.UnsureHow), (skipped.Outcome, skipped.Barrier));
    }

    [Fact]
    public async Task Unsure_how_and_yes_tell_my_therapist_raises_an_asked_for_help_alert()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("UnsureHow");
        await chat.TapAsync("Skip it today");

        await chat.SayAsync("yes");

        Assert.StartsWith("Done. Your therapist will see it and can show you at your next visit.\nExercise 2 of 3", chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.AskedForHelp, AlertSeverity.Info, chat.Clinic.TherapistId), (alert.Kind, alert.Severity, alert.TherapistId));
        Assert.Contains("quad-set", alert.Detail);
    }

    [Fact]
    public async Task Unsure_how_and_no_thanks_alerts_nobody()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("UnsureHow");
        await chat.TapAsync("Skip it today");

        await chat.SayAsync("no");

        Assert.StartsWith("OK. You can always tap Show me again while exercising.\nExercise 2 of 3", chat.Transcript);
        Assert.Empty(await chat.AlertsAsync());
        Assert.Equal(ExerciseOutcome.Skipped, Assert.Single((await chat.TodaysLogAsync()).Exercises).Outcome);
    }

    [Fact]
    public async Task Skipping_the_whole_day_records_the_day_as_skipped_with_the_barrier()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");

        await chat.TapAsync("Skip today");
        Assert.Equal("That's OK. What's getting in the way today?", chat.Transcript);
        await chat.TapAsync("I forgot");

        // Feeling unwell asks the red-flag check first: see UnwellTranscripts.
        Assert.Equal(
            "It happens! A reminder at a better time might help: type reminder to change it.\nToday is saved as skipped. See you next time!",
            chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.SkippedDay, SkipReason.Forgot), (log.Status, log.SkipBarrier));
        Assert.Empty(log.Exercises);
        Assert.Null(log.PainBefore);
    }

    [Fact]
    public async Task Skipping_the_day_because_unsure_how_can_let_the_therapist_know()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("skipDay");

        await chat.TapAsync("UnsureHow");
        Assert.Equal("Your therapist can go over the exercises with you. Would you like me to tell them you're unsure?", chat.Transcript);
        await chat.SayAsync("yes");

        Assert.Equal("Done. Your therapist will see it and can show you at your next visit.", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.SkippedDay, SkipReason.UnsureHow), (log.Status, log.SkipBarrier));
        Assert.Equal(AlertKind.AskedForHelp, Assert.Single(await chat.AlertsAsync()).Kind);
    }

    [Fact]
    public async Task Asking_to_start_again_after_skipping_the_day_is_not_congratulated()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("skipDay");
        await chat.TapAsync("NoTime");

        await chat.SayAsync("start");

        Assert.Equal("Today is saved as skipped. Rest up, and I'll see you next training day!", chat.Transcript);
    }
}
