using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HepBot.Channels.Telegram;
using HepBot.Channels.Tests.Telegram;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Update = Telegram.Bot.Types.Update;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// Channels deliver at least once. The same Telegram update or Bot Framework activity, delivered again,
/// in bursts, after a restart or to another host on the same database, records one answer; an oversized
/// update is refused without being read into memory.
/// </summary>
public sealed partial class ReplayTests : IAsyncLifetime
{
    private const long AlexChat = 4040;
    private const string Secret = "replay-webhook-secret";
    private TestDatabase _database = null!;
    private FakeBotApi _api = null!;
    private LocalConnector _connector = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _api = await FakeBotApi.StartAsync();
        _connector = await LocalConnector.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_same_telegram_update_three_times_and_twenty_times_at_once_records_one_done_each()
    {
        await using var host = new HepBotHostFactory(_database, TelegramWebhook());
        var http = host.CreateClient();
        using var time = RunClock(host);
        var id = 1000;
        foreach (var say in new[] { $"/start {Code(host)}", "yes", "keep", "/today", "start", "2" })
            Assert.Equal(HttpStatusCode.OK, (await PostUpdateAsync(http, _api.TextFrom(++id, AlexChat, say))).StatusCode);
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Exercise 1 of 6"));

        var done = _api.TextFrom(++id, AlexChat, "done");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostUpdateAsync(http, done)).StatusCode);
        var doneAgain = _api.TextFrom(++id, AlexChat, "done");
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostUpdateAsync(http, doneAgain)));

        Assert.All(burst, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Exercise 2 of 6"));
        Assert.Single(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Exercise 3 of 6"));
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Exercise 4 of 6"));
        Assert.Equal([ExerciseOutcome.Done, ExerciseOutcome.Done], await OutcomesAsync());
    }

    [Fact]
    public async Task The_same_activity_three_times_and_twenty_times_at_once_records_one_done_each()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });
        var http = host.CreateClient();
        foreach (var say in new[] { $"/start {Code(host)}", "yes", "keep", "/today", "start", "2" })
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/messages", Activity(say), Ct)).StatusCode);
        Assert.Contains("Exercise 1 of 6", string.Join("\n", _connector.TakeTexts()));

        var done = Activity("done");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/messages", done, Ct)).StatusCode);
        var doneAgain = Activity("done");
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.PostAsJsonAsync("/api/messages", doneAgain, Ct)));

        Assert.All(burst, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replies = _connector.TakeTexts();
        Assert.Single(replies, r => r.Contains("Exercise 2 of 6"));
        Assert.Single(replies, r => r.Contains("Exercise 3 of 6"));
        Assert.DoesNotContain(replies, r => r.Contains("Exercise 4 of 6"));
        Assert.Equal([ExerciseOutcome.Done, ExerciseOutcome.Done], await OutcomesAsync());
    }

    [Fact]
    public async Task An_update_processed_before_a_restart_is_not_processed_again_by_any_host_on_the_database()
    {
        var settings = TelegramWebhook(new() { ["Scheduling:Enabled"] = "false" });
        string code;
        var start = _api.TextFrom(1, AlexChat, "/start PLACEHOLDER");
        await using (var first = new HepBotHostFactory(_database, settings))
        {
            var http = first.CreateClient();
            using var time = RunClock(first);
            code = Code(first);
            start = _api.TextFrom(1, AlexChat, $"/start {code}");
            Assert.Equal(HttpStatusCode.OK, (await PostUpdateAsync(http, start)).StatusCode);
        }
        Assert.Single(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Hi Alex!"));

        // Two hosts started afterwards, on the same database, both given the update again.
        await using var second = new HepBotHostFactory(_database, settings);
        await using var third = new HepBotHostFactory(_database, settings);
        var (secondHttp, thirdHttp) = (second.CreateClient(), third.CreateClient());
        using (RunClock(second))
        using (RunClock(third))
        {
            var again = await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(_ => new[] { PostUpdateAsync(secondHttp, start), PostUpdateAsync(thirdHttp, start) }));
            Assert.All(again, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }

        Assert.Single(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Hi Alex!"));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == Core.Audit.AuditAction.Link, Ct));
    }

    [Fact]
    public async Task After_a_very_high_update_id_later_updates_are_still_answered()
    {
        await using var host = new HepBotHostFactory(_database, TelegramWebhook());
        var http = host.CreateClient();
        using var time = RunClock(host);

        await PostUpdateAsync(http, _api.TextFrom(2_147_000_000, AlexChat, $"/start {Code(host)}"));
        await PostUpdateAsync(http, _api.TextFrom(1001, AlexChat, "yes"));

        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Hi Alex!"));
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("reminder at 18:00"));
    }

    [Fact]
    public async Task An_oversized_update_is_refused_and_a_text_longer_than_telegram_allows_never_reaches_the_bot()
    {
        await using var host = new HepBotHostFactory(_database, TelegramWebhook());
        var http = host.CreateClient();
        using var time = RunClock(host);

        // 25 MB of text, sent without announcing its length (how much the host reads is BoundedBodyTests' business).
        var huge = new HttpRequestMessage(HttpMethod.Post, Channels.Telegram.TelegramWebhook.Path) { Content = new EndlessJsonText(25 * 1024 * 1024) };
        huge.Headers.Add(Channels.Telegram.TelegramWebhook.SecretHeader, Secret);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(huge, Ct)).StatusCode);

        var tooLong = _api.TextFrom(1, AlexChat, new string('a', TelegramActivities.MaxTextLength + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostUpdateAsync(http, tooLong)).StatusCode);
        Assert.Empty(_api.CallsTo("sendMessage"));
        var longest = _api.TextFrom(2, AlexChat, new string('a', TelegramActivities.MaxTextLength));
        Assert.Equal(HttpStatusCode.OK, (await PostUpdateAsync(http, longest)).StatusCode);
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("8-character code"));
    }

    private async Task<List<ExerciseOutcome>> OutcomesAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ExerciseLogs.OrderBy(l => l.Order).Select(l => l.Outcome).ToListAsync(Ct);
    }

    private Dictionary<string, string?> TelegramWebhook(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = _api.BaseUrl,
            ["Telegram:WebhookUrl"] = "https://hepbot.example/api/telegram/updates",
            ["Telegram:WebhookSecret"] = Secret,
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return settings;
    }

    private static Task<HttpResponseMessage> PostUpdateAsync(HttpClient http, Update update)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Channels.Telegram.TelegramWebhook.Path)
        {
            Content = new StringContent(JsonSerializer.Serialize(update, global::Telegram.Bot.JsonBotAPI.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Channels.Telegram.TelegramWebhook.SecretHeader, Secret);
        return http.SendAsync(request, Ct);
    }

    private object Activity(string text) => new
    {
        type = "message",
        id = Guid.NewGuid().ToString("N"),
        channelId = "emulator",
        serviceUrl = _connector.ServiceUrl,
        from = new { id = "emulator-user", name = "User" },
        recipient = new { id = "hepbot", name = "HepBot" },
        conversation = new { id = "emulator-conversation" },
        locale = "en-US",
        text,
    };

    /// <summary>An update whose text goes on for <paramref name="bytes"/> bytes, produced as it is sent, with no length announced.</summary>
    private sealed class EndlessJsonText(int bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = Encoding.UTF8.GetBytes(new string('a', 64 * 1024));
            await stream.WriteAsync(Encoding.UTF8.GetBytes("""{"update_id":1,"message":{"message_id":1,"date":0,"chat":{"id":4040,"type":"private"},"text":" """));
            for (var sent = 0; sent < bytes; sent += chunk.Length)
                await stream.WriteAsync(chunk);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("\"}}"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static RunningClock RunClock(HepBotHostFactory host)
    {
        var stop = new CancellationTokenSource();
        var running = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                host.Clock.Advance(TimeSpan.FromSeconds(1));
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

    private static string Code(HepBotHostFactory host) => InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;

    [GeneratedRegex(@"Invitation:\s+(?<code>[A-Z0-9]{8})")]
    private static partial Regex InvitationCode();
}
