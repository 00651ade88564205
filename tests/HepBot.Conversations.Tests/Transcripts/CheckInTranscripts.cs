using HepBot.Core.Alerts;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// The weekly check-in's barrier buttons send /barrier &lt;reason&gt;. Today is Wednesday 18 November:
/// Alex did Monday and missed Tuesday.
/// </summary>
public sealed class CheckInTranscripts
{
    private static readonly DateOnly Monday = new(2026, 11, 16), Tuesday = new(2026, 11, 17);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<BotHarness> AlexMissedTuesdayAsync()
    {
        var chat = await BotHarness.LinkedAsync();
        await chat.SeedFinishedSessionAsync(Monday, painBefore: 2, painAfter: 2);
        return chat;
    }

    private static async Task<List<SessionLog>> LogsOfAsync(BotHarness chat, DateOnly day)
    {
        await using var db = chat.Db();
        return await db.SessionLogs.AsNoTracking().Where(l => l.LocalDate == day).ToListAsync(Ct);
    }

    [Fact]
    public async Task Tapping_a_barrier_gets_its_answer_and_the_missed_day_keeps_the_reason()
    {
        await using var chat = await AlexMissedTuesdayAsync();

        await chat.TapAsync("/barrier noTime");

        Assert.StartsWith("Short on time? Even one set of each exercise helps more than none.", chat.Transcript);
        var tuesday = Assert.Single(await LogsOfAsync(chat, Tuesday));
        Assert.Equal((SessionStatus.SkippedDay, SkipReason.NoTime), (tuesday.Status, tuesday.SkipBarrier));
        Assert.Null(Assert.Single(await LogsOfAsync(chat, Monday)).SkipBarrier);
        Assert.Empty(await chat.AlertsAsync());
    }

    [Fact]
    public async Task Not_sure_how_offers_to_tell_the_therapist_and_yes_raises_an_asked_for_help_alert()
    {
        await using var chat = await AlexMissedTuesdayAsync();

        await chat.TapAsync("/barrier unsureHow");

        Assert.Equal("Your therapist can go over the exercises with you. Would you like me to tell them you're unsure?", chat.Transcript);
        Assert.Equal(["Yes", "No"], chat.ButtonLabels);
        Assert.Equal(SkipReason.UnsureHow, Assert.Single(await LogsOfAsync(chat, Tuesday)).SkipBarrier);

        await chat.SayAsync("yes");

        Assert.Equal("Done. Your therapist will see it and can show you at your next visit.", chat.Transcript);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal((AlertKind.AskedForHelp, AlertSeverity.Info), (alert.Kind, alert.Severity));
    }

    [Fact]
    public async Task A_bare_barrier_command_asks_what_got_in_the_way_with_a_button_per_barrier()
    {
        await using var chat = await AlexMissedTuesdayAsync();

        await chat.TapAsync("/barrier");

        Assert.Equal("Some training days didn't happen this week, and that's OK. What got in the way most?", chat.Transcript);
        Assert.Equal(["No time", "Pain", "I forgot", "Not sure how to do it", "Feeling unwell", "Something else"], chat.ButtonLabels);

        await chat.TapAsync("I forgot");

        Assert.StartsWith("It happens! A reminder at a better time might help", chat.Transcript);
        Assert.Equal(SkipReason.Forgot, Assert.Single(await LogsOfAsync(chat, Tuesday)).SkipBarrier);
    }

    [Fact]
    public async Task In_Spanish_the_answer_is_in_Spanish()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");

        await chat.TapAsync("/barrier pain");

        Assert.StartsWith("Es importante escuchar al dolor.", chat.Transcript);
    }
}
