using HepBot.Data.Resilience;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace HepBot.Channels.Telegram;

/// <summary>
/// Receives updates by long polling when no webhook is configured. A batch is confirmed to Telegram
/// (by asking for the next offset) only after it was processed, so a crash means redelivery, not loss;
/// the adapter's de-duplication by update_id makes the redelivery harmless.
/// </summary>
public sealed class TelegramPolling(
    TelegramSender sender,
    TelegramAdapter adapter,
    IBot bot,
    TimeProvider clock,
    ILogger<TelegramPolling> logger) : BackgroundService
{
    /// <summary>How long one getUpdates call waits for news before it returns empty.</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(25);
    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    internal static readonly UpdateType[] Handled = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = sender.Client;
        // getUpdates refuses to work while a webhook is set.
        await UntilItWorksAsync("deleteWebhook", ct => client.DeleteWebhook(cancellationToken: ct), stoppingToken);
        logger.LogInformation("Telegram: receiving updates by long polling");

        int? offset = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            global::Telegram.Bot.Types.Update[] updates;
            try
            {
                updates = await client.GetUpdates(offset, limit: 100, timeout: (int)LongPoll.TotalSeconds, allowedUpdates: Handled, cancellationToken: stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var wait = Backoff(failures);
                logger.LogWarning(e, "Telegram getUpdates failed ({Failures} in a row); trying again in {Wait}", failures, wait);
                await Task.Delay(wait, clock, stoppingToken);
                continue;
            }
            if (updates.Length == 0)
                continue;
            await adapter.ProcessUpdatesAsync(updates, bot, stoppingToken);
            offset = updates.Max(u => u.Id) + 1;
        }
    }

    private async Task UntilItWorksAsync(string method, Func<CancellationToken, Task> call, CancellationToken stoppingToken)
    {
        var untilItWorks = StartupRetry.Create(clock, MaxBackoff, _ => true,
            (e, wait) => logger.LogWarning(e, "Telegram {Method} failed; trying again in {Wait}", method, wait));
        await untilItWorks.ExecuteAsync(async ct => await call(ct), stoppingToken);
    }

    internal static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 10) - 1)));
}
