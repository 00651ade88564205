using System.Globalization;
using HepBot.Core.Sessions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>Alex on Telegram, through long polling, the real client and the real dialogs.</summary>
public sealed class TelegramSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alex_links_by_deep_link_completes_a_session_with_buttons_and_later_gets_a_proactive_message()
    {
        await using var chat = await TelegramBotHarness.StartAsync();

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        Assert.Contains("Hi Alex! Your therapist at Riverside Physio", chat.Transcript);
        Assert.Equal(["yes", "no"], chat.Buttons);

        var consent = await chat.PressAsync("yes");
        var answered = Assert.Single(chat.Replies, c => c.Method == "answerCallbackQuery");
        Assert.Equal($"cb-{consent}", answered.Field("callback_query_id"));
        var edit = Assert.Single(chat.Replies, c => c.Method == "editMessageText");
        Assert.EndsWith("\n\n» Yes", edit.Text);
        Assert.Null(edit.Field("reply_markup"));
        Assert.Contains("Your therapist suggested a reminder at 18:00", chat.Transcript);

        await chat.PressAsync("keep");
        Assert.Contains("All set!", chat.Transcript);

        await chat.SayAsync("/today");
        Assert.Contains("Today: 3 exercises, about", chat.Transcript);
        // Typed words still answer a question that offers buttons.
        await chat.SayAsync("Start now");
        Assert.Contains("how is your pain right now", chat.Transcript);
        Assert.Equal([["0", "1", "2", "3", "4", "5"], ["6", "7", "8", "9", "10"]],
            chat.Keyboard.Select(row => row.Select(b => b.Data!).ToArray()).ToArray());

        await chat.PressAsync("2");
        Assert.Contains("Exercise 1 of 3: Quad set", chat.Transcript);
        await chat.PressAsync("done");
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);
        await chat.PressAsync("done");
        Assert.Contains("Exercise 3 of 3: Heel slide", chat.Transcript);
        await chat.PressAsync("done");
        Assert.Contains("How is your pain now", chat.Transcript);
        await chat.PressAsync("1");
        Assert.Contains("How hard was today's session?", chat.Transcript);
        await chat.PressAsync("JustRight");
        Assert.Contains("You did 3 of 3 exercises today.", chat.Transcript);

        // Every press was answered and its question lost its buttons.
        var calls = chat.Api.Calls;
        Assert.Equal(8, calls.Count(c => c.Method == "answerCallbackQuery"));
        Assert.Equal(8, calls.Count(c => c.Method == "editMessageText" && c.Field("reply_markup") is null));

        // An old button pressed again is answered but changes nothing.
        var consentQuestion = chat.Api.SentMessage(int.Parse(edit.Field("message_id")!, CultureInfo.InvariantCulture));
        await chat.DeliverAsync(id => FakeBotApi.PressOn(id, consentQuestion, "yes"));
        Assert.Equal(["answerCallbackQuery"], chat.Replies.Select(c => c.Method));

        await using (var db = chat.Db())
        {
            var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
            Assert.Equal(SessionStatus.Completed, log.Status);
            Assert.Equal((2, 1, Difficulty.JustRight), (log.PainBefore, log.PainAfter, log.Difficulty));
            var account = await db.ChannelAccounts.SingleAsync(Ct);
            Assert.Equal(("telegram", TelegramBotHarness.AlexChat.ToString(CultureInfo.InvariantCulture)), (account.Channel, account.ConversationId));

            // Later, from the stored reference: a proactive message arrives in Alex's chat.
            var reference = JsonConvert.DeserializeObject<ConversationReference>(account.ConversationReference!)!;
            await chat.Adapter.ContinueConversationAsync(new System.Security.Claims.ClaimsIdentity(), reference,
                (turn, ct) => turn.SendActivityAsync(MessageFactory.Text("Time for your exercises"), ct), Ct);
        }
        chat.Collect();
        var proactive = Assert.Single(chat.Replies);
        Assert.Equal(("sendMessage", TelegramBotHarness.AlexChat, "Time for your exercises"), (proactive.Method, proactive.ChatId, proactive.Text));
    }

    [Fact]
    public async Task A_sticker_is_not_an_answer_and_the_question_comes_again()
    {
        await using var chat = await TelegramBotHarness.StartAsync();
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");

        await chat.DeliverAsync(id => chat.Api.StickerFrom(id, TelegramBotHarness.AlexChat));

        Assert.Equal("Is it OK if I send you reminders and messages in this chat?", chat.Transcript);
        Assert.Equal(["yes", "no"], chat.Buttons);
    }

    [Fact]
    public async Task An_update_delivered_twice_is_processed_once()
    {
        await using var chat = await TelegramBotHarness.StartAsync();
        var start = chat.Api.TextFrom(1, TelegramBotHarness.AlexChat, $"/start {chat.Clinic.InvitationCode}");

        // Telegram did not see the confirmation and sends the update again in the same batch.
        chat.Api.Redeliver(start);
        chat.Api.Redeliver(start);
        await chat.Api.WaitForConfirmationAsync(1);
        chat.Collect();

        Assert.Single(chat.Replies, c => c.Method == "sendMessage" && c.Text!.Contains("Hi Alex!"));
        await using var db = chat.Db();
        Assert.Equal(1, await db.ChannelAccounts.CountAsync(Ct));
    }

    [Fact]
    public async Task A_button_of_an_earlier_question_answered_by_typing_records_nothing()
    {
        await using var chat = await TelegramBotHarness.StartAsync();
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        await chat.PressAsync("yes");
        await chat.PressAsync("keep");
        await chat.SayAsync("/today");
        await chat.SayAsync("Start now");
        Assert.Contains("how is your pain right now", chat.Transcript);
        // The pain is typed: the 0-10 keyboard stays on screen, unpressed.
        await chat.SayAsync("3");
        Assert.Contains("Exercise 1 of 3: Quad set", chat.Transcript);

        // "2" on the exercise card would be its second button, Skip.
        await chat.PressAsync("2");

        Assert.StartsWith("That question has already passed, so I didn't record that answer.", chat.Transcript);
        await using var db = chat.Db();
        var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
        Assert.Equal(3, log.PainBefore);
        Assert.Empty(log.Exercises);
    }
}
