using HepBot.Channels.RateLimiting;
using HepBot.Conversations;
using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Scheduling.Outbound;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>
/// The outbound queue's sender on Tuesday 10 March 2026 at 18:00 in Madrid (17:00 UTC), fake clock:
/// reminders queued for Maria, Juan, Ana and Luis, each with a Telegram chat.
/// </summary>
public sealed class OutboundSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SixPmMadrid = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private SchedulingHarness _harness = null!;
    private readonly List<SeededPatient> _patients = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private FakeTimeProvider Clock => _harness.FakeClock;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        _harness = SchedulingHarness.Create(_database, new FakeTimeProvider(SixPmMadrid));
        await using var db = _database.CreateContext();
        foreach (var name in new[] { "Maria Lopez", "Juan Perez", "Ana Gil", "Luis Mora" })
            _patients.Add(await TestPatients.AddAsync(db, SixPmMadrid, name: name));
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task EnqueueAsync(SeededPatient patient, OutboundKind kind = OutboundKind.Reminder)
    {
        await using var db = _database.CreateContext();
        var arguments = kind == OutboundKind.Reminder ? OutboundContent.ReminderArguments(2, 5) : null;
        await OutboundQueue.EnqueueToPatientAsync(db, patient.PatientId, kind, arguments, $"{kind}/{patient.PatientId:N}/2026-03-10",
            Clock.GetUtcNow(), Clock.GetUtcNow(), Ct);
        await db.SaveChangesAsync(Ct);
    }

    private OutboundSender Sender(IChatSender? chats = null, OutboundOptions? options = null) =>
        new(_harness.Get<IDbContextFactory<HepBotDbContext>>(), chats ?? _harness.Notifier, _harness.Get<OutboundContent>(),
            Options.Create(options ?? new OutboundOptions()), Clock, NullLogger<OutboundSender>.Instance);

    private async Task<List<OutboundMessage>> RowsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.OutboundMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_queued_reminder_goes_out_once_and_is_not_sent_again_by_this_host_or_the_next()
    {
        await EnqueueAsync(_patients[0]);

        Assert.Equal(1, await _harness.SendQueuedAsync());
        var sent = Assert.Single(_harness.Notifier.Sent);
        Assert.Equal(_patients[0].PatientId, sent.RecipientId);
        Assert.Contains("Today: 2 exercises", sent.Text);
        Assert.Equal(["/today", "/snooze", "/skipday"], sent.ButtonValues);

        Assert.Equal(0, await _harness.SendQueuedAsync());
        // This host dies; the next one takes the lease over once it has expired and finds nothing to send.
        Clock.Advance(new OutboundOptions().Lease);
        var next = Sender();
        Assert.True((await next.RunRoundAsync("telegram", Ct)).Held);
        Assert.Single(_harness.Notifier.Sent);
        var row = Assert.Single(await RowsAsync());
        Assert.Equal((OutboundStatus.Sent, 1, SixPmMadrid), (row.Status, row.Attempts, row.SentAt));
    }

    [Fact]
    public async Task While_one_host_holds_the_lease_another_sends_nothing_and_takes_over_what_it_left_once_it_expires()
    {
        foreach (var patient in _patients.Take(3))
            await EnqueueAsync(patient);
        var hostA = Sender(options: new OutboundOptions { BatchSize = 1 });
        var hostB = Sender();

        Assert.Equal(1, (await hostA.RunRoundAsync("telegram", Ct)).Sent);
        // Host A marks Juan's reminder "sending" and dies before the send.
        await using (var db = _database.CreateContext())
        {
            var juan = (await RowsAsync()).Single(r => r.PatientId == _patients[1].PatientId).Id;
            Assert.Equal([juan], await OutboundQueue.ClaimAsync(db, "telegram", [juan], hostA.Holder, Clock.GetUtcNow(), Ct));
        }
        Assert.Equal(OutboundRound.NotHeld, await hostB.RunRoundAsync("telegram", Ct));

        Clock.Advance(new OutboundOptions().Lease);
        var takeover = await hostB.RunRoundAsync("telegram", Ct);

        Assert.Equal((true, 2, 1), (takeover.Held, takeover.Sent, takeover.Recovered));
        Assert.Equal(_patients.Take(3).Select(p => p.PatientId).Order(), _harness.Notifier.Sent.Select(s => s.RecipientId).Order());
        Assert.All(await RowsAsync(), r => Assert.Equal(OutboundStatus.Sent, r.Status));
        Assert.Equal(OutboundRound.NotHeld, await hostA.RunRoundAsync("telegram", Ct));
    }

    [Fact]
    public async Task A_reminder_that_fails_is_retried_with_backoff_and_the_nudge_behind_it_keeps_its_place()
    {
        await EnqueueAsync(_patients[0]);
        await EnqueueAsync(_patients[0], OutboundKind.Nudge);
        _harness.Notifier.FailuresLeft = 1;

        Assert.Equal(0, await _harness.SendQueuedAsync());
        Assert.Empty(_harness.Notifier.Sent);
        var failed = (await RowsAsync())[0];
        Assert.Equal((OutboundStatus.Retrying, SixPmMadrid.AddSeconds(30)), (failed.Status, failed.NextAttemptAt));

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, await _harness.SendQueuedAsync());

        var sent = _harness.Notifier.Sent.ToList();
        Assert.Contains("Today: 2 exercises", sent[0].Text);
        Assert.DoesNotContain("Today: 2 exercises", sent[1].Text);
    }

    [Fact]
    public async Task A_chat_that_keeps_failing_is_given_up_as_unreachable_after_the_last_attempt()
    {
        await EnqueueAsync(_patients[0]);
        _harness.Notifier.FailuresLeft = 100;
        var options = new OutboundOptions { MaxAttempts = 3 };
        var sender = Sender(options: options);

        await _harness.SendQueuedAsync(sender);
        Clock.Advance(options.RetryDelayAfter(1));
        await _harness.SendQueuedAsync(sender);
        Clock.Advance(options.RetryDelayAfter(2));
        await _harness.SendQueuedAsync(sender);
        Clock.Advance(TimeSpan.FromHours(1));
        await _harness.SendQueuedAsync(sender);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal((OutboundStatus.Unreachable, 3), (row.Status, row.Attempts));
        Assert.StartsWith("gave up after 3 attempts", row.LastError);
        Assert.Equal(97, _harness.Notifier.FailuresLeft);
    }

    [Fact]
    public async Task A_patient_who_blocked_the_bot_is_not_tried_again()
    {
        await EnqueueAsync(_patients[0]);
        _harness.Notifier.Reachable = false;

        await _harness.SendQueuedAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        await _harness.SendQueuedAsync();

        var row = Assert.Single(await RowsAsync());
        Assert.Equal((OutboundStatus.Unreachable, 1), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task A_429_on_one_chat_holds_every_chat_of_the_wave_for_its_retry_after()
    {
        foreach (var patient in _patients)
            await EnqueueAsync(patient);
        var chats = new TelegramLikeChats(new OutgoingRateLimiter(OutgoingRateLimits.Telegram, Clock), Clock, retryAfter: TimeSpan.FromSeconds(5));

        var round = Sender(chats).RunRoundAsync("telegram", Ct);
        while (!round.IsCompleted)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5, Ct);
        }

        Assert.Equal(4, (await round).Sent);
        Assert.Equal(4, chats.Sent.Count);
        Assert.All(chats.Sent, s => Assert.True(s.At >= SixPmMadrid.AddSeconds(5), $"sent at {s.At:HH:mm:ss.fff}, inside the pause"));
    }

    [Fact]
    public async Task A_batch_is_sent_at_most_SendsAtOnce_at_a_time_and_all_of_it_goes_out()
    {
        // A whole batch at once asked the pool for a connection per row in the same instant; two hosts on one PostgreSQL
        // ran the server out of connections (53300) and sends failed into retries.
        foreach (var patient in _patients)
            await EnqueueAsync(patient);
        var chats = new CountingChats();

        var round = await Sender(chats, new OutboundOptions { SendsAtOnce = 2 }).RunRoundAsync("telegram", Ct);

        Assert.Equal(4, round.Sent);
        Assert.Equal(4, chats.Sent);
        Assert.Equal(2, chats.MostAtOnce);
    }

    /// <summary>Sends after a short wait, counting how many are under way at the same time.</summary>
    private sealed class CountingChats : IChatSender
    {
        private int _now;
        private int _most;
        private int _sent;

        public int MostAtOnce => _most;
        public int Sent => _sent;

        public async Task<ChatSendOutcome> SendToChatAsync(Guid channelAccountId, Guid patientId, Func<ITurnContext, CancellationToken, Task> compose,
            CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _now);
            InterlockedMax(ref _most, now);
            await Task.Delay(50, ct);
            Interlocked.Decrement(ref _now);
            Interlocked.Increment(ref _sent);
            return ChatSendOutcome.Sent;
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>
    /// Sends as the Telegram sender does: in the chat's lane of the limiter, waiting for a slot before each
    /// attempt; the wave's first attempt is answered 429 with <c>retry_after</c>, which pauses every lane.
    /// </summary>
    private sealed class TelegramLikeChats(OutgoingRateLimiter limiter, TimeProvider clock, TimeSpan retryAfter) : IChatSender
    {
        private int _slowDownGiven;

        public List<(Guid PatientId, DateTimeOffset At)> Sent { get; } = [];

        public Task<ChatSendOutcome> SendToChatAsync(Guid channelAccountId, Guid patientId, Func<ITurnContext, CancellationToken, Task> compose,
            CancellationToken ct) =>
            limiter.InChatOrderAsync(channelAccountId.ToString(), async (turn, token) =>
            {
                while (true)
                {
                    using var slot = await turn.WaitForSlotAsync(token);
                    if (Interlocked.Exchange(ref _slowDownGiven, 1) == 0)
                    {
                        limiter.PauseAll(retryAfter);
                        continue;
                    }
                    lock (Sent)
                        Sent.Add((patientId, clock.GetUtcNow()));
                    return ChatSendOutcome.Sent;
                }
            }, ct);
    }
}
