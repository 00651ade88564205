using System.Collections.Concurrent;
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

namespace HepBot.Scheduling.Tests;

/// <summary>
/// Two HepBot hosts' outbound senders on one PostgreSQL database (real clock, six-second lease: long enough that a loaded CI machine does not lose it between rounds): a wave of
/// 40 reminders, host A stopped in the middle of it with sends in flight, every reminder delivered once.
/// Skipped, with the reason, when HEPBOT_TEST_POSTGRES is not set.
/// </summary>
public sealed class OutboundTwoHostTests
{
    private const int Wave = 40, DeliveredByABeforeItStops = 15;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_stopped_mid_wave_hands_over_and_every_reminder_is_delivered_exactly_once()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        var now = TimeProvider.System.GetUtcNow();
        var patients = new List<SeededPatient>();
        await using (var db = database.CreateContext())
        {
            for (var i = 0; i < Wave; i++)
                patients.Add(await TestPatients.AddAsync(db, now, zone: "UTC", name: $"Patient {i:00}"));
            foreach (var patient in patients)
                await OutboundQueue.EnqueueToPatientAsync(db, patient.PatientId, OutboundKind.Reminder, OutboundContent.ReminderArguments(2, 5),
                    $"reminder/{patient.PatientId:N}/wave", now, now, Ct);
            await db.SaveChangesAsync(Ct);
        }
        await using var harness = SchedulingHarness.Create(database, TimeProvider.System);
        var deliveries = new ConcurrentQueue<Delivery>();
        var options = Options.Create(new OutboundOptions
        {
            Lease = TimeSpan.FromSeconds(6), PollInterval = TimeSpan.FromMilliseconds(200), BatchSize = 5,
        });
        var chatsA = new WaveChats("A", deliveries, hangAfter: DeliveredByABeforeItStops);
        var hostA = Host(chatsA, harness, options);
        var hostB = Host(new WaveChats("B", deliveries, hangAfter: int.MaxValue), harness, options);

        await hostA.StartAsync(Ct);
        await WaitUntilAsync(() => !deliveries.IsEmpty);
        await hostB.StartAsync(Ct);
        // Host A has sent its part and has five sends in flight that will not finish: it is stopped now.
        await WaitUntilAsync(() => chatsA.Started == DeliveredByABeforeItStops + options.Value.BatchSize);
        await hostA.StopAsync(Ct);
        await WaitUntilAsync(() => deliveries.Count >= Wave);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // time for a duplicate to show up, had one been sent
        await hostB.StopAsync(Ct);

        Assert.Equal(patients.Select(p => p.PatientId).Order(), deliveries.Select(d => d.PatientId).Order());
        Assert.Equal(DeliveredByABeforeItStops, deliveries.Count(d => d.Host == "A"));
        // One sender at a time: everything A delivered came before anything B delivered.
        Assert.True(deliveries.Where(d => d.Host == "A").Max(d => d.At) <= deliveries.Where(d => d.Host == "B").Min(d => d.At));
        await using var check = database.CreateContext();
        var rows = await check.OutboundMessages.AsNoTracking().ToListAsync(Ct);
        Assert.All(rows, r => Assert.Equal(OutboundStatus.Sent, r.Status));
        Assert.Equal(options.Value.BatchSize, rows.Count(r => r.OutcomeUnknown));
    }

    private static OutboundSenderService Host(IChatSender chats, SchedulingHarness harness, IOptions<OutboundOptions> options)
    {
        var contexts = harness.Get<IDbContextFactory<HepBotDbContext>>();
        var sender = new OutboundSender(contexts, chats, harness.Get<OutboundContent>(), options, TimeProvider.System,
            NullLogger<OutboundSender>.Instance);
        return new OutboundSenderService(new Lazy<OutboundSender>(() => sender), contexts, options, TimeProvider.System, NullLogger<OutboundSenderService>.Instance);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The wave did not get there within two minutes.");
            await Task.Delay(50, Ct);
        }
    }

    private sealed record Delivery(string Host, Guid PatientId, DateTimeOffset At);

    /// <summary>
    /// One host's chats: each send takes a little while; after <paramref name="hangAfter"/> deliveries the
    /// host's sends never get through (they end only when the host stops, delivering nothing).
    /// </summary>
    private sealed class WaveChats(string host, ConcurrentQueue<Delivery> deliveries, int hangAfter) : IChatSender
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public async Task<ChatSendOutcome> SendToChatAsync(Guid channelAccountId, Guid patientId, Func<ITurnContext, CancellationToken, Task> compose,
            CancellationToken ct)
        {
            if (Interlocked.Increment(ref _started) > hangAfter)
                await Task.Delay(Timeout.Infinite, ct);
            await Task.Delay(20, ct);
            deliveries.Enqueue(new Delivery(host, patientId, DateTimeOffset.UtcNow));
            return ChatSendOutcome.Sent;
        }
    }
}
