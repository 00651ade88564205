using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Data.Telemetry;
using HepBot.Scheduling.Outbound;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>
/// The outbound queue's metrics on Tuesday 10 March 2026 at 18:00 in Madrid (17:00 UTC), fake clock:
/// Maria, Juan and Ana each have a Telegram chat.
/// </summary>
public sealed class OutboundMetricsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SixPmMadrid = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private SchedulingHarness _harness = null!;
    private readonly List<SeededPatient> _patients = [];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HepBotMetrics Metrics => _harness.Get<HepBotMetrics>();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        _harness = SchedulingHarness.Create(_database, new FakeTimeProvider(SixPmMadrid));
        await using var db = _database.CreateContext();
        foreach (var name in new[] { "Maria Lopez", "Juan Perez", "Ana Gil" })
            _patients.Add(await TestPatients.AddAsync(db, SixPmMadrid, name: name));
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A job's decision, saved as the jobs save it (through the host's context factory).</summary>
    private async Task DecideAsync(SeededPatient patient, OutboundKind kind)
    {
        await using var db = await _harness.Get<IDbContextFactory<HepBotDbContext>>().CreateDbContextAsync(Ct);
        var arguments = kind == OutboundKind.Reminder ? OutboundContent.ReminderArguments(2, 5) : null;
        Assert.True(await OutboundEnqueue.ToPatientAsync(db, patient.PatientId, kind, arguments, $"{kind}/{patient.PatientId:N}/2026-03-10",
            SixPmMadrid, Ct));
    }

    [Fact]
    public async Task A_reminder_decided_and_sent_counts_once_in_each_counter_by_kind_and_channel()
    {
        using var decided = new MetricCollector<long>(Metrics.Meter, "hepbot.reminders.decided");
        using var sent = new MetricCollector<long>(Metrics.Meter, "hepbot.reminders.sent");

        await DecideAsync(_patients[0], OutboundKind.Reminder);
        // The same job running again queues nothing new, and counts nothing.
        await DecideAsync(_patients[0], OutboundKind.Reminder);
        Assert.Equal(1, await _harness.SendQueuedAsync());

        var decision = Assert.Single(decided.GetMeasurementSnapshot());
        Assert.Equal((1L, "reminder", "telegram"), (decision.Value, decision.Tags[HepBotMetrics.KindTag], decision.Tags[HepBotMetrics.ChannelTag]));
        var delivery = Assert.Single(sent.GetMeasurementSnapshot());
        Assert.Equal((1L, "reminder", "telegram"), (delivery.Value, delivery.Tags[HepBotMetrics.KindTag], delivery.Tags[HepBotMetrics.ChannelTag]));
    }

    [Fact]
    public async Task A_reminder_that_fails_is_not_counted_as_sent()
    {
        using var sent = new MetricCollector<long>(Metrics.Meter, "hepbot.reminders.sent");
        await DecideAsync(_patients[0], OutboundKind.Reminder);
        _harness.Notifier.FailuresLeft = 1;

        Assert.Equal(0, await _harness.SendQueuedAsync());

        Assert.Empty(sent.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task The_outbox_depth_gauge_reads_the_queue_as_the_sender_last_looked_at_it()
    {
        using var depth = new MetricCollector<int>(Metrics.Meter, "hepbot.outbox.depth");
        foreach (var patient in _patients)
            await DecideAsync(patient, OutboundKind.Reminder);
        await DecideAsync(_patients[0], OutboundKind.Nudge);
        var service = _harness.Get<OutboundSenderService>();

        Assert.Equal(4, (await service.LookAtQueueAsync(Ct))["telegram"]);
        depth.RecordObservableInstruments();
        var waiting = Assert.Single(depth.GetMeasurementSnapshot());
        Assert.Equal((4, "telegram"), (waiting.Value, waiting.Tags[HepBotMetrics.ChannelTag]));

        await _harness.SendQueuedAsync();
        Assert.Empty(await service.LookAtQueueAsync(Ct));
        depth.RecordObservableInstruments();
        Assert.Equal(0, depth.LastMeasurement!.Value);
    }
}
