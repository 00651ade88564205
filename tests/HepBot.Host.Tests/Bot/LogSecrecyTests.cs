using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HepBot.Channels.Tests.Telegram;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// Everything the host logs during a whole Telegram session, read as an attacker with the log files
/// would: no bot token, no Authorization value, nothing the patient wrote.
/// </summary>
public sealed partial class LogSecrecyTests : IAsyncLifetime
{
    private const long AlexChat = 4040;
    private const string NoteToTherapist = "My left knee clicks on the stairs at night";
    private TestDatabase _database = null!;
    private FakeBotApi _api = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _api = await FakeBotApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_whole_telegram_session_logs_no_token_no_authorization_value_and_no_patient_text()
    {
        var logs = new CapturedLogs();
        const string ForgedBearer = "forged-bearer-value-1234567890";
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = _api.BaseUrl,
            // Everything the host can say, at every level.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:System"] = "Trace",
            ["Logging:LogLevel:Quartz"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
        })
        { Logs = logs };
        _ = host.Services;
        var console = host.Console.ToString();
        var code = InvitationCode().Match(console).Groups["code"].Value;
        var key = DemoKey().Match(console).Groups["key"].Value;

        using (RunClock(host))
        {
            foreach (var say in new[] { $"/start {code}", "yes", "keep", "/today", "start", "2", "done", "done", "done", "done", "done", "done", "1", "easy", "/message", NoteToTherapist })
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, AlexChat, say)));
        }
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("You did 6 of 6 exercises today."));
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.StartsWith("Sent.", StringComparison.Ordinal));
        (await host.ClientWithKey(key).GetAsync("/api/v1/patients", Ct)).EnsureSuccessStatusCode();
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(new { type = "message" }) };
        forged.Headers.TryAddWithoutValidation("Authorization", $"Bearer {ForgedBearer}");
        await host.CreateClient().SendAsync(forged, Ct);

        var text = logs.Text;
        var secretTail = FakeBotApi.Token[(FakeBotApi.Token.IndexOf(':') + 1)..];
        Assert.DoesNotContain(secretTail, text);
        // The session was logged (HttpClient writes each Bot API request), just without the secrets.
        Assert.Contains("/bot[redacted]/sendMessage", text);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(key[..12] + key[12..20], text);
        Assert.DoesNotContain(ForgedBearer, text);
        Assert.DoesNotContain(NoteToTherapist, text);
        Assert.DoesNotContain("clicks on the stairs", text);
    }

    private static RunningClock RunClock(HepBotHostFactory host)
    {
        var stop = new CancellationTokenSource();
        var running = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                host.Clock.Advance(TimeSpan.FromMilliseconds(200));
                await Task.Delay(10, CancellationToken.None);
            }
        });
        return new RunningClock(stop, running);
    }

    private sealed record RunningClock(CancellationTokenSource Stop, Task Running) : IDisposable
    {
        public void Dispose()
        {
            Stop.Cancel();
            Running.Wait();
            Stop.Dispose();
        }
    }

    [GeneratedRegex(@"Invitation:\s+(?<code>[A-Z0-9]{8})")]
    private static partial Regex InvitationCode();

    [GeneratedRegex(@"Demo key:\s+(?<key>hb_\S+)")]
    private static partial Regex DemoKey();
}
