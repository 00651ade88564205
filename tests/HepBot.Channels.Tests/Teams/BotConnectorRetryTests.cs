using System.Net;
using HepBot.Channels.RateLimiting;
using HepBot.Channels.Teams;
using HepBot.Data.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Http.Resilience;

namespace HepBot.Channels.Tests.Teams;

/// <summary>
/// Teams throttling and gateway errors, one Bot Connector request at a time, through the connector client's
/// resilience pipeline; the clock records each wait and skips it.
/// </summary>
public sealed class BotConnectorRetryTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly WaitRecordingClock _clock = new(Nine);
    private readonly TeamsOptions _options = new() { SendAttempts = 4, FirstRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_429_waits_for_Retry_After_then_a_502_backs_off_and_the_message_goes_once()
    {
        var connector = new ScriptedConnector(Throttled(TimeSpan.FromSeconds(3)), Status(HttpStatusCode.BadGateway), Status(HttpStatusCode.OK));

        var response = await SendAsync(connector);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, connector.Calls.Count);
        Assert.Equal(2, _clock.Waits.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.Waits[0]);
        // Second retry: twice the first delay (1 s × 2), with jitter taking it to between half and all of that.
        Assert.InRange(_clock.Waits[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.All(connector.Calls, body => Assert.Equal("""{"type":"message","text":"Time for your exercises"}""", body));
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Transient_answers_are_retried_until_the_attempts_run_out(HttpStatusCode status)
    {
        var connector = new ScriptedConnector([.. Enumerable.Repeat(Status(status), 10)]);

        var response = await SendAsync(connector);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(_options.SendAttempts, connector.Calls.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task A_final_answer_is_not_retried(HttpStatusCode status)
    {
        var connector = new ScriptedConnector(Status(status), Status(HttpStatusCode.OK));

        var response = await SendAsync(connector);

        Assert.Equal(status, response.StatusCode);
        Assert.Single(connector.Calls);
    }

    [Fact]
    public async Task A_huge_Retry_After_is_capped()
    {
        var connector = new ScriptedConnector(Throttled(TimeSpan.FromHours(1)), Status(HttpStatusCode.OK));

        await SendAsync(connector);

        Assert.Equal([_options.MaxRetryDelay], _clock.Waits);
    }

    [Fact]
    public async Task Every_429_Teams_answers_counts_as_rate_limited_even_when_the_retry_then_gets_through()
    {
        var metrics = new HepBotMetrics();
        using var rateLimited = new MetricCollector<long>(metrics.Meter, "hepbot.channel.rate_limited");
        var connector = new ScriptedConnector(Throttled(TimeSpan.FromSeconds(1)), Throttled(TimeSpan.FromSeconds(1)), Status(HttpStatusCode.OK));

        var response = await SendAsync(new RateLimitedAnswers("msteams", metrics) { InnerHandler = connector });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, rateLimited.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(rateLimited.GetMeasurementSnapshot(), m => Assert.Equal("msteams", m.Tags[HepBotMetrics.ChannelTag]));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMessageHandler connector)
    {
        var handler = new ResilienceHandler(BotConnectorRetry.Pipeline(_options, _clock, new Random(7))) { InnerHandler = connector };
        using var client = new HttpClient(handler);
        return await client.PostAsync("http://127.0.0.1/v3/conversations/a%3A1/activities",
            new StringContent("""{"type":"message","text":"Time for your exercises"}"""), TestContext.Current.CancellationToken);
    }

    private static Func<HttpResponseMessage> Status(HttpStatusCode status) => () => new HttpResponseMessage(status);

    private static Func<HttpResponseMessage> Throttled(TimeSpan retryAfter) => () =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    };

    private sealed class ScriptedConnector(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<string> Calls { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return answers[Calls.Count - 1]();
        }
    }

    /// <summary>A clock standing at one instant that notes how long each delay asked to wait, and lets it end at once.</summary>
    private sealed class WaitRecordingClock(DateTimeOffset now) : TimeProvider
    {
        public List<TimeSpan> Waits { get; } = [];

        public override DateTimeOffset GetUtcNow() => now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Waits)
                Waits.Add(dueTime);
            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }
}
