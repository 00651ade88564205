using System.Net.Http.Json;
using HepBot.Data;
using HepBot.Data.Telemetry;
using HepBot.Host.Tests.Bot;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HepBot.Host.Tests.Hosting;

/// <summary>What an operator's metrics show when a person talks to HepBot, read from the host's own meter.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private LocalConnector _connector = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _connector = await LocalConnector.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_message_through_api_messages_counts_one_turn_on_its_channel_with_its_duration()
    {
        await using var host = new HepBotHostFactory(_database);
        var http = host.CreateClient();
        var metrics = host.Services.GetRequiredService<HepBotMetrics>();
        using var turns = new MetricCollector<long>(metrics.Meter, "hepbot.turns");
        using var durations = new MetricCollector<double>(metrics.Meter, "hepbot.turn.duration");

        var response = await http.PostAsJsonAsync("/api/messages", new
        {
            type = "message",
            id = Guid.NewGuid().ToString("N"),
            channelId = "emulator",
            serviceUrl = _connector.ServiceUrl,
            from = new { id = "emulator-user-7", name = "Maria Lopez" },
            recipient = new { id = "hepbot", name = "HepBot" },
            conversation = new { id = "emulator-conversation-7" },
            locale = "en-US",
            text = "hello, my knee hurts",
        }, Ct);

        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        Assert.NotEmpty(_connector.TakeTexts());
        var turn = Assert.Single(turns.GetMeasurementSnapshot());
        Assert.Equal(1, turn.Value);
        Assert.Equal("emulator", turn.Tags[HepBotMetrics.ChannelTag]);
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.InRange(duration.Value, double.Epsilon, 60);
        Assert.Equal("s", durations.Instrument!.Unit);
        // Tag values name the channel only: no sender, conversation or words of the patient.
        var values = turn.Tags.Values.Concat(duration.Tags.Values).Select(v => v?.ToString() ?? "").ToList();
        Assert.DoesNotContain(values, v => v.Contains("emulator-user") || v.Contains("conversation") || v.Contains("Maria") || v.Contains("knee"));
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_is_exported_and_with_one_metrics_and_traces_are()
    {
        await using (var quiet = new HepBotHostFactory(_database))
        {
            Assert.Null(quiet.Services.GetService<MeterProvider>());
            Assert.Null(quiet.Services.GetService<TracerProvider>());
        }

        // A collector address on this machine; nothing listens there, and the exporter only logs that.
        await using var exporting = new HepBotHostFactory(_database, new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:4317",
        });
        Assert.NotNull(exporting.Services.GetService<MeterProvider>());
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
        Assert.True((await exporting.CreateClient().GetAsync("/healthz/live", Ct)).IsSuccessStatusCode);
    }
}
