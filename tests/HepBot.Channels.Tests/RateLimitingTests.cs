using System.Collections.Concurrent;
using HepBot.Channels.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Channels.Tests;

/// <summary>
/// The limiter on a fake clock, against a channel that counts each message when it arrives, some time after the
/// send started and before its answer comes back (as Telegram does, and as the wave bench's fake Bot API does).
/// </summary>
public sealed class RateLimitingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_slot_is_held_until_a_second_after_its_answer_so_slow_answers_cannot_put_31_messages_in_one_second()
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = new OutgoingRateLimiter(OutgoingRateLimits.Telegram, clock);
        var granted = new ConcurrentQueue<(int Chat, DateTimeOffset At)>();
        // 31 chats, each answer back half a second after its send started: the first 30 may have arrived
        // anywhere in that half second, so the 31st may start only a second after the last of those answers.
        var sends = Enumerable.Range(0, 31).Select(chat => limiter.InChatOrderAsync($"chat {chat}", async (turn, token) =>
        {
            using var slot = await turn.WaitForSlotAsync(token);
            granted.Enqueue((chat, clock.GetUtcNow()));
            await Task.Delay(TimeSpan.FromMilliseconds(500), clock, token);
            return true;
        }, Ct)).ToList();

        await RunClockUntilAsync(clock, limiter, sends, () => granted.Count);

        var times = granted.Select(g => g.At).Order().ToList();
        Assert.All(times.Take(30), t => Assert.Equal(Start, t));
        Assert.Equal(Start.AddSeconds(1.5), times[30]);
    }

    [Fact]
    public async Task A_chats_next_message_starts_a_second_after_its_previous_answer_came_back()
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = new OutgoingRateLimiter(OutgoingRateLimits.Telegram, clock);
        var granted = new ConcurrentQueue<DateTimeOffset>();
        var sends = Enumerable.Range(0, 2).Select(_ => limiter.InChatOrderAsync("chat 1", async (turn, token) =>
        {
            using var slot = await turn.WaitForSlotAsync(token);
            granted.Enqueue(clock.GetUtcNow());
            await Task.Delay(TimeSpan.FromMilliseconds(400), clock, token);
            return true;
        }, Ct)).ToList();

        await RunClockUntilAsync(clock, limiter, sends, () => granted.Count);

        Assert.Equal([Start, Start.AddMilliseconds(1400)], granted);
    }

    [Fact]
    public async Task A_wave_whose_messages_take_varying_time_to_arrive_keeps_the_limits_as_the_channel_counts_them()
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = new OutgoingRateLimiter(OutgoingRateLimits.Telegram, clock);
        var random = new Random(14);
        var arrivals = new ConcurrentQueue<(int Chat, DateTimeOffset At)>();
        // 150 messages to 50 chats, three each; each takes 0–300 ms to arrive and 0–100 ms more for its answer.
        var delays = Enumerable.Range(0, 150).Select(_ => (Out: random.Next(0, 16) * 20, Back: random.Next(0, 6) * 20)).ToList();
        var sends = Enumerable.Range(0, 150).Select(i => limiter.InChatOrderAsync($"chat {i % 50}", async (turn, token) =>
        {
            using var slot = await turn.WaitForSlotAsync(token);
            arrivals.Enqueue((i % 50, clock.GetUtcNow().AddMilliseconds(delays[i].Out)));
            await Task.Delay(TimeSpan.FromMilliseconds(delays[i].Out + delays[i].Back), clock, token);
            return true;
        }, Ct)).ToList();

        await RunClockUntilAsync(clock, limiter, sends, () => arrivals.Count);

        var times = arrivals.Select(a => a.At).Order().ToList();
        Assert.Equal(150, times.Count);
        for (var i = 0; i + 30 < times.Count; i++)
            Assert.True(times[i + 30] - times[i] >= TimeSpan.FromSeconds(1), $"31 arrivals within {(times[i + 30] - times[i]).TotalMilliseconds} ms");
        foreach (var chat in arrivals.GroupBy(a => a.Chat))
        {
            var ordered = chat.Select(a => a.At).Order().ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1),
                $"chat {chat.Key}: two arrivals {(pair.Second - pair.First).TotalMilliseconds} ms apart"));
        }
        // Each slot serves one message per (1 s + its round trip, 0.2 s on average here): 150 messages need
        // about 6 s, never less than the 5 s the plain limit allows.
        Assert.InRange((times[^1] - times[0]).TotalSeconds, 4.0, 7.5);
    }

    /// <summary>
    /// Moves the fake clock in 20 ms steps, each once everything due at the previous step has run (the sends
    /// started, answered and finished stay the same over three looks), so each time is noted at its own step
    /// however busy the machine running the test.
    /// </summary>
    private static async Task RunClockUntilAsync(FakeTimeProvider clock, OutgoingRateLimiter limiter, IReadOnlyCollection<Task<bool>> sends,
        Func<int> started)
    {
        (int, int, int) Progress() => (started(), limiter.InFlight, sends.Count(s => s.IsCompleted));
        for (var step = 0; step < 2_000 && !sends.All(s => s.IsCompleted); step++)
        {
            for (var same = 0; same < 3;)
            {
                var before = Progress();
                await Task.Delay(5, Ct);
                same = before == Progress() ? same + 1 : 0;
            }
            clock.Advance(TimeSpan.FromMilliseconds(20));
        }
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
