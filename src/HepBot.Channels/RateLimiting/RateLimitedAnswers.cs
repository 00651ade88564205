using System.Net;
using HepBot.Data.Telemetry;

namespace HepBot.Channels.RateLimiting;

/// <summary>
/// Counts every 429 a channel's API answers (<c>hepbot.channel.rate_limited</c>), each attempt on its own:
/// it sits next to the wire, inside any retry, so a throttled request retried three times counts three.
/// </summary>
public sealed class RateLimitedAnswers(string channel, HepBotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            metrics.RateLimited(channel);
        return response;
    }
}
