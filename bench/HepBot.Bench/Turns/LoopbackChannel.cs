using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HepBot.Bench.Turns;

/// <summary>
/// A Bot Framework channel on loopback: the bot's replies arrive at the activity's serviceUrl
/// (<c>/v3/conversations/{id}/activities[/{replyToId}]</c>) and are kept per conversation until the driver reads them.
/// </summary>
internal sealed class LoopbackChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _replies = new();

    private LoopbackChannel(WebApplication app) => _app = app;

    private long _received;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Every reply received since the channel started.</summary>
    public long Received => Interlocked.Read(ref _received);

    public static async Task<LoopbackChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new LoopbackChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyTo}", (Delegate)channel.ReceiveAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", (Delegate)channel.ReceiveAsync);
        await app.StartAsync();
        channel.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return channel;
    }

    /// <summary>The replies to <paramref name="conversationId"/> since the last call, in order.</summary>
    public List<JsonObject> Take(string conversationId)
    {
        var taken = new List<JsonObject>();
        if (_replies.TryGetValue(conversationId, out var queue))
        {
            while (queue.TryDequeue(out var reply))
                taken.Add(reply);
        }
        return taken;
    }

    public void Forget(string conversationId) => _replies.TryRemove(conversationId, out _);

    private async Task<IResult> ReceiveAsync(HttpRequest request, string conversationId)
    {
        var activity = await request.ReadFromJsonAsync<JsonObject>();
        Interlocked.Increment(ref _received);
        _replies.GetOrAdd(conversationId, _ => new ConcurrentQueue<JsonObject>()).Enqueue(activity!);
        return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
