using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace HepBot.Channels.Teams;

/// <summary>
/// One Bot Connector client per bot, service URL and audience, reused by every turn and proactive message
/// instead of a new one each time. A new client brings new Newtonsoft serializer settings, so every reply
/// rebuilt its JSON contracts (dynamic methods JIT-compiled, then finalised). A turn's replies use the factory
/// of the request's authentication result, so that one is wrapped as well: with it, the turn bench's echo turn
/// went from 67 methods compiled and 906 KB allocated per turn to 4 and 357 KB. A client is renewed after <see cref="Lifetime"/>, so a changed
/// DNS answer or rotated HTTP handler still reaches it; the turn's dispose of the client is ignored, since
/// the next turn uses it.
/// </summary>
public sealed class ConnectorClientReuse(BotFrameworkAuthentication inner, TimeProvider clock) : BotFrameworkAuthentication
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Service URLs are checked before a turn runs (<see cref="ServiceUrlPolicy"/>); this bounds the cache all the same.</summary>
    public const int MaxClients = 256;

    private readonly ConcurrentDictionary<(string Bot, string ServiceUrl, string Audience), Lazy<Task<(IConnectorClient Client, DateTimeOffset Created)>>> _clients = new();

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new ReusingFactory(this, inner.CreateConnectorFactory(claimsIdentity), BotOf(claimsIdentity));

    /// <summary>
    /// The CloudAdapter sends a turn's replies through the connector factory of the request's authentication
    /// result, not through <see cref="CreateConnectorFactory"/>, so that factory is the reusing one too.
    /// </summary>
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Reusing(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Reusing(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>
    /// The CloudAdapter asks for a user-token (OAuth) client at the start of every turn and disposes it at the end;
    /// HepBot signs nobody in, and making one builds a REST client (its user agent parsed with regular expressions,
    /// its serializer settings). So the turn gets a client that makes the real one on its first call, which no turn
    /// of HepBot's makes.
    /// </summary>
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new OnFirstUseTokenClient(() => inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken)));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    private AuthenticateRequestResult Reusing(AuthenticateRequestResult result)
    {
        if (result.ConnectorFactory is { } factory and not ReusingFactory)
            result.ConnectorFactory = new ReusingFactory(this, factory, result.ClaimsIdentity is { } identity ? BotOf(identity) : "");
        return result;
    }

    /// <summary>The bot the connector factory acts for: the token's audience (or app id claim); empty without credentials.</summary>
    private static string BotOf(ClaimsIdentity identity) =>
        identity.FindFirst(AuthenticationConstants.AudienceClaim)?.Value ?? identity.FindFirst(AuthenticationConstants.AppIdClaim)?.Value ?? "";

    private async Task<IConnectorClient> ClientAsync(ConnectorFactory factory, string bot, string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        var key = (bot, serviceUrl, audience ?? "");
        var now = clock.GetUtcNow();
        while (true)
        {
            if (_clients.Count >= MaxClients && !_clients.ContainsKey(key))
                _clients.Clear();
            var entry = _clients.GetOrAdd(key, _ => new(async () => (await factory.CreateAsync(serviceUrl, audience, cancellationToken), clock.GetUtcNow())));
            (IConnectorClient Client, DateTimeOffset Created) made;
            try
            {
                made = await entry.Value;
            }
            catch
            {
                // A failed creation (credentials, a cancelled turn) is not kept: the next turn tries afresh.
                _clients.TryRemove(new(key, entry));
                throw;
            }
            if (now - made.Created < Lifetime)
                return new SharedClient(made.Client);
            _clients.TryRemove(new(key, entry));
        }
    }

    private sealed class ReusingFactory(ConnectorClientReuse owner, ConnectorFactory inner, string bot) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken = default) =>
            owner.ClientAsync(inner, bot, serviceUrl, audience, cancellationToken);
    }

    /// <summary>A user-token client made only when a call needs it; every call goes to that one client.</summary>
    private sealed class OnFirstUseTokenClient(Func<Task<UserTokenClient>> create) : UserTokenClient
    {
        private readonly Lazy<Task<UserTokenClient>> _client = new(create);

        public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            await (await _client.Value).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            await (await _client.Value).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            await (await _client.Value).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            await (await _client.Value).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            await (await _client.Value).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            await (await _client.Value).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing && _client.IsValueCreated && _client.Value.IsCompletedSuccessfully)
                _client.Value.Result.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The cached client as one turn sees it: everything forwarded, except that the turn's dispose is ignored.</summary>
    private sealed class SharedClient(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri { get => client.BaseUri; set => client.BaseUri = value; }
        public JsonSerializerSettings SerializationSettings => client.SerializationSettings;
        public JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;
        public ServiceClientCredentials Credentials => client.Credentials;
        public IAttachments Attachments => client.Attachments;
        public IConversations Conversations => client.Conversations;

        public void Dispose()
        {
        }
    }
}
