using HepBot.Channels.Proactive;
using HepBot.Channels.Teams;
using HepBot.Conversations.Bot;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HepBot.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>The HTTP client the Bot Connector calls go through, with <see cref="BotConnectorRetryHandler"/>.</summary>
    public const string BotConnectorClient = "HepBot.BotConnector";

    /// <summary>
    /// The channels and the one proactive-send path: the CloudAdapter behind <c>/api/messages</c> (Teams,
    /// Emulator) with Teams rendering and retried connector calls, its <see cref="IProactiveChannel"/>, and
    /// <see cref="ProactiveMessenger"/>. Needs <c>AddHepBotConversations</c> and the database registered.
    /// </summary>
    public static IServiceCollection AddHepBotChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new BotCredentials(configuration["MicrosoftAppId"] ?? ""));

        services.AddHttpClient(BotConnectorClient).AddHttpMessageHandler(sp =>
            new BotConnectorRetryHandler(sp.GetRequiredService<IOptions<TeamsOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: new NamedHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>(), BotConnectorClient),
            logger: sp.GetRequiredService<ILogger<BotFrameworkAuthentication>>()));
        services.AddSingleton<TeamsMessageShaper>();
        // CloudAdapter has two public constructors the container cannot choose between.
        services.AddSingleton(sp =>
        {
            var adapter = new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>());
            adapter.Use(sp.GetRequiredService<OneTurnAtATimeMiddleware>());
            adapter.Use(sp.GetRequiredService<TeamsMessageShaper>());
            adapter.OnTurnError = TurnErrors.Handler(sp.GetRequiredService<Phrases>(), sp.GetRequiredService<ILogger<CloudAdapter>>());
            return adapter;
        });
        services.AddSingleton<IProactiveChannel, BotFrameworkProactiveChannel>();
        services.AddProactiveMessenger();
        return services;
    }

    /// <summary>The Bot Framework asks for "a" client; it gets the one with the retry handler.</summary>
    private sealed class NamedHttpClientFactory(IHttpClientFactory factory, string name) : IHttpClientFactory
    {
        public HttpClient CreateClient(string _) => factory.CreateClient(name);
    }
}
