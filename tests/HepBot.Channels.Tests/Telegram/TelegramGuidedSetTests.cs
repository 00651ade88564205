using HepBot.Conversations.Sessions;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>A guided set on Telegram: one message, edited through the set (editMessageText), Stop on it, through the real client.</summary>
public sealed class TelegramGuidedSetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_the_set_edits_one_message_through_the_holds_and_stop_asks_for_the_honest_partial()
    {
        await using var chat = await TelegramBotHarness.StartAsync();
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        await chat.PressAsync("yes");
        await chat.PressAsync("keep");
        await chat.SayAsync("/today");
        await chat.SayAsync("Start now");
        await chat.PressAsync("2");
        Assert.Contains("Exercise 1 of 3: Quad set", chat.Transcript);

        await chat.PressAsync("set");
        var sent = Assert.Single(chat.Replies, c => c.Method == "sendMessage");
        Assert.Equal("Quad set\nGet ready… we start in 5 s.\nTap Stop at any time.", sent.Text);
        Assert.Equal(["Stop"], sent.Keyboard.SelectMany(r => r).Select(b => b.Label));
        var setMessage = chat.Api.SentMessage(SetMessageId(chat));

        // 5 s: the first hold, on the same message, still with Stop.
        chat.Clock.Advance(TimeSpan.FromSeconds(5));
        await chat.Api.WaitForAsync(calls => calls.Any(c => c.Method == "editMessageText" && c.Text?.Contains("Hold 1 of 10") == true));
        var hold = chat.Api.Calls.Last(c => c.Method == "editMessageText");
        Assert.Equal(setMessage.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), hold.Field("message_id"));
        Assert.Equal("Quad set, round 1 of 3\nHold 1 of 10: hold… 5 s\nTap Stop at any time.", hold.Text);
        Assert.Equal(["Stop"], hold.Keyboard.SelectMany(r => r).Select(b => b.Label));

        // On through round 1 into the rest, a second at a time.
        for (var t = 5; t < 90; t++)
        {
            chat.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, Ct);
        }
        await chat.Api.WaitForAsync(calls => calls.Any(c => c.Method == "editMessageText" && c.Text?.Contains("Rest… 30 s") == true));
        chat.Collect();

        await chat.PressAsync("stop");
        Assert.Contains(chat.Replies, c => c.Method == "editMessageText" && c.Text == "Quad set: set stopped." && c.Field("reply_markup") is null);
        Assert.Contains("You did 1 of 3 rounds. How shall I put it down?", chat.Transcript);
        Assert.Equal(["Done 1 of 3 rounds", "Done, all of it", "Skip"], chat.Keyboard.SelectMany(r => r).Select(b => b.Label));

        // Stopped: the clock runs on and the message no longer changes.
        var editsAtStop = chat.Api.CallsTo("editMessageText").Count;
        chat.Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(200, Ct);
        Assert.Equal(editsAtStop, chat.Api.CallsTo("editMessageText").Count);
        // Bounded: every edit of the set message was one frame of the plan (10 holds, 9 relaxes, the rest's first two counts),
        // plus the answered Stop and the stopped line.
        var setEdits = chat.Api.CallsTo("editMessageText").Count(c => c.Field("message_id") == setMessage.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(setEdits, 10 + 9 + 1, 10 + 9 + 2 + 2);

        await chat.PressAsync("partial");
        Assert.Contains("Straight leg raise", chat.Transcript);
        await using var db = chat.Db();
        var answer = await db.ExerciseLogs.SingleAsync(Ct);
        Assert.Equal((ExerciseOutcome.Done, 1), (answer.Outcome, answer.SetsDone));
        Assert.Equal(0, chat.Service<GuidedSetRunner>().Running);
    }

    /// <summary>The message whose button is Stop: the set message.</summary>
    private static int SetMessageId(TelegramBotHarness chat)
    {
        var question = chat.Api.PressFrom(0, TelegramBotHarness.AlexChat, "stop");
        return question.CallbackQuery!.Message!.Id;
    }
}
