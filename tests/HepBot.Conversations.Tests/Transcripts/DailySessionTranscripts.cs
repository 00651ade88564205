using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

public sealed class DailySessionTranscripts
{
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
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString()), chat.Buttons);

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
        var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(SessionStatus.Completed, log.Status);
        Assert.Equal((2, 1, Difficulty.JustRight), (log.PainBefore, log.PainAfter, log.Difficulty));
        Assert.Equal(3, log.Exercises.Count(e => e.Outcome == ExerciseOutcome.Done));
        var patient = await db.Patients.SingleAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(patient.MessagingConsentAt);
        Assert.NotNull(patient.LinkedAt);
    }
}
