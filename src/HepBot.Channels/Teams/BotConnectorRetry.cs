using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace HepBot.Channels.Teams;

/// <summary>
/// The retry on one Bot Connector request (a reply, a proactive message), as a resilience pipeline on the
/// connector's HTTP client: when Teams throttles it (429) or a gateway hiccups (412, 502, 503, 504), wait
/// the server's Retry-After when it gives one, else back off exponentially with jitter; never longer than
/// <see cref="TeamsOptions.MaxRetryDelay"/>. Retrying the single request, not the whole turn, means a
/// patient never gets the first half of a message twice.
/// </summary>
public static class BotConnectorRetry
{
    private static readonly HashSet<HttpStatusCode> Transient =
    [
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.PreconditionFailed,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>Adds the retry to <paramref name="pipeline"/>; with <see cref="TeamsOptions.SendAttempts"/> 1 there is none.</summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddBotConnectorRetry(this ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        TeamsOptions options, TimeProvider clock, Random? jitter = null)
    {
        if (options.SendAttempts <= 1)
            return pipeline;
        var random = jitter ?? Random.Shared;
        return pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.SendAttempts - 1,
            // Only the answers above: a connection that fails outright is the turn's failure, reported as such.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && Transient.Contains(response.StatusCode)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                DelayBefore(args.AttemptNumber + 1, args.Outcome.Result!, options, clock, random)),
        });
    }

    /// <summary>The pipeline on its own, for a handler built by hand.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Pipeline(TeamsOptions options, TimeProvider clock, Random? jitter = null) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }.AddBotConnectorRetry(options, clock, jitter).Build();

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (the first is 1).</summary>
    internal static TimeSpan DelayBefore(int attempt, HttpResponseMessage response, TeamsOptions options, TimeProvider clock, Random jitter)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        var backoff = TimeSpan.FromMilliseconds(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * (0.5 + jitter.NextDouble() / 2));
        var delay = retryAfter is { } wait && wait > TimeSpan.Zero ? wait : backoff;
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }
}
