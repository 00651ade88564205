using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Skipping for "Something else": HepBot asks what happened, keeps the answer with the skip, and reads it for
/// warning signs like anything typed, so a sign written there gets its tier's advice and an alert with the words.
/// </summary>
public sealed class OtherSkipReasonTranscripts
{
    [Fact]
    public async Task Something_else_asks_what_happened_and_keeps_the_answer_with_the_skip()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");

        await chat.TapAsync("Something else");
        Assert.Equal("What happened? A few words are enough.", chat.Transcript);
        Assert.Empty((await chat.TodaysLogAsync()).Exercises);
        await chat.SayAsync("my grandson is visiting, no space for the mat");

        Assert.StartsWith("Thanks for letting me know. Your therapist will see that you skipped it.", chat.Transcript);
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);
        var skipped = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((ExerciseOutcome.Skipped, SkipReason.Other, "my grandson is visiting, no space for the mat"),
            (skipped.Outcome, skipped.Barrier, skipped.Note));
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task An_emergency_sign_written_as_the_reason_gets_emergency_advice_and_an_urgent_alert_with_the_words()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("Something else");

        await chat.SayAsync("got dizzy and my heart was pounding so i sat down");

        Assert.Equal("Please stop now and call your local emergency number straight away. Do not drive yourself. If someone is with you, tell them. I've told your therapist.",
            chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal(SessionStatus.StoppedForSafety, log.Status);
        Assert.Equal("got dizzy and my heart was pounding so i sat down", Assert.Single(log.Exercises).Note);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Urgent, UrgencyTier.Emergency, "got dizzy and my heart was pounding so i sat down"),
            (alert.Kind, alert.Severity, alert.Tier, alert.PatientWords));
        Assert.Contains("Palpitations", alert.Findings);
        Assert.Contains("Dizziness", alert.Findings);
    }

    [Fact]
    public async Task High_pain_written_as_the_reason_reaches_the_therapist_and_asks_the_red_flag_check()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("Something else");

        await chat.SayAsync("my knee pain was 7/10 this morning");

        Assert.StartsWith("Let's stop this exercise. Pain at this level is a sign to rest it today.", chat.Transcript);
        Assert.Contains("A quick safety check.", chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.HighPain, UrgencyTier.TherapistReview, 7, "my knee pain was 7/10 this morning"),
            (alert.Kind, alert.Tier, alert.PainScore, alert.PatientWords));
    }

    [Fact]
    public async Task Una_caida_escrita_como_motivo_avisa_al_fisioterapeuta_con_sus_palabras_y_ofrece_seguir_o_parar()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");

        await chat.TapAsync("Otra cosa");
        Assert.Equal("¿Qué pasó? Con unas palabras basta.", chat.Transcript);
        await chat.SayAsync("ayer me caí en la cocina y hoy me da miedo");

        Assert.StartsWith("Dejamos este ejercicio. He avisado a tu fisioterapeuta para que lo revise.", chat.Transcript);
        Assert.Contains("Seguir con cuidado", chat.ButtonLabels);
        var skipped = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((SkipReason.Other, "ayer me caí en la cocina y hoy me da miedo"), (skipped.Barrier, skipped.Note));
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, UrgencyTier.TherapistReview, "Fall", "ayer me caí en la cocina y hoy me da miedo"),
            (alert.Kind, alert.Tier, alert.Findings, alert.PatientWords));
    }

    [Fact]
    public async Task Una_pantorrilla_hinchada_escrita_como_motivo_para_la_sesion_de_hoy_con_el_consejo_del_mismo_dia()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("Otra cosa");

        await chat.SayAsync("tengo el gemelo hinchado y caliente desde anoche");

        Assert.StartsWith("Deja la sesión de hoy y contacta hoy mismo con tu médico o la clínica.", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, AlertSeverity.Urgent, UrgencyTier.SameDay, "CalfSwelling", "tengo el gemelo hinchado y caliente desde anoche"),
            (alert.Kind, alert.Severity, alert.Tier, alert.Findings, alert.PatientWords));
    }
}
