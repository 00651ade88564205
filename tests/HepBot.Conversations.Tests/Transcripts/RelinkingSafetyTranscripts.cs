using HepBot.Core.Alerts;
using HepBot.Core.Linking;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Alex is already linked, and links a chat again: a new code in the same chat, a code that did not work, or a
/// new chat on another app. A warning sign typed at any of those moments gets its tier's advice in that turn and
/// reaches the therapist with Alex's words; it is never "not understood" and never taken for a wrong code.
/// </summary>
public sealed class RelinkingSafetyTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, UrgencyTier, string> Signs => new()
    {
        { "en", "my chest hurts", UrgencyTier.Emergency, "ChestPain" },
        { "en", "my calf is swollen and red", UrgencyTier.SameDay, "CalfSwelling" },
        { "en", "I fell", UrgencyTier.TherapistReview, "Fall" },
        { "es", "me duele el pecho", UrgencyTier.Emergency, "ChestPain" },
        { "es", "tengo la pantorrilla hinchada y roja", UrgencyTier.SameDay, "CalfSwelling" },
        { "es", "me he caído", UrgencyTier.TherapistReview, "Fall" },
    };

    /// <summary>The advice in a linked chat, outside an exercise (there is no exercise to stop while linking).</summary>
    private static string Advice(string language, UrgencyTier tier) => (language, tier) switch
    {
        ("en", UrgencyTier.Emergency) => "Please stop now and call your local emergency number straight away. Do not drive yourself. If someone is with you, tell them. I've told your therapist.",
        ("en", UrgencyTier.SameDay) => "Please stop today's session and contact your doctor or the clinic today. If it gets worse, call your local emergency number. I've told your therapist.",
        ("en", _) => "Thank you for telling me. I've let your therapist know so they can look at it. Go gently, and if anything gets worse, get medical help.",
        (_, UrgencyTier.Emergency) => "Para ahora mismo y llama enseguida a tu número local de emergencias. No conduzcas. Si hay alguien contigo, díselo. Ya he avisado a tu fisioterapeuta.",
        (_, UrgencyTier.SameDay) => "Deja la sesión de hoy y contacta hoy mismo con tu médico o la clínica. Si empeora, llama a tu número local de emergencias. Ya he avisado a tu fisioterapeuta.",
        _ => "Gracias por contármelo. Se lo he dicho a tu fisioterapeuta para que lo revise. Ve con calma, y si algo empeora, busca ayuda médica.",
    };

    /// <summary>The advice in a chat not linked yet: nobody has been told, so it asks for the code.</summary>
    private static string AdviceBeforeLinking(string language, UrgencyTier tier) => (language, tier) switch
    {
        ("en", UrgencyTier.Emergency) => "Please stop now and call your local emergency number straight away. Do not drive yourself. If someone is with you, tell them. " +
            "This chat is not connected to your clinic yet: send me the code from your therapist and I'll tell them what you wrote.",
        ("en", UrgencyTier.SameDay) => "Please stop exercising today and contact your doctor or the clinic today. If it gets worse, call your local emergency number. " +
            "This chat is not connected to your clinic yet: send me the code from your therapist and I'll tell them what you wrote.",
        ("en", _) => "Please stop any exercise that hurts, and if anything gets worse, get medical help. " +
            "This chat is not connected to your clinic yet: send me the code from your therapist and I'll tell them what you wrote.",
        (_, UrgencyTier.Emergency) => "Para ahora mismo y llama enseguida a tu número local de emergencias. No conduzcas. Si hay alguien contigo, díselo. " +
            "Este chat aún no está conectado con tu clínica: envíame el código de tu fisioterapeuta y le contaré lo que has escrito.",
        (_, UrgencyTier.SameDay) => "Deja los ejercicios por hoy y contacta hoy mismo con tu médico o la clínica. Si empeora, llama a tu número local de emergencias. " +
            "Este chat aún no está conectado con tu clínica: envíame el código de tu fisioterapeuta y le contaré lo que has escrito.",
        _ => "Deja cualquier ejercicio que te duela y, si algo empeora, busca ayuda médica. " +
            "Este chat aún no está conectado con tu clínica: envíame el código de tu fisioterapeuta y le contaré lo que has escrito.",
    };

    private static string ConsentQuestion(string language) =>
        language == "en" ? "Is it OK if I send you reminders and messages in this chat?" : "¿Te parece bien que te envíe recordatorios y mensajes por este chat?";

    private static string TimeQuestion(string language) =>
        language == "en" ? "What time should I remind you? Send it like 07:30 or 18:00." : "¿A qué hora quieres que te lo recuerde? Envíala así: 07:30 o 18:00.";

    /// <summary>What a therapist-review sign leaves: the question that was being asked, asked again. The others end it.</summary>
    private static string Expected(string language, UrgencyTier tier, string question) =>
        tier == UrgencyTier.TherapistReview ? $"{Advice(language, tier)}\n{question}" : Advice(language, tier);

    private static async Task AssertAlertedAsync(BotHarness chat, UrgencyTier tier, string findings, string words)
    {
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.RedFlag, tier, findings, words), (alert.Kind, alert.Tier, alert.Findings, alert.PatientWords));
        Assert.Equal(tier >= UrgencyTier.SameDay ? AlertSeverity.Urgent : AlertSeverity.Warning, alert.Severity);
    }

    private static void AssertNotMisread(BotHarness chat)
    {
        Assert.DoesNotContain("Sorry, I didn't understand that.", chat.Transcript);
        Assert.DoesNotContain("Lo siento, no te he entendido.", chat.Transcript);
        Assert.DoesNotContain("That doesn't look like a code.", chat.Transcript);
        Assert.DoesNotContain("Eso no parece un código.", chat.Transcript);
    }

    [Theory]
    [MemberData(nameof(Signs))]
    public async Task A_warning_sign_at_the_consent_question_of_a_new_code_gets_its_advice_and_alert(string language, string words, UrgencyTier tier, string findings)
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: language);
        await chat.SayAsync($"/start {await chat.InviteAsync()}");
        Assert.Equal(ConsentQuestion(language), chat.LastReply);

        await chat.SayAsync(words);

        Assert.Equal(Expected(language, tier, ConsentQuestion(language)), chat.Transcript);
        AssertNotMisread(chat);
        await AssertAlertedAsync(chat, tier, findings, words);
        if (tier >= UrgencyTier.SameDay)
            Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(Signs))]
    public async Task A_warning_sign_at_the_reminder_time_question_of_a_new_code_gets_its_advice_and_alert(string language, string words, UrgencyTier tier, string findings)
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: language);
        await chat.SayAsync($"/start {await chat.InviteAsync()}");
        await chat.TapAsync("yes");
        await chat.TapAsync("change");
        Assert.Equal(TimeQuestion(language), chat.LastReply);

        await chat.SayAsync(words);

        Assert.Equal(Expected(language, tier, TimeQuestion(language)), chat.Transcript);
        AssertNotMisread(chat);
        await AssertAlertedAsync(chat, tier, findings, words);
        await using var db = chat.Db();
        Assert.Equal([new TimeOnly(18, 0)], (await db.Patients.SingleAsync(Ct)).ReminderTimes);
    }

    [Theory]
    [MemberData(nameof(Signs))]
    public async Task A_warning_sign_right_after_a_code_that_did_not_work_gets_its_advice_and_alert(string language, string words, UrgencyTier tier, string findings)
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: language);
        await chat.SayAsync($"/start {await chat.InviteAsync(InvitationState.Expired)}");

        await chat.SayAsync(words);

        Assert.Equal(Advice(language, tier), chat.Transcript);
        AssertNotMisread(chat);
        await AssertAlertedAsync(chat, tier, findings, words);
    }

    [Theory]
    [MemberData(nameof(Signs))]
    public async Task A_warning_sign_at_the_code_question_of_a_new_chat_gets_its_advice_and_reaches_the_therapist_once_linked(
        string language, string words, UrgencyTier tier, string findings)
    {
        // Alex is linked on Telegram and opens HepBot on another app: this chat does not know Alex yet.
        await using var chat = await BotHarness.StartAsync(patientLocale: language, channelLocale: language == "en" ? "en-US" : "es-ES");
        await LinkAnotherChatAsync(chat);
        await chat.SayAsync(language == "en" ? "hello" : "hola");

        await chat.SayAsync(words);

        Assert.Equal(AdviceBeforeLinking(language, tier), chat.Transcript);
        AssertNotMisread(chat);
        Assert.Empty(await chat.AlertsAsync());

        await chat.SayAsync(chat.Clinic.InvitationCode);

        Assert.Contains(language == "en"
            ? "I've told your therapist what you wrote before this chat was connected."
            : "Le he contado a tu fisioterapeuta lo que escribiste antes de conectar este chat.", chat.Transcript);
        Assert.Equal(ConsentQuestion(language), chat.LastReply);
        await AssertAlertedAsync(chat, tier, findings, words);
        if (tier >= UrgencyTier.SameDay)
            Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
    }

    [Fact]
    public async Task Of_several_warning_signs_before_linking_the_most_urgent_reaches_the_therapist()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync("I fell");
        await chat.SayAsync("and now my chest hurts");
        await chat.SayAsync("I fell again");

        await chat.SayAsync(chat.Clinic.InvitationCode);

        await AssertAlertedAsync(chat, UrgencyTier.Emergency, "ChestPain", "and now my chest hurts");
    }

    [Fact]
    public async Task A_warning_sign_kept_before_a_therapist_links_the_chat_is_not_passed_on()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync("my chest hurts");

        await chat.SayAsync($"/start {await chat.InviteAsync(forTherapist: true)}");

        Assert.Equal("You're connected, Dana Ruiz. Alerts about your patients will arrive in this chat.", chat.Transcript);
        Assert.Empty(await chat.AlertsAsync());
    }

    /// <summary>Alex's first chat, on another app, linked with an earlier code.</summary>
    private static async Task LinkAnotherChatAsync(BotHarness chat)
    {
        await using var db = chat.Db();
        db.ChannelAccounts.Add(new ChannelAccount
        {
            Channel = "telegram",
            ChannelUserId = "alex-on-telegram",
            ConversationId = "alex-on-telegram",
            PatientId = chat.Clinic.PatientId,
            LinkedAt = chat.Clock.GetUtcNow().AddDays(-14),
        });
        var patient = await db.Patients.SingleAsync(p => p.Id == chat.Clinic.PatientId, Ct);
        patient.LinkedAt = chat.Clock.GetUtcNow().AddDays(-14);
        await db.SaveChangesAsync(Ct);
    }
}
