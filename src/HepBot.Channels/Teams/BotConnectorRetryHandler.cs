using System.Net;

namespace HepBot.Channels.Teams;

/// <summary>
/// Retries one Bot Connector request (a reply, a proactive message) when Teams throttles it (429) or a
/// gateway hiccups (412, 502, 503, 504): exponential backoff with jitter, or the server's Retry-After
/// when it gives one. Retrying the single request, not the whole turn, means a patient never gets the
/// first half of a message twice.
/// </summary>
public sealed class BotConnectorRetryHandler(TeamsOptions options, TimeProvider clock, Random? jitter = null) : DelegatingHandler
{
    private static readonly HashSet<HttpStatusCode> Transient =
    [
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.PreconditionFailed,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    private readonly Random _jitter = jitter ?? Random.Shared;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!Transient.Contains(response.StatusCode) || attempt >= options.SendAttempts)
                return response;
            var delay = DelayBefore(attempt, response);
            response.Dispose();
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1; never longer than <see cref="TeamsOptions.MaxRetryDelay"/>.</summary>
    internal TimeSpan DelayBefore(int attempt, HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        var backoff = TimeSpan.FromMilliseconds(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * (0.5 + _jitter.NextDouble() / 2));
        var delay = retryAfter is { } wait && wait > TimeSpan.Zero ? wait : backoff;
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }
}
