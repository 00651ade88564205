using System.Security.Claims;
using HepBot.Channels.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace HepBot.Channels.Tests.Teams;

/// <summary>Turns and proactive messages share one Bot Connector client per bot and service URL instead of building one per reply.</summary>
public sealed class ConnectorClientReuseTests
{
    private const string Emea = "https://smba.trafficmanager.net/emea/";
    private const string Amer = "https://smba.trafficmanager.net/amer/";
    private const string Audience = "https://api.botframework.com";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingAuthentication _inner = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_turns_on_one_service_url_build_one_client_and_a_turn_disposing_its_client_leaves_it_working()
    {
        var reuse = new ConnectorClientReuse(_inner, _clock);

        for (var turn = 0; turn < 50; turn++)
        {
            using var client = await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Emea, Audience, Ct);
            Assert.Equal(new Uri(Emea), client.BaseUri);
        }

        var made = Assert.Single(_inner.Made);
        Assert.False(made.Disposed);
    }

    [Fact]
    public async Task The_replies_of_fifty_incoming_turns_go_through_one_client()
    {
        // The CloudAdapter replies through the factory of the request's authentication result, not CreateConnectorFactory.
        var reuse = new ConnectorClientReuse(_inner, _clock);
        var activity = new Activity { ServiceUrl = Emea };

        for (var turn = 0; turn < 50; turn++)
        {
            var result = await reuse.AuthenticateRequestAsync(activity, "Bearer token", Ct);
            using var client = await result.ConnectorFactory.CreateAsync(Emea, result.Audience, Ct);
            Assert.Equal(new Uri(Emea), client.BaseUri);
        }

        var made = Assert.Single(_inner.Made);
        Assert.False(made.Disposed);
        Assert.Equal("hepbot-app", made.Bot);
    }

    [Fact]
    public async Task A_turn_that_signs_nobody_in_makes_no_user_token_client()
    {
        var reuse = new ConnectorClientReuse(_inner, _clock);

        for (var turn = 0; turn < 50; turn++)
        {
            using var client = await reuse.CreateUserTokenClientAsync(Bot("hepbot-app"), Ct);
        }

        Assert.Empty(_inner.TokenClients);
    }

    [Fact]
    public async Task The_first_call_of_a_turn_makes_its_user_token_client_and_the_turn_disposes_it()
    {
        var reuse = new ConnectorClientReuse(_inner, _clock);
        var client = await reuse.CreateUserTokenClientAsync(Bot("hepbot-app"), Ct);

        var first = await client.GetUserTokenAsync("user-1", "graph", "msteams", null!, Ct);
        var second = await client.GetUserTokenAsync("user-2", "graph", "msteams", null!, Ct);
        client.Dispose();

        var made = Assert.Single(_inner.TokenClients);
        Assert.Equal(("token-for-user-1", "token-for-user-2"), (first.Token, second.Token));
        Assert.Equal(2, made.Calls);
        Assert.True(made.Disposed);
    }

    [Fact]
    public async Task Each_service_url_and_each_bot_gets_its_own_client()
    {
        var reuse = new ConnectorClientReuse(_inner, _clock);

        await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Emea, Audience, Ct);
        await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Amer, Audience, Ct);
        await reuse.CreateConnectorFactory(Bot("other-app")).CreateAsync(Emea, Audience, Ct);
        await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Amer, Audience, Ct);

        Assert.Equal([(Emea, "hepbot-app"), (Amer, "hepbot-app"), (Emea, "other-app")], _inner.Made.Select(c => (c.BaseUri.ToString(), c.Bot)));
    }

    [Fact]
    public async Task A_client_is_renewed_after_ten_minutes_so_a_changed_address_or_handler_is_picked_up()
    {
        var reuse = new ConnectorClientReuse(_inner, _clock);

        await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Emea, Audience, Ct);
        _clock.Advance(TimeSpan.FromMinutes(9));
        await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Emea, Audience, Ct);
        Assert.Single(_inner.Made);

        _clock.Advance(TimeSpan.FromMinutes(2));
        await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Emea, Audience, Ct);
        Assert.Equal(2, _inner.Made.Count);
    }

    [Fact]
    public async Task A_client_that_could_not_be_made_is_not_kept_and_the_next_turn_makes_it()
    {
        var reuse = new ConnectorClientReuse(_inner, _clock);
        _inner.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Emea, Audience, Ct));
        var client = await reuse.CreateConnectorFactory(Bot("hepbot-app")).CreateAsync(Emea, Audience, Ct);

        Assert.Equal(new Uri(Emea), client.BaseUri);
        Assert.Single(_inner.Made);
    }

    private static ClaimsIdentity Bot(string appId) =>
        new([new Claim(AuthenticationConstants.AudienceClaim, appId), new Claim(AuthenticationConstants.AppIdClaim, appId)]);

    private sealed class CountingAuthentication : BotFrameworkAuthentication
    {
        public List<FakeClient> Made { get; } = [];
        public bool FailNext { get; set; }

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
            new Factory(this, claimsIdentity.FindFirst(AuthenticationConstants.AudienceClaim)!.Value);

        /// <summary>As the Bot Framework does: a new connector factory for every authenticated request.</summary>
        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthenticateRequestResult
            {
                ClaimsIdentity = Bot("hepbot-app"),
                Audience = Audience,
                ConnectorFactory = CreateConnectorFactory(Bot("hepbot-app")),
            });

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public List<FakeTokenClient> TokenClients { get; } = [];

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        {
            var client = new FakeTokenClient();
            TokenClients.Add(client);
            return Task.FromResult<UserTokenClient>(client);
        }

        private sealed class Factory(CountingAuthentication owner, string bot) : ConnectorFactory
        {
            public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken = default)
            {
                if (owner.FailNext)
                {
                    owner.FailNext = false;
                    throw new InvalidOperationException("The credentials could not be fetched.");
                }
                var client = new FakeClient(new Uri(serviceUrl), bot);
                owner.Made.Add(client);
                return Task.FromResult<IConnectorClient>(client);
            }
        }
    }

    private sealed class FakeTokenClient : UserTokenClient
    {
        public int Calls { get; private set; }
        public bool Disposed { get; private set; }

        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new TokenResponse { Token = $"token-for-{userId}", ConnectionName = connectionName });
        }

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) => throw new NotSupportedException();
        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) => throw new NotSupportedException();
        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class FakeClient(Uri baseUri, string bot) : IConnectorClient
    {
        public string Bot => bot;
        public bool Disposed { get; private set; }
        public Uri BaseUri { get; set; } = baseUri;
        public JsonSerializerSettings SerializationSettings { get; } = new();
        public JsonSerializerSettings DeserializationSettings { get; } = new();
        public ServiceClientCredentials Credentials => MicrosoftAppCredentials.Empty;
        public IAttachments Attachments => null!;
        public IConversations Conversations => null!;
        public void Dispose() => Disposed = true;
    }
}
