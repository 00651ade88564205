using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// The bot over the Bot Framework protocol, as the Emulator or Agents Playground talk to it locally:
/// activities POSTed to /api/messages, replies sent by the real CloudAdapter to the serviceUrl.
/// </summary>
public sealed partial class BotMessagesEndpointTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DemoOn = new() { ["Demo:Enabled"] = "true" };
    private TestDatabase _database = null!;
    private LocalConnector _connector = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _connector = await LocalConnector.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_emulator_style_client_links_and_completes_the_demo_session()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;

        async Task<string> Say(string text)
        {
            var response = await http.PostAsJsonAsync("/api/messages", Activity(text), Ct);
            Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
            return string.Join("\n", _connector.TakeTexts());
        }

        Assert.Contains("Hi Alex!", await Say($"/start {code}"));
        Assert.Contains("reminder at 18:00", await Say("yes"));
        Assert.Contains("All set!", await Say("keep"));
        Assert.Contains("Today: 6 exercises", await Say("/today"));
        Assert.Contains("how is your pain right now", await Say("start"));
        Assert.Contains("Exercise 1 of 6: Quad set", await Say("2"));
        for (var exercise = 2; exercise <= 6; exercise++)
            Assert.Contains($"Exercise {exercise} of 6", await Say("done"));
        Assert.Contains("How is your pain now", await Say("done"));
        Assert.Contains("How hard was", await Say("1"));
        Assert.Contains("You did 6 of 6 exercises today.", await Say("Easy"));

        await using var db = _database.CreateContext();
        var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
        Assert.Equal((SessionStatus.Completed, 2, 1, Difficulty.Easy), (log.Status, log.PainBefore, log.PainAfter, log.Difficulty));
        var account = await db.ChannelAccounts.SingleAsync(Ct);
        Assert.Equal(("emulator", "emulator-conversation"), (account.Channel, account.ConversationId));
        Assert.Contains(_connector.ServiceUrl, account.ConversationReference);
    }

    [Fact]
    public async Task Production_without_bot_credentials_refuses_every_message()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?> { ["environment"] = "Production" });
        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Activity("hello"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Received);
    }

    private object Activity(string text) => new
    {
        type = "message",
        id = Guid.NewGuid().ToString("N"),
        channelId = "emulator",
        serviceUrl = _connector.ServiceUrl,
        timestamp = DateTimeOffset.UtcNow,
        from = new { id = "emulator-user", name = "User" },
        recipient = new { id = "hepbot", name = "HepBot" },
        conversation = new { id = "emulator-conversation" },
        locale = "en-US",
        text,
    };

    [GeneratedRegex(@"Invitation:\s+(?<code>[A-Z0-9]{8})")]
    private static partial Regex InvitationCode();
}
