using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HepBot.Data.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HepBot.Channels.Telegram;

/// <summary>
/// Receives updates pushed by Telegram. Only requests carrying the configured secret in
/// <c>X-Telegram-Bot-Api-Secret-Token</c> are accepted; the secret is never part of the URL.
/// An update is processed before the 200 goes back, so Telegram redelivers anything that failed.
/// </summary>
public static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>The path HepBot serves updates on; <c>Telegram:WebhookUrl</c> must reach it.</summary>
    public const string Path = "/api/telegram/updates";

    /// <summary>
    /// The largest update accepted: a 4096-character text with its entities and a quoted message fits
    /// many times over; anything bigger is refused (413) before it is read further.
    /// </summary>
    public const int MaxUpdateBytes = 1024 * 1024;

    public static IEndpointConventionBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var expected = Encoding.UTF8.GetBytes(secret);
        return endpoints.MapPost(Path, async (HttpContext http, TelegramAdapter adapter, IBot bot, ILoggerFactory loggers) =>
        {
            var given = http.Request.Headers[SecretHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
                return Results.Unauthorized();
            if (await BoundedBody.ReadAsync(http, MaxUpdateBytes) is not { } body)
            {
                loggers.CreateLogger(typeof(TelegramWebhook)).LogWarning("A Telegram webhook call was larger than {MaxBytes} bytes; refused", MaxUpdateBytes);
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"An update may be at most {MaxUpdateBytes} bytes.");
            }
            Update? update;
            try
            {
                update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
            }
            catch (JsonException e)
            {
                loggers.CreateLogger(typeof(TelegramWebhook)).LogWarning("A Telegram webhook call was not an update: {Problem}", e.GetType().Name);
                return Results.BadRequest();
            }
            if (update is null)
                return Results.BadRequest();
            if (!TelegramActivities.IsWithinTelegramLimits(update))
            {
                loggers.CreateLogger(typeof(TelegramWebhook)).LogWarning("Telegram update {UpdateId} is larger than Telegram allows; refused", update.Id);
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: $"A text may be at most {TelegramActivities.MaxTextLength} characters, a caption {TelegramActivities.MaxCaptionLength}.");
            }
            await adapter.ProcessUpdateAsync(update, bot, http.RequestAborted);
            return Results.Ok();
        }).ExcludeFromDescription();
    }
}

/// <summary>Tells Telegram where to push updates, and with which secret; retried until it works.</summary>
public sealed class TelegramWebhookRegistration(
    TelegramSender sender,
    Uri webhookUrl,
    string secret,
    TimeProvider clock,
    ILogger<TelegramWebhookRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var untilItWorks = StartupRetry.Create(clock, TelegramPolling.MaxBackoff, _ => true,
            (e, wait) => logger.LogError(e, "Telegram setWebhook failed; trying again in {Wait}", wait));
        try
        {
            await untilItWorks.ExecuteAsync(async ct => await sender.Client.SetWebhook(webhookUrl.AbsoluteUri,
                allowedUpdates: TelegramPolling.Handled, secretToken: secret, cancellationToken: ct), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        logger.LogInformation("Telegram: receiving updates by webhook at {WebhookHost}", webhookUrl.Host);
    }
}
