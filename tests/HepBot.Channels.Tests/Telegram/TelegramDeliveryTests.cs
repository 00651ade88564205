using HepBot.Channels.Proactive;
using HepBot.Channels.RateLimiting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>What reaches the Bot API, and when: rate limits, 429, 5xx and blocked users.</summary>
public sealed class TelegramDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_100_messages_to_20_chats_keeps_telegrams_limits_and_every_chats_order()
    {
        // The limiter runs on a fake clock, and each request notes the fake time at which it was let go,
        // so the limits are checked exactly, whatever the load on the machine running the test.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero));
        await using var api = await FakeBotApi.StartAsync(clock);
        var sender = Senders.Create(api.CreateClient(), OutgoingRateLimits.Telegram, clock);
        var letGo = new System.Collections.Concurrent.ConcurrentQueue<(long Chat, string Text, DateTimeOffset At)>();

        // Handed in all at once, in order: five messages for each of 20 chats.
        var sends = Enumerable.Range(0, 100).Select(i =>
        {
            long chat = 9000 + i % 20;
            var text = $"message {i / 20 + 1}";
            return sender.SendToChatAsync(chat, "sendMessage", (client, ct) =>
            {
                letGo.Enqueue((chat, text, clock.GetUtcNow()));
                return client.SendMessage(chat, text, cancellationToken: ct);
            }, Ct);
        }).ToList();
        // Step the clock only once everything due has been let go, so each note is taken at its own step.
        for (var step = 0; step < 400 && !sends.All(s => s.IsCompleted); step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            for (var settled = 0; settled < 3;)
            {
                var before = (letGo.Count, sends.Count(s => s.IsCompleted));
                await Task.Delay(10, Ct);
                settled = before == (letGo.Count, sends.Count(s => s.IsCompleted)) ? settled + 1 : 0;
            }
        }
        await Task.WhenAll(sends);

        Assert.Equal(100, api.CallsTo("sendMessage").Count);
        var grants = letGo.OrderBy(g => g.At).ToList();
        foreach (var chat in grants.GroupBy(g => g.Chat))
        {
            Assert.Equal(["message 1", "message 2", "message 3", "message 4", "message 5"],
                api.CallsTo("sendMessage").Where(c => c.ChatId == chat.Key).Select(c => c.Text));
            foreach (var (earlier, later) in chat.Zip(chat.Skip(1)))
                Assert.True(later.At - earlier.At >= TimeSpan.FromSeconds(1),
                    $"chat {chat.Key}: two messages {(later.At - earlier.At).TotalMilliseconds} ms apart");
        }
        // No 31 messages within one second.
        for (var i = 0; i + 30 < grants.Count; i++)
            Assert.True(grants[i + 30].At - grants[i].At >= TimeSpan.FromSeconds(1),
                $"31 messages within {(grants[i + 30].At - grants[i].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_429_is_retried_after_retry_after_and_pauses_every_chat_meanwhile()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero));
        await using var api = await FakeBotApi.StartAsync(clock);
        var limiter = new OutgoingRateLimiter(OutgoingRateLimits.Telegram, clock);
        var sender = Senders.Create(api.CreateClient(), limiter, clock);
        api.FailNext("sendMessage", 429, retryAfter: 3);

        var first = sender.SendToChatAsync(1, "sendMessage", (client, ct) => client.SendMessage(1, "to chat 1", cancellationToken: ct), Ct);
        await Eventually(() => limiter.PausedUntil is not null);
        var second = sender.SendToChatAsync(2, "sendMessage", (client, ct) => client.SendMessage(2, "to chat 2", cancellationToken: ct), Ct);

        clock.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(200, Ct);
        Assert.Equal([429], api.CallsTo("sendMessage").Select(c => c.Status));

        clock.Advance(TimeSpan.FromSeconds(0.1));
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5), Ct);
        var calls = api.CallsTo("sendMessage");
        Assert.Equal((429, 1L), (calls[0].Status, calls[0].ChatId!.Value));
        Assert.Equal([(200, 1L), (200, 2L)], calls.Skip(1).Select(c => (c.Status, c.ChatId!.Value)).Order());
        var limited = calls.Single(c => c.Status == 429).At;
        Assert.All(calls.Where(c => c.Succeeded), c => Assert.True(c.At - limited >= TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_backoff_and_given_up_after_the_last_attempt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero));
        await using var api = await FakeBotApi.StartAsync(clock);
        var sender = Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, clock);
        api.FailNext("sendMessage", 500, count: 2);

        var send = sender.SendToChatAsync(1, "sendMessage", (client, ct) => client.SendMessage(1, "hello", cancellationToken: ct), Ct);
        await RunClockUntil(clock, () => send.IsCompleted, api);
        await send;

        var calls = api.CallsTo("sendMessage");
        Assert.Equal([500, 500, 200], calls.Select(c => c.Status));
        // Each wait is at least its backoff (0.5 s, then 1 s): fake time cannot reach a retry early. Fake time moves on
        // in 50 ms steps whenever the calls look settled for 30 ms of real time, so on a busy machine a retry still
        // travelling over loopback HTTP is stamped some steps late; the upper bounds only say no wait is far too long.
        var (firstWait, secondWait) = (calls[1].At - calls[0].At, calls[2].At - calls[1].At);
        Assert.InRange(firstWait.TotalSeconds, 0.5, 3.0);
        Assert.InRange(secondWait.TotalSeconds, 1.0, 4.0);

        api.FailNext("sendMessage", 502, count: Senders.Policy.MaxAttempts);
        var hopeless = sender.SendToChatAsync(1, "sendMessage", (client, ct) => client.SendMessage(1, "again", cancellationToken: ct), Ct);
        await RunClockUntil(clock, () => hopeless.IsCompleted, api);
        var failure = await Assert.ThrowsAsync<ApiRequestException>(() => hopeless);
        Assert.Equal(502, failure.ErrorCode);
        Assert.Equal(3 + Senders.Policy.MaxAttempts, api.CallsTo("sendMessage").Count);
    }

    [Fact]
    public async Task A_call_that_times_out_is_tried_again()
    {
        await using var api = await FakeBotApi.StartAsync();
        var sender = Senders.Create(api.CreateClientTimingOutStalledCalls(), TelegramBotHarness.Unpaced, TimeProvider.System);
        api.StallNext("sendMessage");

        var sent = await sender.SendToChatAsync(1, "sendMessage", (client, ct) => client.SendMessage(1, "hello", cancellationToken: ct), Ct);

        Assert.Equal("hello", sent.Text);
        Assert.Equal([0, 200], api.CallsTo("sendMessage").Select(c => c.Status));
    }

    [Fact]
    public async Task A_proactive_send_to_a_user_who_blocked_the_bot_throws_recipient_unreachable()
    {
        await using var api = await FakeBotApi.StartAsync();
        var adapter = Senders.Adapter(Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System));
        var turnErrors = 0;
        adapter.OnTurnError = (_, _) =>
        {
            turnErrors++;
            return Task.CompletedTask;
        };
        api.Block(4242);
        IProactiveChannel channel = adapter;
        var reference = new ConversationReference { ChannelId = "telegram", Conversation = new ConversationAccount(id: "4242") };

        var unreachable = await Assert.ThrowsAsync<RecipientUnreachableException>(() => channel.ContinueConversationAsync(reference,
            (turn, ct) => turn.SendActivityAsync(MessageFactory.Text("Time for your exercises"), ct), Ct));

        Assert.Equal("telegram", unreachable.Channel);
        Assert.Contains("bot was blocked by the user", unreachable.Message);
        Assert.Equal(0, turnErrors);
        Assert.Equal([403], api.CallsTo("sendMessage").Select(c => c.Status));
        Assert.Equal(["telegram"], channel.ChannelIds);
    }

    [Fact]
    public async Task A_reply_to_a_user_who_blocked_the_bot_meanwhile_is_logged_not_thrown()
    {
        await using var chat = await TelegramBotHarness.StartAsync(poll: false);
        chat.Api.Block(TelegramBotHarness.AlexChat);

        await chat.Adapter.ProcessUpdateAsync(chat.Api.TextFrom(1, TelegramBotHarness.AlexChat, $"/start {chat.Clinic.InvitationCode}"), chat.Bot, Ct);

        chat.Collect();
        Assert.All(chat.Replies, c => Assert.Equal(403, c.Status));
        Assert.Single(chat.Replies);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10, Ct);
        Assert.True(condition());
    }

    /// <summary>
    /// Lets fake time pass in 50 ms steps. Before each step it waits until the real HTTP calls in flight have
    /// settled (the calls seen at the fake server stop changing), so a request is never timed a step late.
    /// </summary>
    private static async Task RunClockUntil(FakeTimeProvider clock, Func<bool> done, FakeBotApi api)
    {
        for (var i = 0; i < 400 && !done(); i++)
        {
            for (var settled = 0; settled < 3;)
            {
                var before = (api.Calls.Count, done());
                await Task.Delay(10, Ct);
                settled = before == (api.Calls.Count, done()) ? settled + 1 : 0;
            }
            if (!done())
                clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        Assert.True(done());
    }
}
