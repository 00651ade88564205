using HepBot.Data;
using HepBot.Host;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace HepBot.Bench.Turns;

/// <summary>
/// The real HepBot host (the composition root the web host uses) on a loopback port, in this process, with
/// /api/messages open to unauthenticated local traffic, and beside it <c>/bench/echo</c>: a bare Bot Framework
/// echo bot on the same CloudAdapter (same middleware) and the same conversation-state storage.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchHost(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchHost> StartAsync(DatabaseProvider provider, string connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:HepBot"] = connectionString,
            ["Demo:Enabled"] = "false",
            ["BotFramework:AllowAnonymous"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Quartz"] = "Warning",
        };
        var builder = HepBotApplication.CreateBuilder([], settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = HepBotApplication.Build(builder);
        app.MapPost("/bench/echo", (HttpContext http, CloudAdapter adapter, ConversationState state) =>
            adapter.ProcessAsync(http.Request, http.Response, new EchoBot(state), http.RequestAborted));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The Bot Framework's echo sample with a turn counter kept in conversation state: one read, one reply, one write.</summary>
    private sealed class EchoBot(ConversationState state) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var turns = state.CreateProperty<int>("echoTurns");
            var count = await turns.GetAsync(turnContext, () => 0, cancellationToken) + 1;
            await turns.SetAsync(turnContext, count, cancellationToken);
            await turnContext.SendActivityAsync($"Echo {count}: {turnContext.Activity.Text}", cancellationToken: cancellationToken);
            await state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        }
    }
}
