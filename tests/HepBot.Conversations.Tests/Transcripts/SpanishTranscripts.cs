using HepBot.Core.Safety;
using HepBot.Core.Alerts;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Alex's Spanish-speaking twin: the patient's saved language is "es", so everything comes in Spanish.</summary>
public sealed class SpanishTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unlinked_chat_on_a_Spanish_phone_is_welcomed_in_Spanish()
    {
        await using var chat = await BotHarness.StartAsync(patientLocale: "es", channelLocale: "es-ES");

        await chat.SayAsync("hola");

        Assert.Equal(
            "¡Hola! Soy HepBot, tu asistente para los ejercicios en casa. Para empezar, envíame el código de 8 caracteres que te dio tu fisioterapeuta.\n" +
            "Por favor, envía el código de 8 caracteres que te dio tu fisioterapeuta (por ejemplo, ABCD2345).",
            chat.Transcript);
    }

    [Fact]
    public async Task Linking_greets_Alex_in_Spanish_even_from_an_English_phone()
    {
        await using var chat = await BotHarness.StartAsync(patientLocale: "es", channelLocale: "en-US");

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        Assert.StartsWith("¡Hola, Alex! Tu fisioterapeuta de Riverside Physio ha preparado conmigo tu programa de ejercicios en casa.", chat.Transcript);
        Assert.Equal("¿Te parece bien que te envíe recordatorios y mensajes por este chat?", chat.LastReply);
        Assert.Equal(["Sí", "No"], chat.ButtonLabels);

        await chat.SayAsync("sí");
        Assert.StartsWith("Gracias. Puedes pausar los recordatorios cuando quieras: solo escribe «pausa».", chat.Transcript);
        Assert.Equal(["Mantener 18:00", "Elegir otra hora"], chat.ButtonLabels);
        await chat.TapAsync("Elegir otra hora");
        await chat.SayAsync("19:30");
        Assert.StartsWith("Hecho. Te lo recordaré a las 19:30 los días de ejercicio.", chat.Transcript);
        Assert.Contains("¡Todo listo!", chat.Transcript);

        await using var db = chat.Db();
        var patient = await db.Patients.SingleAsync(Ct);
        Assert.NotNull(patient.MessagingConsentAt);
        Assert.Equal([new TimeOnly(19, 30)], patient.ReminderTimes);
    }

    [Fact]
    public async Task The_session_and_its_exercise_card_are_in_Spanish_with_the_librarys_Spanish_names()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");

        await chat.SayAsync("empezar");
        Assert.Equal("Hoy: 3 ejercicios, unos 12 minutos.\n¿Empezamos?", chat.Transcript);
        Assert.Equal(["Empezar ahora", "Saltar hoy", "Más tarde"], chat.ButtonLabels);
        await chat.TapAsync("Empezar ahora");
        Assert.StartsWith("Antes de empezar: ¿cómo está tu dolor ahora mismo", chat.Transcript);
        await chat.SayAsync("2");

        Assert.Equal(
            """
            Ejercicio 1 de 3: Contracción de cuádriceps
            10 veces, 3 rondas, descansa 30 segundos entre rondas; mantén cada una 5 segundos; la pierna que te duele

            Cómo hacerlo:
            1. Siéntate o acuéstate con la pierna estirada frente a ti.
            2. Aprieta el músculo de la parte delantera del muslo para que la parte de atrás de la rodilla baje hacia la superficie.
            3. Mantén la tensión durante la cuenta.
            4. Relaja el músculo por completo antes de repetir.

            Qué deberías sentir:
            • La rótula sube un poco cuando el muslo se tensa.

            Ten cuidado:
            • Sigue respirando; no contengas el aire.
            • Detente si sientes un dolor agudo detrás de la rótula.
            """.ReplaceLineEndings("\n"), chat.Replies[0].Text.ReplaceLineEndings("\n"));
        Assert.Equal(["Hecho", "Saltar", "Duele demasiado", "Muéstramelo otra vez", "Empezar la serie",
            "Me encuentro mal"], chat.ButtonLabels);

        await chat.SayAsync("hecho");
        Assert.StartsWith("¡Buen trabajo!\nEjercicio 2 de 3: Elevación de pierna recta", chat.Transcript);
    }

    [Fact]
    public async Task The_safety_check_and_the_urgent_care_message_are_in_Spanish()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();

        await chat.TapAsync("Duele demasiado");
        Assert.Equal("¿Cuánto te duele ahora mismo, del 0 al 10?", chat.Transcript);
        await chat.SayAsync("7");
        Assert.Equal("Vamos a parar este ejercicio. Un dolor así es señal de que hoy toca descansar esa zona.\n" +
            "Una comprobación rápida de seguridad. ¿Tienes ahora mismo alguno de estos síntomas? Toca cada uno que tengas.", chat.Transcript);
        Assert.Contains("Ninguno de estos", chat.ButtonLabels);

        await chat.TapAsync("Mucha dificultad para respirar");

        Assert.Equal("Para ahora mismo y llama enseguida a tu número local de emergencias. No conduzcas. Si hay alguien contigo, díselo. " +
            "Ya he avisado a tu fisioterapeuta.", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        var alerts = await chat.AlertsAsync();
        Assert.Contains(alerts, a => (a.Kind, a.Severity, a.Tier, a.PainScore) == (AlertKind.HighPain, AlertSeverity.Warning, UrgencyTier.TherapistReview, 7));
        Assert.Contains(alerts, a => (a.Kind, a.Severity, a.Tier, a.Findings) == (AlertKind.RedFlag, AlertSeverity.Urgent, UrgencyTier.Emergency, "SevereBreathlessness"));
    }

    [Fact]
    public async Task A_skipped_exercise_and_the_summary_are_in_Spanish()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();

        await chat.TapAsync("Saltar");
        Assert.Equal("No hay problema. ¿Qué te impide hacer este ejercicio?", chat.Transcript);
        await chat.TapAsync("Se me olvidó");
        Assert.StartsWith("¡Le pasa a cualquiera! Un recordatorio a otra hora podría ayudar: escribe «recordatorio» para cambiarlo.", chat.Transcript);
        await chat.SayAsync("hecho");
        await chat.SayAsync("hecho");
        Assert.Equal("Hemos terminado los ejercicios de hoy. ¿Cómo está tu dolor ahora, del 0 al 10?", chat.LastReply);
        await chat.SayAsync("1");
        Assert.Equal(["Fácil", "Lo justo", "Difícil"], chat.ButtonLabels);
        await chat.TapAsync("Lo justo");

        Assert.Equal(
            """
            Hoy: 2 hechos, 1 saltado.
            Esta semana: 0 de 3 días de ejercicio completados.
            Gracias por hacer lo que pudiste hoy. Cada sesión cuenta, y mañana es un nuevo comienzo.
            """.ReplaceLineEndings("\n"), chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.Completed, 2, SkipReason.Forgot), (log.Status, log.ExercisesDone, log.Exercises[0].Barrier));
    }
}
