using System.Globalization;
using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>The menu and the commands Alex can use any time: progress, reminders, language, messages, data.</summary>
public sealed class CommandTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Menu_offers_every_command()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("menu");

        Assert.Equal("What would you like to do?", chat.Transcript);
        Assert.Equal(["Today's exercises", "I feel unwell", "My progress", "Reminder time", "Pause reminders", "Language", "Message my therapist",
            "My data", "Delete my data", "Help"], chat.ButtonLabels);

        await chat.TapAsync("Today");
        Assert.StartsWith("Today: 3 exercises, about 12 minutes.", chat.Transcript);
    }

    [Fact]
    public async Task A_message_that_is_no_command_gets_the_menu()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("what now");

        Assert.Equal("Sorry, I didn't understand that.\nWhat would you like to do?", chat.Transcript);
    }

    [Fact]
    public async Task Today_shows_the_plan()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("today");

        Assert.Equal("Today: 3 exercises, about 12 minutes.\nReady to start?", chat.Transcript);
    }

    [Fact]
    public async Task Progress_shows_days_done_streak_and_that_pain_is_going_down()
    {
        await using var chat = await BotHarness.LinkedAsync();
        // Today is Wednesday 18 November. Sore at the start of the fortnight, much better this week.
        foreach (var day in new[] { 5, 6, 7 })
            await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, day), painBefore: 6, painAfter: 6);
        foreach (var day in new[] { 16, 17 })
            await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, day), painBefore: 2, painAfter: 2);

        await chat.SayAsync("progress");

        Assert.Equal(
            """
            Your progress this week:
            Training days done: 2 of 3.
            Training days in a row: 2 (best: 3).
            Pain: going down, from about 6 to 2 out of 10. Great sign!
            Last 4 weeks: 5 done, 9 missed.
            """.ReplaceLineEndings("\n"), chat.Transcript);
    }

    [Fact]
    public async Task Progress_says_so_when_pain_is_going_up()
    {
        await using var chat = await BotHarness.LinkedAsync();
        foreach (var day in new[] { 5, 6, 7 })
            await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, day), painBefore: 2, painAfter: 2);
        foreach (var day in new[] { 16, 17 })
            await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, day), painBefore: 6, painAfter: 5);

        await chat.TapAsync("Progress");

        Assert.Contains("Pain: going up, from about 2 to 6 out of 10. Your therapist can see this; tell them if it worries you.", chat.Transcript);
    }

    [Fact]
    public async Task Progress_before_any_session_has_no_trend_yet()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("/progress");

        Assert.Equal("Your progress this week:\nTraining days done: 0 of 3.\nTraining days in a row: 0 (best: 0).\nPain: not enough answers yet to see a trend.\nLast 4 weeks: 14 missed.", chat.Transcript);
    }

    [Fact]
    public async Task Progress_in_the_middle_of_an_exercise_answers_and_asks_the_same_question_again()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.SayAsync("progress");

        Assert.StartsWith("Your progress this week:", chat.Transcript);
        Assert.Equal("Tap Done when you've finished, or choose another option.", chat.LastReply);
        await chat.TapAsync("done");
        Assert.Contains("Exercise 2 of 3", chat.Transcript);
    }

    [Fact]
    public async Task Alex_moves_the_only_reminder_to_eight_in_the_evening()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("reminder");
        Assert.Equal("What time should I remind you? Send it like 07:30 or 18:00.", chat.Transcript);
        await chat.SayAsync("half past seven");
        Assert.Equal("Please send a time like 07:30 or 18:00.", chat.Transcript);
        await chat.SayAsync("20.00");

        Assert.Equal("Done. I'll remind you at 20:00 on your training days.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Equal([new TimeOnly(20, 0)], (await db.Patients.SingleAsync(Ct)).ReminderTimes);
    }

    [Fact]
    public async Task With_two_reminders_Alex_chooses_which_one_to_move()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await using (var db = chat.Db())
        {
            var patient = await db.Patients.SingleAsync(Ct);
            patient.ReminderTimes = [new TimeOnly(8, 0), new TimeOnly(18, 0)];
            await db.SaveChangesAsync(Ct);
        }

        await chat.SayAsync("reminder time");
        Assert.Equal("You have more than one reminder. Which one should I change?", chat.Transcript);
        Assert.Equal(["08:00", "18:00"], chat.ButtonLabels);
        await chat.TapAsync("18:00");
        Assert.Equal("What time should I remind you? Send it like 07:30 or 18:00.", chat.Transcript);
        await chat.SayAsync("7:30 pm");

        Assert.Equal("Done. I'll remind you at 19:30 on your training days.", chat.Transcript);
        await using (var db = chat.Db())
            Assert.Equal([new TimeOnly(8, 0), new TimeOnly(19, 30)], (await db.Patients.SingleAsync(Ct)).ReminderTimes);
    }

    [Fact]
    public async Task Typing_1_picks_the_first_of_two_reminders()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await using (var db = chat.Db())
        {
            var patient = await db.Patients.SingleAsync(Ct);
            patient.ReminderTimes = [new TimeOnly(8, 0), new TimeOnly(18, 0)];
            await db.SaveChangesAsync(Ct);
        }

        await chat.SayAsync("reminder time");
        await chat.SayAsync("1");
        await chat.SayAsync("9:15");

        await using (var db = chat.Db())
            Assert.Equal([new TimeOnly(9, 15), new TimeOnly(18, 0)], (await db.Patients.SingleAsync(Ct)).ReminderTimes);
    }

    [Fact]
    public async Task Alex_pauses_reminders_for_three_days_then_resumes_them()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("pause");
        Assert.Equal("For how many days should I pause reminders? (1 to 30)", chat.Transcript);
        await chat.SayAsync("45");
        Assert.Equal("Please send a number of days from 1 to 30.", chat.Transcript);
        await chat.SayAsync("3");
        Assert.Equal("Reminders are paused until 2026-11-20. You can still type start any day.", chat.Transcript);
        await using (var db = chat.Db())
        {
            var patient = await db.Patients.SingleAsync(Ct);
            Assert.Equal((new DateOnly(2026, 11, 20), PatientStatus.Paused), (patient.PausedUntil, patient.Status));
        }

        await chat.SayAsync("/pause");
        Assert.StartsWith("Reminders are paused until 2026-11-20.", chat.Transcript);
        Assert.Equal(["Resume reminders now", "Keep them paused"], chat.ButtonLabels);
        await chat.TapAsync("resume");

        Assert.Equal("Reminders are back on.", chat.Transcript);
        await using (var db = chat.Db())
        {
            var patient = await db.Patients.SingleAsync(Ct);
            Assert.Equal((null, PatientStatus.Active), (patient.PausedUntil, patient.Status));
        }
    }

    [Fact]
    public async Task Changing_language_mid_session_switches_to_Spanish_and_carries_on_with_the_session()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");

        await chat.SayAsync("language");
        Assert.Equal("Which language would you like?", chat.Transcript);
        Assert.Equal(["English", "Español"], chat.ButtonLabels);
        await chat.TapAsync("Español");

        Assert.StartsWith(
            "Hecho, a partir de ahora te hablaré en español.\n¡Hola de nuevo! Hasta ahora: 1 hecho, 2 por hacer. Sigamos con Elevación de pierna recta.\nEjercicio 2 de 3: Elevación de pierna recta",
            chat.Transcript);
        Assert.Equal("Toca «Hecho» cuando termines, o elige otra opción.", chat.LastReply);
        await using (var db = chat.Db())
            Assert.Equal("es", (await db.Patients.SingleAsync(Ct)).Locale);

        await chat.SayAsync("hecho");
        Assert.Contains("Ejercicio 3 de 3: Deslizamiento de talón", chat.Transcript);
        Assert.Equal(2, (await chat.TodaysLogAsync()).ExercisesDone);
    }

    [Fact]
    public async Task Help_at_the_pain_question_explains_and_asks_the_same_question_again()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        await chat.SayAsync("help");

        Assert.StartsWith("I guide you through your home exercises. Type start for today's session", chat.Transcript);
        Assert.Equal("Before we start: how is your pain right now, from 0 (no pain) to 10 (worst imaginable)?", chat.LastReply);
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString(CultureInfo.InvariantCulture)), chat.Buttons);
        await chat.SayAsync("4");
        Assert.Equal(4, (await chat.TodaysLogAsync()).PainBefore);
    }

    [Fact]
    public async Task Stop_mid_session_ends_the_conversation_and_keeps_the_answers()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync(painBefore: 3);
        await chat.TapAsync("done");

        await chat.SayAsync("stop");

        Assert.Equal("OK, stopped. Your answers so far are saved. Type start or menu whenever you like.", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((SessionStatus.InProgress, 3, 1), (log.Status, log.PainBefore, log.ExercisesDone));

        // A leftover tap after stopping answers nothing.
        await chat.TapAsync("done");
        Assert.Single((await chat.TodaysLogAsync()).Exercises);
    }

    [Fact]
    public async Task Alex_sends_the_therapist_a_message_which_is_stored_and_flagged()
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("message my therapist");
        Assert.Equal("What would you like to tell your therapist? Write it in one message.", chat.Transcript);
        await chat.SayAsync("My knee was swollen this morning. Should I still do the heel slides?");

        Assert.Equal("Sent. Your therapist will see it as soon as they can. If it's urgent, call your clinic or your local emergency number.", chat.Transcript);
        await using var db = chat.Db();
        var message = await db.PatientMessages.SingleAsync(Ct);
        Assert.Equal(("My knee was swollen this morning. Should I still do the heel slides?", chat.Clinic.TherapistId),
            (message.Text, message.TherapistId));
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.PatientMessage, AlertSeverity.Info), (alert.Kind, alert.Severity));
    }

    [Fact]
    public async Task A_message_too_long_for_the_therapist_is_asked_for_again_and_nothing_is_stored()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("message");
        var before = await chat.RecordsAsync();

        await chat.SayAsync(new string('a', PatientMessage.MaxLength + 1));

        Assert.Equal("Please write your message as text, up to 2000 characters.", chat.Transcript);
        Assert.Equal(before, await chat.RecordsAsync());
        await chat.SayAsync("Shorter: the knee is swollen.");
        Assert.StartsWith("Sent.", chat.Transcript);
    }

    [Fact]
    public async Task My_data_writes_out_profile_program_and_sessions_and_is_audited()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");
        await chat.TapAsync("Easy");

        await chat.SayAsync("my data");

        Assert.StartsWith("Here is everything HepBot stores about you:", chat.Transcript);
        Assert.Contains("Name: Alex Moreno\nLanguage: English\nTime zone: Europe/Madrid\nReminder times: 18:00\nReminders: on\nConnected since: 2026-11-18", chat.Transcript);
        Assert.Contains("Your program (version 1, from 2026-11-04):", chat.Transcript);
        Assert.Contains("- Quad set: 10 times, 3 rounds, rest 30 seconds between rounds; hold each for 5 seconds; your sore leg", chat.Transcript);
        Assert.Contains("- Heel slide: 15 times, 2 rounds", chat.Transcript);
        Assert.Contains("- 2026-11-18: completed, 3 of 3 exercises, pain before 2, after 1", chat.Transcript);
        Assert.Contains("Messages you sent your therapist: 0", chat.Transcript);
        await using var db = chat.Db();
        var audit = await db.AuditEntries.Where(a => a.Action == AuditAction.Export).SingleAsync(Ct);
        Assert.Equal((chat.Clinic.PatientId, $"patient:{chat.Clinic.PatientId}"), (audit.PatientId, audit.Actor));
    }

    [Fact]
    public async Task Forget_me_confirmed_deletes_everything_keeps_the_erasure_record_and_unlinks_the_chat()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("8");
        await chat.TapAsync("none");
        await chat.SayAsync("message");
        await chat.SayAsync("Please call me.");

        await chat.SayAsync("delete my data");
        Assert.StartsWith("This permanently deletes everything HepBot stores about you", chat.Transcript);
        Assert.EndsWith("Are you sure? To delete everything, type DELETE. Anything else keeps your data.", chat.Transcript);
        Assert.Empty(chat.Buttons);
        await chat.SayAsync("DELETE");

        Assert.Equal("Your data has been deleted and this chat is no longer connected. Take care! If you want to start again, ask your therapist for a new code.", chat.Transcript);
        await using (var db = chat.Db())
        {
            Assert.Empty(await db.Patients.ToListAsync(Ct));
            Assert.Empty(await db.SessionLogs.ToListAsync(Ct));
            Assert.Empty(await db.ExerciseLogs.ToListAsync(Ct));
            Assert.Empty(await db.Prescriptions.ToListAsync(Ct));
            Assert.Empty(await db.Alerts.ToListAsync(Ct));
            Assert.Empty(await db.PatientMessages.ToListAsync(Ct));
            Assert.Empty(await db.Invitations.ToListAsync(Ct));
            Assert.Empty(await db.ChannelAccounts.ToListAsync(Ct));
            var audit = await db.AuditEntries.ToListAsync(Ct);
            Assert.Contains(audit, a => a.Action == AuditAction.Erase && a.EntityId == chat.Clinic.PatientId.ToString());
            Assert.DoesNotContain(audit, a => a.PatientId == chat.Clinic.PatientId);
        }

        await chat.SayAsync("menu");
        Assert.Contains("send me the 8-character code your therapist gave you", chat.Transcript);
        Assert.DoesNotContain("Alex", chat.Transcript);
    }

    [Fact]
    public async Task Forget_me_answered_no_keep_deletes_nothing()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("forget me");
        var before = await chat.RecordsAsync();

        await chat.SayAsync("no, keep my data");

        Assert.Equal("Nothing was deleted.", chat.Transcript);
        Assert.Equal(before, await chat.RecordsAsync());
        await chat.SayAsync("start");
        Assert.StartsWith("Today: 3 exercises", chat.Transcript);
    }

    [Theory]
    [InlineData("/pause", "For how many days should I pause reminders? (1 to 30)")]
    [InlineData("/reminder", "What time should I remind you? Send it like 07:30 or 18:00.")]
    [InlineData("/language", "Which language would you like?")]
    [InlineData("/menu", "What would you like to do?")]
    [InlineData("/today", "Ready to start?")]
    [InlineData("/forgetme", "Are you sure?")]
    [InlineData("/stop", "OK, stopped. Your answers so far are saved. Type start or menu whenever you like.")]
    [InlineData("/help", "I guide you through your home exercises.")]
    public async Task A_slash_command_interrupts_the_message_to_the_therapist_and_nothing_is_sent(string command, string reply)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("message");

        await chat.SayAsync(command);

        Assert.Contains(reply, chat.Transcript);
        await using var db = chat.Db();
        Assert.Empty(await db.PatientMessages.ToListAsync(Ct));
    }

    [Fact]
    public async Task A_slash_command_interrupts_an_exercise_and_the_session_can_be_picked_up_again()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");

        await chat.SayAsync("/pause");
        Assert.Equal("For how many days should I pause reminders? (1 to 30)", chat.Transcript);
        await chat.SayAsync("2");
        Assert.StartsWith("Reminders are paused until 2026-11-19.", chat.Transcript);

        await chat.SayAsync("start");
        Assert.StartsWith("Welcome back! So far: 1 done, 2 to go.", chat.Transcript);
    }
}
