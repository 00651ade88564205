using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// A Bot Framework channel on loopback, as the Emulator runs one: it receives the bot's replies at the
/// activity's serviceUrl (<c>/v3/conversations/{id}/activities[/{replyToId}]</c>) and keeps them in order.
/// It can also answer as Teams does when it throttles (429) or when the user removed the app (403).
/// </summary>
internal sealed class LocalConnector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalConnector(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    /// <summary>Activities the bot replaced (PUT), by the id the connector gave them when they were sent.</summary>
    public ConcurrentQueue<(string ActivityId, JsonObject Activity)> Updated { get; } = new();

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Requests answered with an error instead of being delivered.</summary>
    public int Refused => _refused;

    /// <summary>Every request that reached the connector, delivered or not.</summary>
    public int Requests => _requests;

    private readonly ConcurrentDictionary<string, (int Status, string Code)> _gone = new();
    private int _throttleNext;
    private int _refused;
    private int _requests;
    private int _failEverything;

    /// <summary>From now on every request is answered with <paramref name="status"/>, as a broken gateway does.</summary>
    public void FailEverything(int status) => _failEverything = status;

    /// <summary>Every later message to <paramref name="conversationId"/> is answered 403, as when the user blocked the bot.</summary>
    public void RemoveApp(string conversationId) => _gone[conversationId] = (StatusCodes.Status403Forbidden, "ConversationBlockedByUser");

    /// <summary>The next <paramref name="times"/> messages are answered 429 with Retry-After: 1.</summary>
    public void ThrottleNext(int times) => Interlocked.Exchange(ref _throttleNext, times);

    public static async Task<LocalConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LocalConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyTo}", (Delegate)connector.ReceiveAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", (Delegate)connector.ReceiveAsync);
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpRequest request, string activityId) =>
        {
            connector.Updated.Enqueue((activityId, (await request.ReadFromJsonAsync<JsonObject>())!));
            return Results.Ok(new { id = activityId });
        });
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return connector;
    }

    /// <summary>The text of every reply received so far, in order, and forgets them.</summary>
    public List<string> TakeTexts()
    {
        var texts = new List<string>();
        while (Received.TryDequeue(out var activity))
        {
            if (activity["text"]?.GetValue<string>() is { } text)
                texts.Add(text);
        }
        return texts;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, HttpResponse response, string conversationId)
    {
        Interlocked.Increment(ref _requests);
        if (_failEverything != 0)
        {
            Interlocked.Increment(ref _refused);
            return Results.Json(new { error = new { code = "ServiceError", message = "The gateway failed." } }, statusCode: _failEverything);
        }
        if (_gone.TryGetValue(conversationId, out var gone))
        {
            Interlocked.Increment(ref _refused);
            return Results.Json(new { error = new { code = gone.Code, message = "The bot is not part of the conversation roster." } }, statusCode: gone.Status);
        }
        if (Interlocked.Decrement(ref _throttleNext) >= 0)
        {
            Interlocked.Increment(ref _refused);
            response.Headers.RetryAfter = "1";
            return Results.Json(new { error = new { code = "Throttled", message = "Too many requests." } }, statusCode: StatusCodes.Status429TooManyRequests);
        }
        var activity = (await request.ReadFromJsonAsync<JsonObject>())!;
        // As a connector does, the message gets its id here; the tests find it on the received copy.
        var id = Guid.NewGuid().ToString("N");
        activity["id"] = id;
        Received.Enqueue(activity);
        return Results.Ok(new { id });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
