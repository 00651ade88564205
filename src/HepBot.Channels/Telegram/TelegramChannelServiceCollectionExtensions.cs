using HepBot.Channels.Proactive;
using HepBot.Channels.RateLimiting;
using HepBot.Conversations.Bot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace HepBot.Channels.Telegram;

public static class TelegramChannelServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram channel around a Bot API client: the paced sender, the adapter (one turn at a time
    /// per chat, turn errors handled like every channel) registered as an <see cref="IProactiveChannel"/>.
    /// How updates arrive — <see cref="TelegramPolling"/> or <see cref="TelegramWebhook"/> — is the host's choice.
    /// Needs the conversations (<c>AddHepBotConversations</c>), the database and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services,
        Func<IServiceProvider, ITelegramBotClient> client, OutgoingRateLimits? limits = null, TelegramSendPolicy? policy = null)
    {
        services.AddSingleton(client);
        services.AddSingleton(sp => new OutgoingRateLimiter(limits ?? OutgoingRateLimits.Telegram, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(policy ?? TelegramSendPolicy.Default);
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<TelegramMediaCache>();
        services.AddSingleton(sp =>
        {
            var adapter = new TelegramAdapter(sp.GetRequiredService<TelegramSender>(), sp.GetRequiredService<TelegramMediaCache>(),
                sp.GetRequiredService<HepBot.Data.Deliveries.DeliveryLog>(), sp.GetRequiredService<ILogger<TelegramAdapter>>());
            adapter.Use(sp.GetRequiredService<TurnMetricsMiddleware>());
            adapter.Use(sp.GetRequiredService<OneTurnAtATimeMiddleware>());
            adapter.OnTurnError = TurnErrors.Handler(sp.GetRequiredService<Phrases>(), sp.GetRequiredService<ILogger<TelegramAdapter>>());
            return adapter;
        });
        services.AddSingleton<IProactiveChannel>(sp => sp.GetRequiredService<TelegramAdapter>());
        return services;
    }

    /// <summary>
    /// A Bot API client for <paramref name="baseUrl"/> (the public API, a self-hosted Bot API server or a test server).
    /// The client's own 429 retries are off: <see cref="TelegramSender"/> retries, and pauses every chat while it waits.
    /// </summary>
    public static ITelegramBotClient CreateClient(string token, string baseUrl, HttpClient httpClient) =>
        new TelegramBotClient(new TelegramBotClientOptions(token, baseUrl) { RetryCount = 0, RetryThreshold = 0 }, httpClient);
}
