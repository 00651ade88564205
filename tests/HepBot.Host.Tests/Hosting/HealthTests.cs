using System.Net;
using System.Text.Json;
using HepBot.Channels.Health;
using Microsoft.Extensions.Time.Testing;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;

namespace HepBot.Host.Tests.Hosting;

public class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_is_200_when_the_database_answers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new HepBotHostFactory(database);

        var response = await host.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    // /proc/version is a file, so no folder can ever be made for a database beneath it.
    [InlineData(DatabaseProvider.Sqlite, "Data Source=/proc/version/hepbot.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Database=hepbot;Username=hepbot;Timeout=2")]
    public async Task Healthz_is_503_when_the_database_does_not_answer(DatabaseProvider provider, string connectionString)
    {
        await using var host = new HepBotHostFactory(HepBotHostFactory.SettingsFor(provider, connectionString));

        var response = await host.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_turns_503_when_the_database_goes_away()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new HepBotHostFactory(database);
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);

        File.Delete(database.ConnectionString.Split(';')[0]["Data Source=".Length..]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task Live_is_200_while_the_database_is_down_and_ready_is_503_naming_it()
    {
        await using var host = new HepBotHostFactory(HepBotHostFactory.SettingsFor(DatabaseProvider.Sqlite, "Data Source=/proc/version/hepbot.db"));
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live", Ct)).StatusCode);
        var ready = await client.GetAsync("/healthz/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_200_once_the_database_answers_and_the_scheduler_runs()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new HepBotHostFactory(database);
        var client = host.CreateClient();

        var report = await WaitForReadyAsync(client, r => r.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString() == "Healthy");

        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["database", "scheduler"], report.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
    }

    [Fact]
    public async Task A_channel_whose_platform_does_not_answer_makes_ready_degraded_not_down()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        const string token = "123456789:AAEexampleexampleexampleexample";
        // Port 1 on loopback: nothing listens, so every Bot API call (the long poll first) fails at once.
        await using var host = new HepBotHostFactory(database, new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = token,
            ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:1",
        });
        var client = host.CreateClient();

        // The scheduler may still be starting (the report is then Unhealthy for that reason): wait for both.
        var report = await WaitForReadyAsync(client, r =>
            r.GetProperty("checks").GetProperty("telegram").GetProperty("status").GetString() == "Degraded"
            && r.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString() == "Healthy");

        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        var said = report.GetProperty("checks").GetProperty("telegram").GetProperty("description").GetString()!;
        Assert.Contains("not reached", said);
        Assert.DoesNotContain("AAEexample", said);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    public async Task A_platform_counts_as_reached_when_it_answers_for_itself(HttpStatusCode status, bool reached)
    {
        var reachability = new ChannelReachability(new FakeTimeProvider());
        using var http = new HttpClient(new ReachabilityHandler("telegram", reachability) { InnerHandler = new Answering(status) });

        using var _ = await http.GetAsync("http://127.0.0.1/bot123:secret/getMe", Ct);

        Assert.Equal(reached, reachability.Last("telegram")!.Reached);
        Assert.Equal($"HTTP {(int)status}", reachability.Last("telegram")!.Detail);
        Assert.Null(reachability.Last("teams"));
    }

    private static async Task<JsonElement> WaitForReadyAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            // 503 until the scheduler has started; the report says why either way.
            using var response = await client.GetAsync("/healthz/ready", Ct);
            var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            if (condition(report) || DateTime.UtcNow > deadline)
                return report;
            await Task.Delay(200, Ct);
        }
    }

    private sealed class Answering(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }
}
