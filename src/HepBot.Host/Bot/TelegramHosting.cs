using HepBot.Channels.Health;
using HepBot.Channels.RateLimiting;
using HepBot.Data.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HepBot.Channels.Telegram;
using HepBot.Host.Configuration;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Bot;

/// <summary>
/// The Telegram channel inside the web host, from <c>Telegram:*</c>. No token: the channel is off.
/// With <c>Telegram:WebhookUrl</c>: setWebhook at start-up and updates on <c>POST /api/telegram/updates</c>
/// (secret header checked); without it: long polling. The commands menu is registered either way.
/// </summary>
internal static class TelegramHosting
{
    public static void AddTelegram(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        var settings = builder.Configuration.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>() ?? new TelegramOptions();
        if (!settings.Enabled)
            return;

        // Long polls hold a request for TelegramPolling.LongPoll; the timeout leaves room for that.
        services.TryAddSingleton<ChannelReachability>();
        services.AddHttpClient(nameof(TelegramSender), http => http.Timeout = TelegramPolling.LongPoll + TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler(sp => new ReachabilityHandler(ChannelReachability.Telegram, sp.GetRequiredService<ChannelReachability>()))
            .AddHttpMessageHandler(sp => new RateLimitedAnswers("telegram", sp.GetRequiredService<HepBotMetrics>()));
        services.AddTelegramChannel(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TelegramSender));
            return TelegramChannelServiceCollectionExtensions.CreateClient(options.BotToken!, options.ApiBaseUrl, http);
        });
        services.AddHostedService<TelegramCommandsMenu>();
        if (settings.UsesWebhook)
            services.AddHostedService(sp =>
            {
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                return ActivatorUtilities.CreateInstance<TelegramWebhookRegistration>(sp, new Uri(options.WebhookUrl!), options.WebhookSecret!);
            });
        else
            services.AddHostedService<TelegramPolling>();
    }

    public static void MapTelegram(this WebApplication app)
    {
        // Read as configured, not through IOptions: bad settings are reported by start-up validation, naming them.
        var options = app.Configuration.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>() ?? new TelegramOptions();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HepBot.Telegram");
        if (!options.Enabled)
        {
            logger.LogInformation("Telegram:BotToken is not set: the Telegram channel is off.");
            return;
        }
        if (options.UsesWebhook && !string.IsNullOrWhiteSpace(options.WebhookSecret))
            app.MapTelegramWebhook(options.WebhookSecret!);
    }
}
