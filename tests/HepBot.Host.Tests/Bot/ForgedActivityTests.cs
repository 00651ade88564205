using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HepBot.Core.Linking;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// /api/messages from an attacker's side: requests without credentials outside local development,
/// forged senders, channels and service URLs, bad tokens. None of them may read or change a patient's
/// data, none gets a 500, and a failing connector is not hammered.
/// </summary>
public sealed partial class ForgedActivityTests : IAsyncLifetime
{
    private const string Conversation = "a:1teams-personal-chat";
    private const string PatientUser = "29:1patient";
    private const string PatientObjectId = "6c1f8a2e-0000-4000-8000-000000000001";
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

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task Outside_development_without_bot_credentials_every_activity_is_refused(string environment)
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["environment"] = environment });

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Activity($"/start {Code(host)}"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _connector.Requests);
        await using var db = _database.CreateContext();
        Assert.Empty(await db.ChannelAccounts.ToListAsync(Ct));
    }

    [Fact]
    public async Task In_development_without_credentials_a_request_from_another_machine_is_refused()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn) { RemoteAddress = IPAddress.Parse("203.0.113.7") };

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Activity($"/start {Code(host)}"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _connector.Requests);
    }

    [Fact]
    public async Task BotFramework_AllowAnonymous_lets_other_machines_in_and_says_so_loudly()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true", ["environment"] = "Staging", ["BotFramework:AllowAnonymous"] = "true",
        })
        { RemoteAddress = IPAddress.Parse("203.0.113.7") };

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Activity($"/start {Code(host)}"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hi Alex!", string.Join("\n", _connector.TakeTexts()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_forged_or_malformed_token_is_a_401_without_details(bool withCredentials)
    {
        var settings = new Dictionary<string, string?>(DemoOn);
        if (withCredentials)
        {
            settings["MicrosoftAppId"] = "3f0c5a4e-1111-4222-8333-944445555666";
            settings["MicrosoftAppPassword"] = "not-a-real-secret";
            settings["MicrosoftAppTenantId"] = "7a1d2c3b-4e5f-4a6b-9c8d-0e1f2a3b4c5d";
        }
        await using var host = new HepBotHostFactory(_database, settings);
        var http = host.CreateClient();

        foreach (var token in new[] { "Bearer forged", "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.", "Basic Zm9vOmJhcg==" })
        {
            // With credentials, a forgery looks like Teams: Teams' channel id and connector address.
            var activity = withCredentials
                ? With(Teams("/mydata", PatientUser, PatientObjectId), "serviceUrl", "https://smba.trafficmanager.net/emea/")
                : Activity("/mydata");
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
            request.Headers.TryAddWithoutValidation("Authorization", token);
            var response = await http.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Equal(0, _connector.Requests);
    }

    [Fact]
    public async Task Someone_else_writing_into_a_linked_chat_is_told_so_and_sees_and_changes_nothing()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        await LinkAlexOnTeamsAsync(host, http);
        var before = await SnapshotAsync();

        foreach (var text in new[] { "/mydata", "/today", "/forgetme", "yes", "/message", "I want to see Alex's data" })
        {
            var response = await http.PostAsJsonAsync("/api/messages", Teams(text, from: "29:1intruder", objectId: "0d0d0d0d-0000-4000-8000-0000000000ff"), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = Assert.Single(_connector.TakeTexts());
            Assert.Equal("This chat is connected to someone else's HepBot account, so I can't answer you here. Please ask your therapist for your own invitation.", reply);
        }
        Assert.Equal(before, await SnapshotAsync());

        // The linked patient still gets their own data.
        await http.PostAsJsonAsync("/api/messages", Teams("/mydata", PatientUser, PatientObjectId), Ct);
        Assert.Contains("Name: Alex", string.Join("\n", _connector.TakeTexts()));
    }

    [Fact]
    public async Task Forged_activities_neither_read_nor_change_a_patients_data()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        await LinkAlexOnTeamsAsync(host, http);
        await using (var db = _database.CreateContext())
        {
            // Alex is also linked on Telegram, chat 4040 (user 4040).
            var alex = await db.Patients.SingleAsync(Ct);
            db.ChannelAccounts.Add(new ChannelAccount { Channel = "telegram", ChannelUserId = "4040", ConversationId = "4040", PatientId = alex.Id, LinkedAt = HepBotHostFactory.Start });
            await db.SaveChangesAsync(Ct);
        }
        var before = await SnapshotAsync();

        var forgeries = new (string What, JsonObject Activity, HttpStatusCode Expected)[]
        {
            ("another user in Alex's Teams chat", Teams("/mydata", "29:1intruder", null), HttpStatusCode.OK),
            ("Alex's Teams chat on another channel", With(Teams("/mydata", PatientUser, PatientObjectId), "channelId", "emulator"), HttpStatusCode.OK),
            ("Alex's Telegram chat on /api/messages", With(With(With(Teams("/mydata", "4040", null), "channelId", "telegram"), "conversation", new JsonObject { ["id"] = "4040" }), "from", new JsonObject { ["id"] = "4040" }), HttpStatusCode.BadRequest),
            ("no serviceUrl", Without(Teams("/mydata", PatientUser, PatientObjectId), "serviceUrl"), HttpStatusCode.BadRequest),
            ("a serviceUrl that is not a connector", With(Teams("/mydata", PatientUser, PatientObjectId), "serviceUrl", "https://collector.example/internal/admin/"), HttpStatusCode.BadRequest),
            ("a serviceUrl with credentials in it", With(Teams("/mydata", PatientUser, PatientObjectId), "serviceUrl", _connector.ServiceUrl.Replace("http://", "http://user:pw@")), HttpStatusCode.BadRequest),
        };
        foreach (var (what, activity, expected) in forgeries)
        {
            var response = await http.PostAsJsonAsync("/api/messages", activity, Ct);
            Assert.True(expected == response.StatusCode, $"{what}: {(int)response.StatusCode}");
            var replies = string.Join("\n", _connector.TakeTexts());
            Assert.False(replies.Contains("Alex") || replies.Contains("Quad set") || replies.Contains("Name:"), $"{what} got: {replies}");
        }
        var badToken = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Teams("/forgetme", PatientUser, PatientObjectId)) };
        badToken.Headers.TryAddWithoutValidation("Authorization", "Bearer forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(badToken, Ct)).StatusCode);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_failing_connector_gets_one_request_per_inbound_activity_not_a_burst()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>(DemoOn) { ["Teams:SendAttempts"] = "1" });
        _connector.FailEverything(StatusCodes.Status500InternalServerError);

        // An unlinked chat is answered with two messages; the first fails, and nothing more is tried.
        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Activity("hello"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _connector.Requests);
    }

    private async Task LinkAlexOnTeamsAsync(HepBotHostFactory host, HttpClient http)
    {
        foreach (var text in new[] { $"/start {Code(host)}", "yes", "keep" })
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/messages", Teams(text, PatientUser, PatientObjectId), Ct)).StatusCode);
        Assert.Contains("All set!", string.Join("\n", _connector.TakeTexts()));
        await using var db = _database.CreateContext();
        var account = await db.ChannelAccounts.SingleAsync(Ct);
        Assert.Equal((PatientUser, PatientObjectId), (account.ChannelUserId, account.ChannelUserObjectId));
    }

    /// <summary>Every row of Alex's a turn could write, as text: equal snapshots mean nothing changed.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        return JsonSerializer.Serialize(new object[]
        {
            await db.Patients.AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct),
            await db.ChannelAccounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct),
            await db.SessionLogs.AsNoTracking().OrderBy(l => l.Id).ToListAsync(Ct),
            await db.ExerciseLogs.AsNoTracking().OrderBy(l => l.Id).ToListAsync(Ct),
            await db.PatientMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct),
            await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct),
            await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct),
            // The conversations of Alex's chats; a forged activity naming a new chat may start linking there.
            await db.BotState.AsNoTracking().Where(s => s.Key.StartsWith("msteams/") || s.Key.StartsWith("telegram/")).OrderBy(s => s.Key).ToListAsync(Ct),
        });
    }

    private JsonObject Teams(string text, string from, string? objectId) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = _connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = from, ["aadObjectId"] = objectId },
        ["recipient"] = new JsonObject { ["id"] = "28:hepbot", ["name"] = "HepBot" },
        ["conversation"] = new JsonObject { ["id"] = Conversation, ["conversationType"] = "personal", ["tenantId"] = "tenant" },
        ["locale"] = "en-US",
        ["text"] = text,
    };

    private JsonObject Activity(string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "emulator",
        ["serviceUrl"] = _connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "emulator-user", ["name"] = "User" },
        ["recipient"] = new JsonObject { ["id"] = "hepbot", ["name"] = "HepBot" },
        ["conversation"] = new JsonObject { ["id"] = "emulator-conversation" },
        ["locale"] = "en-US",
        ["text"] = text,
    };

    private static JsonObject With(JsonObject activity, string field, JsonNode? value)
    {
        activity[field] = value;
        return activity;
    }

    private static JsonObject Without(JsonObject activity, string field)
    {
        activity.Remove(field);
        return activity;
    }

    private static string Code(HepBotHostFactory host) => InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;

    [GeneratedRegex(@"Invitation:\s+(?<code>[A-Z0-9]{8})")]
    private static partial Regex InvitationCode();
}
