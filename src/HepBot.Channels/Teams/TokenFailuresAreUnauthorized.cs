using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace HepBot.Channels.Teams;

/// <summary>
/// A token that cannot be validated — forged, malformed, or unverifiable because the signing keys
/// cannot be fetched — is an unauthenticated request (401), not a server error. The Bot Framework
/// throws UnauthorizedAccessException only for some of these cases and lets the rest escape as 500s.
/// Nothing of the token is logged.
/// </summary>
public sealed class TokenFailuresAreUnauthorized(BotFrameworkAuthentication inner, ILogger<TokenFailuresAreUnauthorized> logger)
    : BotFrameworkAuthentication
{
    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Refusing(() => inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken), cancellationToken);

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Refusing(() => inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken), cancellationToken);

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        Refusing(() => inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken), cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    private async Task<T> Refusing<T>(Func<Task<T>> authenticate, CancellationToken cancellationToken)
    {
        try
        {
            return await authenticate();
        }
        catch (Exception e) when (e is not UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("A Bot Framework token could not be validated ({Problem}); the request is refused", e.GetType().Name);
            throw new UnauthorizedAccessException("The Bot Framework token could not be validated.");
        }
    }
}
