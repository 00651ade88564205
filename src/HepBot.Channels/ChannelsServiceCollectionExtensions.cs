using HepBot.Channels.Proactive;
using HepBot.Channels.Teams;
using HepBot.Conversations.Bot;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using HepBot.Data.Telemetry;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HepBot.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>The HTTP client the Bot Connector calls go through, with <see cref="BotConnectorRetry"/>.</summary>
    public const string BotConnectorClient = "HepBot.BotConnector";

    /// <summary>
    /// The channels and the one proactive-send path: the CloudAdapter behind <c>/api/messages</c> (Teams,
    /// Emulator) with Teams rendering and retried connector calls, its <see cref="IProactiveChannel"/>, and
    /// <see cref="ProactiveMessenger"/>. Needs <c>AddHepBotConversations</c> and the database registered.
    /// </summary>
    /// <param name="localTraffic">Unauthenticated local clients (Emulator, Agents Playground) are accepted, so replies may go to loopback.</param>
    public static IServiceCollection AddHepBotChannels(this IServiceCollection services, IConfiguration configuration, bool localTraffic = false)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BotFrameworkOptions>().Bind(configuration.GetSection(BotFrameworkOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ServiceUrlPolicy(sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.ServiceUrls, localTraffic));
        services.AddSingleton(new BotCredentials(configuration["MicrosoftAppId"] ?? ""));
        services.AddOptions<BotRegistrationOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<Health.ChannelReachability>();
        // Outermost: readiness sees what a send finally got, after the retries.
        services.AddHepBotMetrics();
        var connector = services.AddHttpClient(BotConnectorClient)
            .AddHttpMessageHandler(sp => new Health.ReachabilityHandler(Health.ChannelReachability.Teams, sp.GetRequiredService<Health.ChannelReachability>()));
        connector.AddResilienceHandler("bot-connector-retry", (pipeline, context) =>
        {
            var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = clock;
            pipeline.AddBotConnectorRetry(context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value, clock);
        });
        // Innermost: each attempt's 429 counts, retried or not.
        connector.AddHttpMessageHandler(sp => new RateLimiting.RateLimitedAnswers("msteams", sp.GetRequiredService<HepBotMetrics>()));
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConnectorClientReuse(
            new TokenFailuresAreUnauthorized(
                new ConfigurationBotFrameworkAuthentication(
                    BotRegistrationOptions.ForBotFramework(configuration),
                    httpClientFactory: new NamedHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>(), BotConnectorClient),
                    logger: sp.GetRequiredService<ILogger<BotFrameworkAuthentication>>()),
                sp.GetRequiredService<ILogger<TokenFailuresAreUnauthorized>>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AnsweredCards>();
        services.AddSingleton(sp => new TeamsMessageShaper(sp.GetRequiredService<AnsweredCards>(), sp.GetRequiredService<ILogger<TeamsMessageShaper>>()));
        services.AddSingleton<EachActivityOnce>();
        // CloudAdapter has two public constructors the container cannot choose between.
        services.AddSingleton(sp =>
        {
            var adapter = new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>());
            adapter.Use(sp.GetRequiredService<EachActivityOnce>());
            adapter.Use(sp.GetRequiredService<TurnMetricsMiddleware>());
            adapter.Use(sp.GetRequiredService<OneTurnAtATimeMiddleware>());
            adapter.Use(sp.GetRequiredService<TeamsMessageShaper>());
            var logger = sp.GetRequiredService<ILogger<CloudAdapter>>();
            var apologise = TurnErrors.Handler(sp.GetRequiredService<Phrases>(), logger);
            adapter.OnTurnError = (turn, exception) =>
            {
                if (!IsDeliveryFailure(exception))
                    return apologise(turn, exception);
                // The connector refused the reply (after its retries): an apology would go to the same
                // failing address, and one inbound activity would become a burst of outbound calls.
                logger.LogError(exception, "A reply on {Channel} could not be delivered; the turn stopped", turn.Activity.ChannelId);
                return Task.CompletedTask;
            };
            return adapter;
        });
        services.AddSingleton<IProactiveChannel, BotFrameworkProactiveChannel>();
        services.AddProactiveMessenger();
        return services;
    }

    private static bool IsDeliveryFailure(Exception exception) =>
        exception is Microsoft.Bot.Schema.ErrorResponseException or HttpRequestException or Microsoft.Rest.HttpOperationException;

    /// <summary>The Bot Framework asks for "a" client; it gets the one with the retry handler.</summary>
    private sealed class NamedHttpClientFactory(IHttpClientFactory factory, string name) : IHttpClientFactory
    {
        public HttpClient CreateClient(string _) => factory.CreateClient(name);
    }
}
