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
/// </summary>
internal sealed class LocalConnector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalConnector(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    public string ServiceUrl { get; private set; } = "";

    public static async Task<LocalConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LocalConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyTo}", (Delegate)connector.ReceiveAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", (Delegate)connector.ReceiveAsync);
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

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var activity = await request.ReadFromJsonAsync<JsonObject>();
        Received.Enqueue(activity!);
        return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
