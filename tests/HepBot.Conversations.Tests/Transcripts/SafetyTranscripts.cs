using HepBot.Core.Alerts;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>"Too painful", high pain and red flags: what Alex is told, and what the therapist is alerted to.</summary>
public sealed class SafetyTranscripts
{
    private const string SafetyQuestion = "A quick safety check. Do you have any of these right now?";
    private const string UrgentCare = "Please stop exercising now. This needs a doctor today: call your local emergency number or go to urgent care now. Do not drive yourself. I've told your therapist.";
    private const string HighPainEnd = "Your pain is very high, so let's stop for today. Rest, and use the pain relief your doctor recommended. I've let your therapist know. If the pain keeps getting worse, or you feel unwell, get medical help.";

    [Fact]
    public async Task Too_painful_at_two_is_mild_so_Alex_carries_on_and_nothing_is_stopped()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.TapAsync("painful");
        Assert.Equal("How much does it hurt right now, from 0 to 10?", chat.Transcript);
        await chat.SayAsync("2");

        Assert.Equal("Thanks. Mild discomfort is fine. Carry on gently, or skip it if it gets worse.\nTap Done when you've finished, or choose another option.", chat.Transcript);
        Assert.Contains("done", chat.Buttons);
        Assert.Empty((await chat.TodaysLogAsync()).Exercises);

        await chat.TapAsync("done");
        Assert.Equal(ExerciseOutcome.Done, Assert.Single((await chat.TodaysLogAsync()).Exercises).Outcome);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task Too_painful_at_five_gets_the_settle_within_a_day_caution()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");

        await chat.SayAsync("5");

        Assert.StartsWith("That's OK as long as it settles within a day. Go gently and do fewer repetitions if you need to.", chat.Transcript);
        Assert.Equal("Tap Done when you've finished, or choose another option.", chat.LastReply);
        var log = await chat.TodaysLogAsync();
        Assert.Empty(log.Exercises);
        Assert.Equal(SessionStatus.InProgress, log.Status);
    }

    [Fact]
    public async Task Too_painful_at_six_stops_the_exercise_and_asks_about_red_flags()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");

        await chat.SayAsync("6");

        Assert.Equal($"Let's stop this exercise. Pain at this level is a sign to rest it today.\n{SafetyQuestion}", chat.Transcript);
        Assert.Equal(
            ["Chest, jaw or arm pain or pressure", "Severe shortness of breath", "Dizziness or feeling faint",
             "Sudden swelling or pain in the calf", "A joint giving way", "New numbness or weakness", "None of these"],
            chat.ButtonLabels);
        var stopped = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((ExerciseOutcome.Stopped, 6, SkipReason.Pain, 0), (stopped.Outcome, stopped.Pain, stopped.Barrier, stopped.SetsDone));
    }

    [Fact]
    public async Task No_red_flags_after_a_stopped_exercise_moves_on_to_the_next_one()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("6");

        await chat.TapAsync("None of these");

        Assert.StartsWith("Thank you. No warning signs, which is good.\nWe'll move on to the next exercise. Skip anything that hurts.\nExercise 2 of 3: Straight leg raise", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.InProgress, log.Status);
        Assert.Equal(ExerciseOutcome.Stopped, Assert.Single(log.Exercises).Outcome);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task A_red_flag_stops_the_session_sends_Alex_to_urgent_care_and_alerts_the_therapist_urgently()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("7");

        await chat.TapAsync("Sudden swelling or pain in the calf");

        Assert.Equal(UrgentCare, chat.Transcript);
        Assert.Empty(chat.Buttons);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.StoppedForSafety, log.Status);
        Assert.Equal(chat.Clock.GetUtcNow(), log.EndedAt);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Urgent, chat.Clinic.TherapistId), (alert.Kind, alert.Severity, alert.TherapistId));
        Assert.Contains("SuddenCalfSwelling", alert.Detail);
        Assert.True(alert.IsOpen);
    }

    [Fact]
    public async Task Pain_of_eight_ends_the_session_with_advice_and_a_high_pain_alert_without_asking_about_red_flags()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("painful");

        await chat.SayAsync("8");

        Assert.Equal(HighPainEnd, chat.Transcript);
        Assert.DoesNotContain(SafetyQuestion, chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.StoppedForSafety, log.Status);
        Assert.Equal([ExerciseOutcome.Done, ExerciseOutcome.Stopped], log.Exercises.Select(e => e.Outcome));
        Assert.Equal(8, log.Exercises[1].Pain);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, AlertSeverity.Urgent), (alert.Kind, alert.Severity));
        Assert.Contains("8/10", alert.Detail);
    }

    [Fact]
    public async Task Pain_of_six_before_starting_asks_about_red_flags_and_a_red_flag_stops_everything()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        await chat.SayAsync("6");
        Assert.Equal(SafetyQuestion, chat.Transcript);

        await chat.TapAsync("DizzinessOrFainting");
        Assert.Equal(UrgentCare, chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.StoppedForSafety, 6), (log.Status, log.PainBefore));
        Assert.Empty(log.Exercises);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Urgent), (alert.Kind, alert.Severity));
    }

    [Fact]
    public async Task Pain_of_six_before_starting_without_red_flags_goes_gently_into_the_first_exercise()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        await chat.SayAsync("6");

        await chat.TapAsync("none");

        Assert.StartsWith("Thank you. No warning signs, which is good.\nYour pain is high today. Go gently, and stop any exercise that makes it worse.\nExercise 1 of 3: Quad set", chat.Transcript);
        Assert.Equal(SessionStatus.InProgress, (await chat.TodaysLogAsync()).Status);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task Pain_of_eight_before_starting_ends_the_session_before_any_exercise()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        await chat.SayAsync("8");

        Assert.Equal(HighPainEnd, chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.StoppedForSafety, 8), (log.Status, log.PainBefore));
        Assert.Empty(log.Exercises);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, AlertSeverity.Urgent), (alert.Kind, alert.Severity));
        Assert.Contains("before the session", alert.Detail);
    }

    [Fact]
    public async Task A_second_high_pain_while_the_first_alert_is_open_adds_no_second_alert()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("9");

        // The next morning: the therapist has not looked at the alert yet.
        await chat.AdvanceAsync(TimeSpan.FromDays(1));
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("8");

        Assert.Equal(HighPainEnd, chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, AlertSeverity.Urgent), (alert.Kind, alert.Severity));
        Assert.Contains("9/10", alert.Detail);
    }

    [Fact]
    public async Task High_pain_after_the_session_asks_about_red_flags_before_the_difficulty_question()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");

        await chat.SayAsync("6");
        Assert.Equal(SafetyQuestion, chat.Transcript);
        await chat.TapAsync("none");

        Assert.Equal("Thank you. No warning signs, which is good.\nHow hard was today's session?", chat.Transcript);
        Assert.Equal(6, (await chat.TodaysLogAsync()).PainAfter);
    }

    [Fact]
    public async Task Asking_to_start_again_after_a_safety_stop_is_not_congratulated()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("8");

        chat.Clock.Advance(TimeSpan.FromHours(3));
        await chat.SayAsync("start");

        Assert.Equal("Today's session was stopped to keep you safe, so please take it easy for the rest of the day. If the pain keeps getting worse, or you feel unwell, get medical help.", chat.Transcript);
        Assert.DoesNotContain("Well done", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
    }
}
