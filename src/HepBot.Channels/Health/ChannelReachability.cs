using System.Collections.Concurrent;
using System.Net;

namespace HepBot.Channels.Health;

/// <summary>The last call HepBot made to a channel's platform, as readiness reports it.</summary>
/// <param name="Reached">The platform answered, and not with an error of its own (5xx) or a refusal of HepBot's credentials (401, 403).</param>
/// <param name="Detail">The status code or the kind of failure; never the address (a Telegram address holds the bot token).</param>
public sealed record ChannelCall(bool Reached, DateTimeOffset At, string Detail);

/// <summary>
/// Remembers, per channel, whether its platform answered the last request (Telegram's Bot API, the Bot
/// Connector). Fed by <see cref="ReachabilityHandler"/> on each channel's HTTP client; read by /healthz/ready.
/// </summary>
public sealed class ChannelReachability(TimeProvider clock)
{
    public const string Telegram = "telegram";
    public const string Teams = "teams";

    private readonly ConcurrentDictionary<string, ChannelCall> _last = new(StringComparer.Ordinal);

    public ChannelCall? Last(string channel) => _last.TryGetValue(channel, out var call) ? call : null;

    public void Answered(string channel, HttpStatusCode status)
    {
        var code = (int)status;
        var reached = code < 500 && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        _last[channel] = new ChannelCall(reached, clock.GetUtcNow(), $"HTTP {code}");
    }

    public void Failed(string channel, Exception exception) =>
        _last[channel] = new ChannelCall(false, clock.GetUtcNow(), exception is TaskCanceledException ? "timed out" : exception.GetType().Name);
}

/// <summary>Records each request's outcome in <see cref="ChannelReachability"/>; a request the caller cancelled is not counted.</summary>
public sealed class ReachabilityHandler(string channel, ChannelReachability reachability) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            reachability.Answered(channel, response.StatusCode);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            reachability.Failed(channel, e);
            throw;
        }
    }
}
