using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>"Too painful", high pain and red flags: what Alex is told, and what the therapist is alerted to.</summary>
public sealed class SafetyTranscripts
{
    private const string SafetyQuestionText = "A quick safety check. Do you have any of these right now? Tap each one that applies.";
    private const string Emergency = "Please stop now and call your local emergency number straight away. Do not drive yourself. If someone is with you, tell them. I've told your therapist.";
    private const string SameDay = "Please stop today's session and contact your doctor or the clinic today. If it gets worse, call your local emergency number. I've told your therapist.";
    private const string TherapistReview = "Let's stop this exercise. I've let your therapist know so they can look at it.";
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
        var done = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((ExerciseOutcome.Done, 2), (done.Outcome, done.Pain));
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

        Assert.Equal($"Let's stop this exercise. Pain at this level is a sign to rest it today.\n{SafetyQuestionText}", chat.Transcript);
        Assert.Equal(
            ["Chest, jaw or arm pain or pressure", "Severe shortness of breath", "Fainting or feeling about to faint",
             "Sudden weakness or numbness on one side, a drooping face or slurred speech", "A racing or irregular heartbeat",
             "Short of breath", "Dizziness", "A cold sweat", "A swollen, red, warm or painful calf", "A wound or scar that is red, hot or leaking",
             "Fever or chills", "New numbness or tingling", "Nausea or vomiting", "A fall", "A joint giving way", "None of these"],
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
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, AlertSeverity.Warning, UrgencyTier.TherapistReview, 6), (alert.Kind, alert.Severity, alert.Tier, alert.PainScore));
    }

    [Fact]
    public async Task A_red_flag_from_the_check_stops_the_session_with_the_tiers_advice_and_an_alert_that_says_why()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("7");

        await chat.TapAsync("A swollen, red, warm or painful calf");
        Assert.Equal("Noted: A swollen, red, warm or painful calf. Anything else? Tap another one, or That's all.", chat.Transcript);
        await chat.TapAsync("Short of breath");

        // A swollen calf with breathlessness is an emergency: the check ends at once.
        Assert.Equal(Emergency, chat.Transcript);
        Assert.Empty(chat.Buttons);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.StoppedForSafety, log.Status);
        var alert = Assert.Single(await chat.AlertsAsync(), a => a.Kind == AlertKind.RedFlag);
        Assert.Equal((AlertSeverity.Urgent, UrgencyTier.Emergency, "CalfSwelling,Breathlessness", 7),
            (alert.Severity, alert.Tier, alert.Findings, alert.PainScore));
    }

    [Fact]
    public async Task Pain_of_eight_asks_the_red_flag_check_before_ending_the_session()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("painful");

        await chat.SayAsync("8");
        Assert.EndsWith(SafetyQuestionText, chat.Transcript);
        await chat.TapAsync("none");

        Assert.Equal(HighPainEnd, chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.StoppedForSafety, log.Status);
        Assert.Equal(8, log.Exercises[1].Pain);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, AlertSeverity.Urgent, 8), (alert.Kind, alert.Severity, alert.PainScore));
    }

    [Fact]
    public async Task Pain_of_nine_with_a_swollen_calf_gets_same_day_advice_not_pain_relief()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("9");

        await chat.TapAsync("CalfSwelling");
        await chat.TapAsync("thatsAll");

        Assert.Equal(SameDay, chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, UrgencyTier.SameDay, 9), (alert.Kind, alert.Tier, alert.PainScore));
    }

    [Fact]
    public async Task Pain_of_six_before_starting_asks_about_red_flags_and_a_red_flag_stops_everything()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        await chat.SayAsync("6");
        Assert.Equal(SafetyQuestionText, chat.Transcript);

        await chat.TapAsync("Fainting");
        Assert.Equal(Emergency, chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.StoppedForSafety, 6), (log.Status, log.PainBefore));
        Assert.Empty(log.Exercises);
        Assert.Contains(await chat.AlertsAsync(), a => (a.Kind, a.Severity, a.Tier) == (AlertKind.RedFlag, AlertSeverity.Urgent, UrgencyTier.Emergency));
    }

    [Fact]
    public async Task Pain_of_six_before_starting_without_red_flags_goes_gently_into_the_first_exercise_and_the_therapist_hears_of_it()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        await chat.SayAsync("6");

        await chat.TapAsync("none");

        Assert.StartsWith("Thank you. No warning signs, which is good.\nYour pain is high today. Go gently, and stop any exercise that makes it worse.\nExercise 1 of 3: Quad set", chat.Transcript);
        Assert.Equal(SessionStatus.InProgress, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, UrgencyTier.TherapistReview, 6), (alert.Kind, alert.Tier, alert.PainScore));
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
        Assert.Equal(SafetyQuestionText, chat.Transcript);
        await chat.TapAsync("none");

        Assert.Equal("Thank you. No warning signs, which is good.\nHow hard was today's session?", chat.Transcript);
        Assert.Equal(6, (await chat.TodaysLogAsync()).PainAfter);
        Assert.Equal(AlertKind.HighPain, Assert.Single(await chat.AlertsAsync()).Kind);
    }

    [Fact]
    public async Task Asking_to_start_again_after_a_safety_stop_is_not_congratulated()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("8");
        await chat.TapAsync("none");

        chat.Clock.Advance(TimeSpan.FromHours(3));
        await chat.SayAsync("start");

        Assert.Equal("Today's session was stopped to keep you safe, so please take it easy for the rest of the day. If the pain keeps getting worse, or you feel unwell, get medical help.", chat.Transcript);
        Assert.DoesNotContain("Well done", chat.Transcript);
    }

    // ---- Typed warning signs, at any point ----

    [Fact]
    public async Task Chest_pain_typed_mid_exercise_gets_emergency_advice_in_that_turn_and_an_urgent_alert_with_the_words()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("my chest hurts");

        Assert.Equal(Emergency, chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Urgent, UrgencyTier.Emergency, "ChestPain", "my chest hurts"),
            (alert.Kind, alert.Severity, alert.Tier, alert.Findings, alert.PatientWords));
    }

    [Fact]
    public async Task Dizziness_typed_in_Spanish_mid_exercise_stops_today_with_same_day_advice()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();

        await chat.SayAsync("estoy mareada");

        Assert.Equal("Deja la sesión de hoy y contacta hoy mismo con tu médico o la clínica. Si empeora, llama a tu número local de emergencias. " +
            "Ya he avisado a tu fisioterapeuta.", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((UrgencyTier.SameDay, "Dizziness", "estoy mareada"), (alert.Tier, alert.Findings, alert.PatientWords));
    }

    [Fact]
    public async Task A_fall_typed_mid_exercise_stops_that_exercise_and_offers_to_carry_on_or_stop()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("I fell this morning");

        Assert.Equal($"{TherapistReview}\nWould you like to carry on with the exercises that don't hurt, or stop for today?", chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Warning, UrgencyTier.TherapistReview, "Fall"), (alert.Kind, alert.Severity, alert.Tier, alert.Findings));
        // The therapist reads which exercise it happened at.
        Assert.Equal(chat.Clinic.Exercises[0].Id, alert.ExerciseId);
        Assert.Equal("Warning signs: A fall. During Quad set.", await WordingAsync(chat, alert));
        Assert.Equal(ExerciseOutcome.Stopped, Assert.Single((await chat.TodaysLogAsync()).Exercises).Outcome);

        await chat.TapAsync("carryOn");
        Assert.StartsWith("We'll move on to the next exercise. Skip anything that hurts.\nExercise 2 of 3", chat.Transcript);
    }

    [Fact]
    public async Task A_joint_giving_way_then_stop_for_today_ends_the_day()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.SayAsync("my knee gave way");

        await chat.TapAsync("stopToday");

        Assert.Equal("OK, we'll stop for today. Rest, and if anything gets worse, get medical help.", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
    }

    [Fact]
    public async Task Pain_words_at_the_exercise_card_ask_for_the_score()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("this really hurts");

        Assert.Equal("How much does it hurt right now, from 0 to 10?", chat.Transcript);
    }

    [Fact]
    public async Task A_pain_score_typed_at_the_exercise_card_is_a_pain_report()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("pain is 7/10");

        Assert.StartsWith("Let's stop this exercise. Pain at this level is a sign to rest it today.", chat.Transcript);
        Assert.Equal(7, Assert.Single((await chat.TodaysLogAsync()).Exercises).Pain);
    }

    [Fact]
    public async Task Eleven_at_the_pain_question_is_read_as_ten_and_said_so()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");

        await chat.SayAsync("11");

        Assert.StartsWith("I've noted that as 10 out of 10, the top of the scale.\nLet's stop this exercise.", chat.Transcript);
        Assert.Equal(10, Assert.Single((await chat.TodaysLogAsync()).Exercises).Pain);
    }

    [Fact]
    public async Task A_warning_sign_typed_at_the_pain_question_is_heard()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        await chat.SayAsync("I can't breathe");

        Assert.Equal(Emergency, chat.Transcript);
        Assert.Equal(UrgencyTier.Emergency, Assert.Single(await chat.AlertsAsync()).Tier);
    }

    [Fact]
    public async Task A_denial_is_not_an_alarm()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("no chest pain, just tired");

        // Not an alarm; a remark the therapist may still like to read.
        Assert.StartsWith("I can't answer that myself, but your therapist can.", chat.Transcript);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task A_warning_sign_typed_outside_any_session_is_heard_too()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("I feel dizzy and my heart is racing");

        Assert.Equal(Emergency, chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((UrgencyTier.Emergency, "Palpitations,Dizziness"), (alert.Tier, alert.Findings));
    }

    [Fact]
    public async Task A_red_flag_written_to_the_therapist_gets_the_advice_at_once_and_the_tiers_alert_not_a_notice()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("message");

        await chat.SayAsync("I have chest pain and feel dizzy");

        Assert.EndsWith(Emergency, chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Urgent, UrgencyTier.Emergency, "I have chest pain and feel dizzy"),
            (alert.Kind, alert.Severity, alert.Tier, alert.PatientWords));
        await using var db = chat.Db();
        Assert.Equal("I have chest pain and feel dizzy", Assert.Single(db.PatientMessages).Text);
    }

    [Fact]
    public async Task An_ordinary_message_to_the_therapist_carries_its_words_in_the_notice()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("message");

        await chat.SayAsync("Can we move Thursday's visit?");

        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.PatientMessage, AlertSeverity.Info, "Can we move Thursday's visit?"), (alert.Kind, alert.Severity, alert.PatientWords));
    }

    // ---- A safety question cannot be dropped ----

    [Fact]
    public async Task Stop_at_the_red_flag_question_gives_advice_and_the_question_comes_back_first_next_turn()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("7");

        await chat.SayAsync("stop");
        Assert.Equal("I'll ask you this safety question again next time, before anything else. Until then: if you have chest pain, " +
            "severe breathlessness or feel faint, call your local emergency number.", chat.Transcript);
        Assert.Equal(Core.Safety.SafetyQuestion.RedFlagCheck, (await chat.TodaysLogAsync()).UnansweredSafetyQuestion);

        await chat.SayAsync("progress");
        Assert.Equal($"Before anything else, I still need your answer to this safety question.\n{SafetyQuestionText}", chat.Transcript);
        await chat.TapAsync("none");
        Assert.StartsWith("Thank you. No warning signs, which is good.", chat.Transcript);
        Assert.Null((await chat.TodaysLogAsync()).UnansweredSafetyQuestion);
    }

    [Fact]
    public async Task A_same_day_sign_typed_at_the_second_exercise_card_names_that_exercise_in_the_alert()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");

        await chat.SayAsync("my calf is swollen and red");

        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((UrgencyTier.SameDay, chat.Clinic.Exercises[1].Id), (alert.Tier, alert.ExerciseId));
        Assert.EndsWith("During Straight leg raise.", await WordingAsync(chat, alert));
    }

    /// <summary>The alert as the therapist reads it (web app, API, chat), without the tier.</summary>
    private static async Task<string?> WordingAsync(BotHarness chat, Alert alert)
    {
        await using var db = chat.Db();
        var names = await HepBot.Conversations.Therapists.AlertWording.ExerciseNamesAsync(db, [alert.ExerciseId], "en", TestContext.Current.CancellationToken);
        return HepBot.Conversations.Therapists.AlertWording.Why(ClinicDatabase.Texts, "en",
            HepBot.Conversations.Therapists.AlertFields.Of(alert, HepBot.Conversations.Therapists.AlertWording.NameOf(names, alert.ExerciseId)), withTier: false);
    }
}
