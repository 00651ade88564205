using System.Net;
using HepBot.Channels.Proactive;
using HepBot.Channels.RateLimiting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace HepBot.Channels.Telegram;

/// <summary>How hard the sender tries before it gives up on one Bot API call.</summary>
/// <param name="MaxAttempts">Attempts for a call that fails transiently (5xx, timeout, network); the first attempt counts.</param>
/// <param name="FirstBackoff">Wait after the first transient failure; doubled after each further one.</param>
/// <param name="MaxRateLimitRetries">429 answers one call may get before it fails; each one pauses the whole sender for its retry_after.</param>
public sealed record TelegramSendPolicy(int MaxAttempts, TimeSpan FirstBackoff, int MaxRateLimitRetries)
{
    public static readonly TelegramSendPolicy Default = new(4, TimeSpan.FromSeconds(0.5), 5);
}

/// <summary>
/// Every Bot API call HepBot makes goes through here. Messages to a chat are paced by the
/// <see cref="OutgoingRateLimiter"/> in the chat's FIFO lane; other calls (answering a button press,
/// editing a question) only wait while the sender is paused. A 429 is retried after its retry_after and
/// pauses every lane for as long; 5xx, timeouts and network errors are retried with exponential backoff;
/// "blocked", "deactivated" and "chat not found" become <see cref="RecipientUnreachableException"/>.
/// </summary>
public sealed class TelegramSender(
    ITelegramBotClient client,
    OutgoingRateLimiter limiter,
    TelegramSendPolicy policy,
    TimeProvider clock,
    ILogger<TelegramSender> logger)
{
    public ITelegramBotClient Client => client;

    /// <summary>Sends a message to <paramref name="chatId"/> in its turn, within the rate limits.</summary>
    public Task<T> SendToChatAsync<T>(long chatId, string method, Func<ITelegramBotClient, CancellationToken, Task<T>> send, CancellationToken ct) =>
        limiter.InChatOrderAsync(chatId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            async (turn, token) => await WithRetriesAsync(method, send, async t => await turn.WaitForSlotAsync(t), token), ct);

    /// <summary>A call that is not a new message: it is not paced, but waits while the sender is paused and is retried.</summary>
    public Task<T> CallAsync<T>(string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken ct) =>
        WithRetriesAsync(method, call, NotPaced, ct);

    private async Task<OutgoingRateLimiter.SendSlot?> NotPaced(CancellationToken ct)
    {
        await limiter.WaitWhilePausedAsync(ct);
        return null;
    }

    public Task CallAsync(string method, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken ct) =>
        CallAsync(method, async (c, token) =>
        {
            await call(c, token);
            return true;
        }, ct);

    private async Task<T> WithRetriesAsync<T>(string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call,
        Func<CancellationToken, Task<OutgoingRateLimiter.SendSlot?>> waitForSlot, CancellationToken ct)
    {
        var attempt = 0;
        var rateLimited = 0;
        while (true)
        {
            attempt++;
            try
            {
                // The slot is held until the answer is back (see OutgoingRateLimiter), whatever the answer.
                using (await waitForSlot(ct))
                    return await call(client, ct);
            }
            catch (ApiRequestException e) when (e.ErrorCode == (int)HttpStatusCode.TooManyRequests && rateLimited < policy.MaxRateLimitRetries)
            {
                rateLimited++;
                attempt--;
                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                logger.LogWarning("Telegram asked to slow down on {Method}: every send pauses for {RetryAfter}", method, retryAfter);
                limiter.PauseAll(retryAfter);
            }
            catch (Exception e) when (Unreachable(e) is { } reason)
            {
                throw new RecipientUnreachableException("telegram", reason, e);
            }
            catch (Exception e) when (IsTransient(e, ct) && attempt < policy.MaxAttempts)
            {
                var backoff = policy.FirstBackoff * Math.Pow(2, attempt - 1);
                logger.LogWarning("Telegram {Method} failed transiently ({Failure}), attempt {Attempt} of {MaxAttempts}; retrying in {Backoff}",
                    method, Describe(e), attempt, policy.MaxAttempts, backoff);
                await Task.Delay(backoff, clock, ct);
            }
        }
    }

    /// <summary>Telegram's own words for a recipient that is gone; they name no person.</summary>
    internal static string? Unreachable(Exception e) => e switch
    {
        ApiRequestException { ErrorCode: (int)HttpStatusCode.Forbidden } api => api.Message,
        ApiRequestException { ErrorCode: (int)HttpStatusCode.BadRequest } api
            when api.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase) => api.Message,
        _ => null,
    };

    internal static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        _ when ct.IsCancellationRequested => false,
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException => true, // no answer at all: network failure or timeout
        HttpRequestException => true,
        TaskCanceledException => true, // HttpClient timeout
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        ApiRequestException api => $"HTTP {api.ErrorCode}",
        RequestException { HttpStatusCode: { } status } => $"HTTP {(int)status}",
        _ => e.GetType().Name,
    };
}
