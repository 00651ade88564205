using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HepBot.Bench.Wave;

/// <summary>
/// A Telegram Bot API server on a loopback port that enforces Telegram's broadcast limits: at most
/// <see cref="PerSecond"/> messages accepted in any one-second window across all chats, and one a second per chat.
/// A message beyond either is answered 429 with <c>retry_after</c>, as Telegram does, and counted as a violation.
/// Every accepted message is recorded with its chat and time. Calls other than sendMessage (setWebhook,
/// setMyCommands, getMe) are answered as Telegram would and not counted.
/// </summary>
internal sealed class FakeBotApi : IAsyncDisposable
{
    public const int PerSecond = 30;
    private static readonly long Second = Stopwatch.Frequency;

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Queue<long> _window = new();
    private readonly Dictionary<long, long> _lastPerChat = [];
    private readonly ConcurrentQueue<(long Chat, long At)> _accepted = new();
    private readonly ConcurrentQueue<(long Sent, long At, bool Accepted)> _transits = new();
    private int _rejected, _messageId;

    private FakeBotApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<(long Chat, long At)> Accepted => _accepted;


    /// <summary>
    /// For each sendMessage that carried the host's <see cref="SentHeader"/> (its monotonic clock when the request
    /// left the host's HTTP client; one clock for every process on the machine): when it left, when it was counted
    /// here, and whether it was accepted.
    /// </summary>
    public IReadOnlyCollection<(long Sent, long At, bool Accepted)> Transits => _transits;

    public const string SentHeader = "X-Bench-Sent";

    /// <summary>Messages answered 429: each one a send beyond the limits.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeBotApi(app);
        app.MapPost("/bot{token}/{method}", (string method, HttpRequest request) => api.HandleAsync(method, request));
        await app.StartAsync();
        api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return api;
    }

    private async Task<IResult> HandleAsync(string method, HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        switch (method)
        {
            case "sendMessage":
                var chat = ChatId(body.RootElement);
                var now = Stopwatch.GetTimestamp();
                long? sent = long.TryParse(request.Headers[SentHeader], System.Globalization.CultureInfo.InvariantCulture, out var stamp) ? stamp : null;
                int retryAfter;
                lock (_gate)
                {
                    while (_window.Count > 0 && now - _window.Peek() >= Second)
                        _window.Dequeue();
                    var chatBusy = _lastPerChat.TryGetValue(chat, out var last) && now - last < Second;
                    if (_window.Count < PerSecond && !chatBusy)
                    {
                        _window.Enqueue(now);
                        _lastPerChat[chat] = now;
                        _accepted.Enqueue((chat, now));
                        if (sent is { } leftAt)
                            _transits.Enqueue((leftAt, now, true));
                        return Ok(new
                        {
                            message_id = Interlocked.Increment(ref _messageId),
                            date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                            chat = new { id = chat, type = "private" },
                            text = body.RootElement.TryGetProperty("text", out var text) ? text.GetString() : null,
                        });
                    }
                    retryAfter = 1;
                }
                if (sent is { } rejectedLeftAt)
                    _transits.Enqueue((rejectedLeftAt, now, false));
                Interlocked.Increment(ref _rejected);
                return Results.Json(new
                {
                    ok = false, error_code = 429, description = $"Too Many Requests: retry after {retryAfter}",
                    parameters = new { retry_after = retryAfter },
                }, statusCode: 429);
            case "getMe":
                return Ok(new { id = 123456789, is_bot = true, first_name = "HepBot bench", username = "hepbot_bench_bot" });
            default:
                return Ok(true);
        }
    }

    private static long ChatId(JsonElement root)
    {
        var chat = root.GetProperty("chat_id");
        return chat.ValueKind == JsonValueKind.Number ? chat.GetInt64() : long.Parse(chat.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IResult Ok(object result) => Results.Json(new { ok = true, result });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
