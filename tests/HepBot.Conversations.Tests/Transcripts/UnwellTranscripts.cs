using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>"I feel unwell" from the menu, a command or the exercise card, and answers to the red-flag check that are typed.</summary>
public sealed class UnwellTranscripts
{
    private const string Intro = "I'm sorry you're not feeling well. Let's check quickly, so I can help you right.";
    private const string Check = "A quick safety check. Do you have any of these right now? Tap each one that applies.";
    private const string Emergency = "Please stop now and call your local emergency number straight away. Do not drive yourself. If someone is with you, tell them. I've told your therapist.";
    private const string TherapistReview = "Let's stop this exercise. I've let your therapist know so they can look at it.";
    private const string NoSigns = "Thank you. No warning signs, which is good.";
    private const string CardQuestion = "Tap Done when you've finished, or choose another option.";
    private const string Unanswered = "I'll ask you this safety question again next time, before anything else. Until then: if you have chest pain, " +
        "severe breathlessness or feel faint, call your local emergency number.";

    // ---- Reachable at any moment ----

    [Fact]
    public async Task I_feel_unwell_in_the_menu_runs_the_check_and_chest_pain_gets_emergency_advice_and_an_urgent_alert()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("menu");
        Assert.Equal("I feel unwell", chat.ButtonLabels[1]);

        await chat.TapAsync("Unwell");
        Assert.Equal($"{Intro}\n{Check}", chat.Transcript);
        await chat.TapAsync("ChestPain");

        Assert.Equal(Emergency, chat.Transcript);
        Assert.Empty(chat.Buttons);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Urgent, UrgencyTier.Emergency, "ChestPain"), (alert.Kind, alert.Severity, alert.Tier, alert.Findings));
    }

    [Fact]
    public async Task None_of_these_from_the_menu_says_what_to_do_if_it_gets_worse_and_raises_nothing()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("I feel unwell");
        Assert.Equal($"{Intro}\n{Check}", chat.Transcript);

        await chat.TapAsync("none");

        Assert.Equal($"{NoSigns} Rest if you need to. If you feel worse or something new starts, tell me here, and in an emergency call your local emergency number.",
            chat.Transcript);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task The_unwell_command_mid_exercise_and_none_of_these_goes_back_to_the_card()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("/unwell");
        Assert.Equal($"{Intro}\n{Check}", chat.Transcript);
        await chat.TapAsync("none");

        Assert.Equal($"{NoSigns}\n{CardQuestion}", chat.Transcript);
        Assert.Contains("done", chat.Buttons);
        Assert.Empty((await chat.TodaysLogAsync()).Exercises);
        Assert.Empty(await chat.AlertsAsync());
        await chat.TapAsync("done");
        Assert.Equal(ExerciseOutcome.Done, Assert.Single((await chat.TodaysLogAsync()).Exercises).Outcome);
    }

    [Fact]
    public async Task The_exercise_cards_I_feel_unwell_button_with_a_fall_stops_the_exercise_and_offers_to_carry_on()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        Assert.Contains("I feel unwell", chat.ButtonLabels);

        await chat.TapAsync("unwell");
        await chat.TapAsync("Fall");
        Assert.Equal("Noted: A fall. Anything else? Tap another one, or That's all.", chat.Transcript);
        await chat.TapAsync("thatsAll");

        Assert.Equal($"{TherapistReview}\nWould you like to carry on with the exercises that don't hurt, or stop for today?", chat.Transcript);
        Assert.Equal((ExerciseOutcome.Stopped, SkipReason.FeltUnwell),
            Assert.Single((await chat.TodaysLogAsync()).Exercises) is var e ? (e.Outcome, e.Barrier) : default);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, UrgencyTier.TherapistReview, "Fall"), (alert.Kind, alert.Tier, alert.Findings));
    }

    [Fact]
    public async Task The_exercise_cards_button_with_dizziness_stops_today_with_same_day_advice()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.TapAsync("unwell");
        await chat.TapAsync("Dizziness");
        await chat.TapAsync("thatsAll");

        Assert.StartsWith("Please stop today's session and contact your doctor or the clinic today.", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        Assert.Equal(UrgencyTier.SameDay, Assert.Single(await chat.AlertsAsync()).Tier);
    }

    [Fact]
    public async Task Me_encuentro_mal_at_the_pain_question_runs_the_check_and_then_asks_the_pain_question_again()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.SayAsync("empezar");
        await chat.TapAsync("start");

        await chat.SayAsync("me encuentro mal");
        Assert.Equal("Siento que no te encuentres bien. Vamos a comprobarlo rápido para ayudarte bien.\n" +
            "Una comprobación rápida de seguridad. ¿Tienes ahora mismo alguno de estos síntomas? Toca cada uno que tengas.", chat.Transcript);
        await chat.TapAsync("none");

        Assert.Equal("Gracias. No hay señales de alarma, y eso es bueno.\n" +
            "Antes de empezar: ¿cómo está tu dolor ahora mismo, del 0 (sin dolor) al 10 (el peor dolor imaginable)?", chat.Transcript);
    }

    [Fact]
    public async Task The_Spanish_menu_and_card_say_me_encuentro_mal()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.SayAsync("menú");
        Assert.Equal("Me encuentro mal", chat.ButtonLabels[1]);
        await chat.SayAsync("parar");

        await chat.StartSessionAsync();
        Assert.Contains("Me encuentro mal", chat.ButtonLabels);
    }

    // ---- Typed answers at the check ----

    [Fact]
    public async Task Yes_at_the_check_asks_which_ones_instead_of_not_understood()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("6");

        await chat.SayAsync("yes");

        Assert.Equal("Which ones? Tap each one that applies, or None of these.", chat.Transcript);
        Assert.Contains("ChestPain", chat.Buttons);
        Assert.Contains("none", chat.Buttons);
    }

    [Fact]
    public async Task Si_at_the_check_asks_which_ones_in_Spanish_and_no_means_none()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("6");

        await chat.SayAsync("sí");
        Assert.Equal("¿Cuáles? Toca cada uno que tengas, o Ninguno de estos.", chat.Transcript);

        await chat.SayAsync("no");
        Assert.StartsWith("Gracias. No hay señales de alarma, y eso es bueno.", chat.Transcript);
    }

    [Fact]
    public async Task A_sign_typed_at_the_check_counts_as_that_answer()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("6");

        await chat.SayAsync("I fell yesterday");
        Assert.Equal("Noted: A fall. Anything else? Tap another one, or That's all.", chat.Transcript);

        await chat.SayAsync("chest pain");
        Assert.Equal(Emergency, chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        Assert.Contains(await chat.AlertsAsync(), a => a is { Tier: UrgencyTier.Emergency, Findings: "ChestPain" });
    }

    [Fact]
    public async Task Dolor_en_el_pecho_typed_at_the_check_is_an_emergency_in_Spanish()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("7");

        await chat.SayAsync("dolor en el pecho");

        Assert.StartsWith("Para ahora mismo y llama enseguida a", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
    }

    // ---- "later" is leaving the question, not an answer ----

    [Fact]
    public async Task Later_at_the_red_flag_check_gives_the_advice_and_the_question_comes_back()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("7");

        await chat.SayAsync("later");

        Assert.Equal(Unanswered, chat.Transcript);
        Assert.Equal(SafetyQuestion.RedFlagCheck, (await chat.TodaysLogAsync()).UnansweredSafetyQuestion);
        await chat.SayAsync("start");
        Assert.Equal($"Before anything else, I still need your answer to this safety question.\n{Check}", chat.Transcript);
    }

    [Fact]
    public async Task Mas_tarde_at_a_pain_question_is_put_off_and_asked_again()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");

        await chat.SayAsync("más tarde");

        Assert.StartsWith("Te haré esta pregunta de seguridad la próxima vez, antes que nada.", chat.Transcript);
        Assert.Equal(SafetyQuestion.PainScore, (await chat.TodaysLogAsync()).UnansweredSafetyQuestion);
    }

    // ---- Skipping the day for feeling unwell ----

    [Fact]
    public async Task Skipping_the_day_for_feeling_unwell_asks_the_check_first_and_none_records_the_skip()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("skipDay");

        await chat.TapAsync("FeltUnwell");
        Assert.Equal($"{Intro}\n{Check}", chat.Transcript);
        Assert.Empty((await chat.AlertsAsync()));
        await chat.TapAsync("none");

        Assert.Equal($"{NoSigns}\nThen we will stop for today. Rest and look after yourself. If you feel worse, or unwell for more than a few days, " +
            "check with your doctor.\nToday is saved as skipped. See you next time!", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.SkippedDay, SkipReason.FeltUnwell), (log.Status, log.SkipBarrier));
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task Skipping_the_day_for_feeling_unwell_with_fainting_gets_emergency_advice_and_an_urgent_alert()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("skipDay");
        await chat.TapAsync("FeltUnwell");

        await chat.TapAsync("Fainting");

        Assert.Equal(Emergency, chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertSeverity.Urgent, UrgencyTier.Emergency, "Fainting"), (alert.Severity, alert.Tier, alert.Findings));
    }

    [Fact]
    public async Task Saltar_hoy_por_no_encontrarse_bien_con_nauseas_avisa_al_fisioterapeuta_y_guarda_el_dia_saltado()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.SayAsync("empezar");
        await chat.TapAsync("skipDay");
        await chat.TapAsync("FeltUnwell");

        await chat.TapAsync("Nausea");
        await chat.TapAsync("thatsAll");

        Assert.StartsWith("Gracias por contármelo. Se lo he dicho a tu fisioterapeuta para que lo revise.", chat.Transcript);
        Assert.EndsWith("Hoy queda guardado como día saltado. ¡Hasta la próxima!", chat.Transcript);
        Assert.Equal(SessionStatus.SkippedDay, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, UrgencyTier.TherapistReview, "Nausea"), (alert.Kind, alert.Tier, alert.Findings));
    }

    // ---- A pain question asked again keeps its answer ----

    [Fact]
    public async Task The_pain_question_left_with_stop_and_answered_next_turn_is_stored_as_the_pain_before()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        await chat.SayAsync("stop");
        Assert.Equal(SafetyQuestion.PainScore, (await chat.TodaysLogAsync()).UnansweredSafetyQuestion);

        await chat.SayAsync("progress");
        Assert.Equal("Before anything else, I still need your answer to this safety question.\n" +
            "Before we start: how is your pain right now, from 0 (no pain) to 10 (worst imaginable)?", chat.Transcript);
        await chat.SayAsync("3");

        var log = await chat.TodaysLogAsync();
        Assert.Equal((3, (SafetyQuestion?)null), (log.PainBefore, log.UnansweredSafetyQuestion));
        await chat.SayAsync("start");
        Assert.Contains("Exercise 1 of 3", chat.Transcript);
    }

    [Fact]
    public async Task La_pregunta_de_dolor_dejada_con_parar_guarda_la_respuesta_al_volver()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.SayAsync("empezar");
        await chat.TapAsync("start");
        await chat.SayAsync("parar");

        await chat.SayAsync("empezar");
        Assert.StartsWith("Antes que nada, necesito todavía tu respuesta a esta pregunta de seguridad.", chat.Transcript);
        await chat.SayAsync("4");

        Assert.Equal(4, (await chat.TodaysLogAsync()).PainBefore);
    }

    [Theory]
    [InlineData("en", "help", "If you feel unwell at any time, type unwell and I'll check the warning signs with you.")]
    [InlineData("es", "ayuda", "Si te encuentras mal en algún momento, escribe «me encuentro mal» y revisamos juntos las señales de alarma.")]
    public async Task Help_says_how_to_reach_the_check_and_those_words_reach_it(string locale, string help, string sentence)
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: locale);
        await chat.SayAsync(help);
        Assert.Contains(sentence, chat.Transcript);

        await chat.SayAsync(locale == "en" ? "unwell" : "me encuentro mal");
        Assert.Contains("none", chat.Buttons);
    }
}
