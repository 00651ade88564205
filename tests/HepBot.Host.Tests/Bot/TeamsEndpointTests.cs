using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HepBot.Channels.Proactive;
using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// The bot as a Teams personal chat sees it: activities with channelId "msteams" POSTed to /api/messages,
/// replies delivered by the real CloudAdapter to a loopback connector, buttons Teams cannot show as
/// suggested actions sent as Adaptive Cards, and card submits (a Value, no text) answering the questions.
/// </summary>
public sealed partial class TeamsEndpointTests : IAsyncLifetime
{
    private const string Conversation = "a:1teams-personal-chat";
    private static readonly Dictionary<string, string?> DemoOn = new() { ["Demo:Enabled"] = "true" };
    private TestDatabase _database = null!;
    private LocalConnector _connector = null!;
    private List<JsonObject> _lastReplies = [];
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
    public async Task A_Teams_patient_links_and_completes_the_demo_session_by_tapping_card_buttons()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();

        Assert.Contains("Hi Alex!", await Type(http, $"/start {Code(host)}"));
        // Two answers fit Teams' suggested actions, so they stay suggested actions.
        Assert.Equal(["Yes", "No"], SuggestedTitles());
        Assert.Contains("reminder at 18:00", await Press(http, "Yes"));
        Assert.Contains("All set!", await Press(http, "Keep 18:00"));
        Assert.Contains("Today: 6 exercises", await Type(http, "/today"));
        Assert.Contains("how is your pain right now", await Press(http, "Start now"));

        // The 0–10 scale is a card: eleven submits, no suggested actions, nothing outside the card.
        var painCard = Card();
        Assert.Equal([.. Enumerable.Range(0, 11).Select(n => n.ToString(CultureInfo.InvariantCulture))], Submits(painCard).Select(s => (string?)s["title"]));
        Assert.Null(_lastReplies.Last()["suggestedActions"]);
        Assert.Null(_lastReplies.Last()["text"]);

        Assert.Contains("Exercise 1 of 6: Quad set", await Press(http, "2"));
        Assert.Contains("Done", Submits(Card()).Select(s => (string?)s["title"]));
        for (var exercise = 2; exercise <= 6; exercise++)
            Assert.Contains($"Exercise {exercise} of 6", await Press(http, "Done"));
        Assert.Contains("How is your pain now", await Press(http, "Done"));
        Assert.Contains("How hard was", await Press(http, "1"));
        Assert.Contains("You did 6 of 6 exercises today.", await Press(http, "Easy"));

        await using var db = _database.CreateContext();
        var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
        Assert.Equal((SessionStatus.Completed, 2, 1, Difficulty.Easy, 6), (log.Status, log.PainBefore, log.PainAfter, log.Difficulty, log.ExercisesDone));
        var account = await db.ChannelAccounts.SingleAsync(Ct);
        Assert.Equal(("msteams", Conversation), (account.Channel, account.ConversationId));
    }

    [Fact]
    public async Task A_tapped_card_shows_the_chosen_answer_in_place_of_its_buttons()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        await Type(http, $"/start {Code(host)}");
        await Press(http, "Yes");
        await Press(http, "Keep 18:00");
        await Type(http, "/today");
        await Press(http, "Start now");
        var painCard = _lastReplies.Last(r => r["attachments"] is JsonArray { Count: > 0 });

        // Teams posts a plain submit's data with the id of the card's message; nothing of the tap shows in the chat by itself.
        Assert.Contains("Exercise 1 of 6: Quad set", await Press(http, "3", asReplyToTheCard: true));

        var (id, update) = Assert.Single(_connector.Updated);
        Assert.Equal((string?)painCard["id"], id);
        var body = update["attachments"]![0]!["content"]!["body"]!.AsArray();
        Assert.DoesNotContain(body, e => (string?)e!["type"] == "ActionSet");
        Assert.Equal("» 3", (string?)body.Last()!["text"]);
        Assert.Contains("how is your pain right now", (string?)body[0]!["text"]);
    }

    [Fact]
    public async Task The_same_card_press_posted_three_times_with_new_activity_ids_marks_one_exercise_done()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        await Type(http, $"/start {Code(host)}");
        await Press(http, "Yes");
        await Press(http, "Keep 18:00");
        await Type(http, "/today");
        await Press(http, "Start now");
        Assert.Contains("Exercise 1 of 6: Quad set", await Press(http, "2"));
        var done = Submits(Card()).Single(s => (string?)s["title"] == "Done")["data"]!.DeepClone().AsObject();
        done.Remove("msteams");
        Assert.NotNull((string?)done["prompt"]);

        Assert.Contains("Exercise 2 of 6", await Post(http, text: null, (JsonObject)done.DeepClone()));
        Assert.StartsWith("That question has already passed, so I didn't record that answer.", await Post(http, text: null, (JsonObject)done.DeepClone()));
        Assert.StartsWith("That question has already passed", await Post(http, text: null, (JsonObject)done.DeepClone()));

        await using var db = _database.CreateContext();
        var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
        Assert.Equal(1, log.ExercisesDone);
        Assert.Single(log.Exercises);
    }

    [Fact]
    public async Task An_exercise_card_carries_its_picture_inside_from_the_public_address_and_the_clinics_own_photo_wins()
    {
        var media = Directory.CreateTempSubdirectory("hepbot-clinic-media-").FullName;
        // The clinic's own photo of the second exercise, a 1×1 PNG.
        var clinicPhoto = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        await File.WriteAllBytesAsync(Path.Combine(media, "straight-leg-raise.png"), clinicPhoto, Ct);
        try
        {
            await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>(DemoOn)
            {
                ["Pictures:PublicBaseUrl"] = "https://hepbot.clinic.example",
                ["ExerciseLibrary:MediaFolder"] = media,
            });
            var http = host.CreateClient();
            await Type(http, $"/start {Code(host)}");
            await Press(http, "Yes");
            await Press(http, "Keep 18:00");
            await Type(http, "/today");
            await Press(http, "Start now");

            Assert.Contains("Exercise 1 of 6: Quad set", await Press(http, "2"));
            var drawn = Assert.Single(CardImages());
            Assert.Matches(@"^https://hepbot\.clinic\.example/media/exercises/quad-set/still\.png\?side=(left|right)$", drawn.Url);
            Assert.Equal("Picture of the exercise: Quad set", drawn.Alt);
            // The exercise's text and picture are one card, with nothing beside it.
            var exerciseCard = Assert.Single(_lastReplies, r => CardTextOf(r).Contains("Exercise 1 of 6: Quad set"));
            Assert.Single(exerciseCard["attachments"]!.AsArray());
            Assert.Null((string?)exerciseCard["text"]);

            Assert.Contains("Exercise 2 of 6: Straight leg raise", await Press(http, "Done"));
            var own = Assert.Single(CardImages());
            Assert.StartsWith("https://hepbot.clinic.example/media/exercises/straight-leg-raise/still.png", own.Url);
            // The address the card names answers the clinic's photo, not HepBot's drawing.
            var local = new Uri(own.Url).PathAndQuery;
            Assert.Equal(clinicPhoto, await http.GetByteArrayAsync(local, Ct));
            var drawing = await http.GetByteArrayAsync(new Uri(drawn.Url).PathAndQuery, Ct);
            Assert.True(drawing.Length > 1000, "the quad set is HepBot's drawing");
        }
        finally
        {
            Directory.Delete(media, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_public_address_a_Teams_exercise_card_goes_without_a_picture_rather_than_with_a_file_Teams_cannot_load()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        await Type(http, $"/start {Code(host)}");
        await Press(http, "Yes");
        await Press(http, "Keep 18:00");
        await Type(http, "/today");
        await Press(http, "Start now");

        Assert.Contains("Exercise 1 of 6: Quad set", await Press(http, "2"));
        Assert.Empty(CardImages());
        Assert.DoesNotContain(_lastReplies.SelectMany(r => r["attachments"]?.AsArray() ?? []), a => ((string?)a!["contentUrl"])?.StartsWith("file:", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_proactive_message_reaches_the_Teams_chat_later_as_a_card_when_it_has_many_buttons()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var patientId = await LinkAsync(host);

        var result = await host.Services.GetRequiredService<ProactiveMessenger>().SendToPatientAsync(patientId, AskMenu(host), Ct);

        Assert.Equal(DeliveryOutcome.Sent, Assert.Single(result.Deliveries).Outcome);
        var message = Assert.Single(TakeReplies());
        Assert.Equal(("msteams", Conversation, "en"), ((string?)message["channelId"], (string?)message["conversation"]!["id"], (string?)message["locale"]));
        Assert.Contains("What would you like to do?", CardText(Card()));
        Assert.Equal("today", (string?)Submits(Card())[0]["data"]!["choice"]);
    }

    [Fact]
    public async Task Teams_throttling_is_waited_out_and_the_message_arrives_once()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var patientId = await LinkAsync(host);
        _connector.ThrottleNext(2);

        var sending = host.Services.GetRequiredService<ProactiveMessenger>().SendToPatientAsync(patientId, AskMenu(host), Ct);
        // Retry-After: 1 on the host's fake clock; moving it on lets each wait end.
        for (var step = 0; !sending.IsCompleted && step < 500; step++)
        {
            await Task.Delay(10, Ct);
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var result = await sending;

        Assert.Equal(DeliveryOutcome.Sent, Assert.Single(result.Deliveries).Outcome);
        Assert.Equal(2, _connector.Refused);
        Assert.Single(TakeReplies());
    }

    [Fact]
    public async Task A_patient_who_removed_the_app_is_marked_unreachable_and_not_messaged_again()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var patientId = await LinkAsync(host);
        var messenger = host.Services.GetRequiredService<ProactiveMessenger>();
        _connector.RemoveApp(Conversation);

        var first = await messenger.SendToPatientAsync(patientId, AskMenu(host), Ct);
        var second = await messenger.SendToPatientAsync(patientId, AskMenu(host), Ct);

        Assert.Equal(DeliveryOutcome.Unreachable, Assert.Single(first.Deliveries).Outcome);
        Assert.Equal(DeliveryOutcome.SkippedUnreachable, Assert.Single(second.Deliveries).Outcome);
        Assert.Equal(1, _connector.Refused);
        Assert.Empty(TakeReplies());
        await using var db = _database.CreateContext();
        Assert.Equal(host.Clock.GetUtcNow(), (await db.ChannelAccounts.SingleAsync(Ct)).UnreachableSince);
    }

    /// <summary>A proactive question with more answers than Teams shows as suggested actions.</summary>
    private static Func<ITurnContext, CancellationToken, Task> AskMenu(HepBotHostFactory host) => (turn, ct) =>
    {
        var phrases = host.Services.GetRequiredService<Phrases>();
        var message = phrases.Message(turn, "menu.prompt");
        message.SuggestedActions = ChoiceFactory.SuggestedActions(
            new[] { "today", "progress", "reminder", "help" }.Select(v => phrases.Choice(turn, v, $"menu.items.{v}")));
        return turn.SendActivityAsync(message, ct);
    };

    private async Task<Guid> LinkAsync(HepBotHostFactory host)
    {
        var http = host.CreateClient();
        await Type(http, $"/start {Code(host)}");
        await Press(http, "Yes");
        await Press(http, "Keep 18:00");
        TakeReplies();
        await using var db = _database.CreateContext();
        return (await db.ChannelAccounts.SingleAsync(Ct)).PatientId!.Value;
    }

    private Task<string> Type(HttpClient http, string text) => Post(http, text, value: null);

    /// <summary>Taps a button of the last reply: a card's Action.Submit sends its data as the Value and no text; a suggested action sends its value as text.</summary>
    private Task<string> Press(HttpClient http, string label, bool asReplyToTheCard = false)
    {
        var reply = _lastReplies.LastOrDefault(r => r["attachments"] is JsonArray { Count: > 0 } || r["suggestedActions"] is not null)
            ?? throw new InvalidOperationException($"No buttons to press '{label}' on.");
        if (reply["suggestedActions"]?["actions"] is JsonArray actions)
        {
            var action = actions.SingleOrDefault(a => (string?)a!["title"] == label) ?? throw new InvalidOperationException($"No button '{label}'.");
            return Post(http, (string?)action!["value"], value: null);
        }
        var submit = Submits(Card()).SingleOrDefault(s => (string?)s["title"] == label) ?? throw new InvalidOperationException($"No card button '{label}'.");
        var data = submit["data"]!.DeepClone().AsObject();
        var card = _lastReplies.Last(r => r["attachments"] is JsonArray { Count: > 0 });
        return Post(http, text: null, data, asReplyToTheCard ? (string?)card["id"] : null);
    }

    private async Task<string> Post(HttpClient http, string? text, JsonObject? value, string? replyToId = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = _connector.ServiceUrl,
            ["timestamp"] = DateTimeOffset.UtcNow,
            ["from"] = new JsonObject { ["id"] = "29:1patient", ["aadObjectId"] = "6c1f8a2e-0000-4000-8000-000000000001" },
            ["recipient"] = new JsonObject { ["id"] = "28:hepbot", ["name"] = "HepBot" },
            ["conversation"] = new JsonObject { ["id"] = Conversation, ["conversationType"] = "personal", ["tenantId"] = "tenant" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant" } },
            ["locale"] = "en-US",
            ["text"] = text,
            ["value"] = value,
        };
        if (replyToId is not null)
            activity["replyToId"] = replyToId;
        var response = await http.PostAsJsonAsync("/api/messages", activity, Ct);
        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        return string.Join("\n", TakeReplies().Select(r => (string?)r["text"] ?? CardTextOf(r)));
    }

    private List<JsonObject> TakeReplies()
    {
        var replies = new List<JsonObject>();
        while (_connector.Received.TryDequeue(out var activity))
            replies.Add(activity);
        if (replies.Count > 0)
            _lastReplies = replies;
        return replies;
    }

    private List<string?> SuggestedTitles() =>
        [.. _lastReplies.Last()["suggestedActions"]!["actions"]!.AsArray().Select(a => (string?)a!["title"])];

    private JsonObject Card()
    {
        var attachment = _lastReplies.SelectMany(r => r["attachments"]?.AsArray() ?? []).Last(a => (string?)a!["contentType"] == "application/vnd.microsoft.card.adaptive");
        return attachment!["content"]!.AsObject();
    }

    /// <summary>The pictures inside the cards of the last replies.</summary>
    private List<(string Url, string? Alt)> CardImages() =>
        [.. _lastReplies.SelectMany(r => r["attachments"]?.AsArray() ?? [])
            .Where(a => (string?)a!["contentType"] == "application/vnd.microsoft.card.adaptive")
            .SelectMany(a => a!["content"]!["body"]!.AsArray())
            .Where(e => (string?)e!["type"] == "Image").Select(e => ((string)e!["url"]!, (string?)e["altText"]))];

    private static List<JsonObject> Submits(JsonObject card) =>
        [.. card["body"]!.AsArray().Where(e => (string?)e!["type"] == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()).Select(a => a!.AsObject())];

    private static string CardText(JsonObject card) =>
        string.Join("\n", card["body"]!.AsArray().Where(e => (string?)e!["type"] == "TextBlock").Select(e => (string?)e!["text"]));

    private static string CardTextOf(JsonObject reply) =>
        string.Join("\n", (reply["attachments"]?.AsArray() ?? []).Where(a => (string?)a!["contentType"] == "application/vnd.microsoft.card.adaptive")
            .Select(a => CardText(a!["content"]!.AsObject())));

    private static string Code(HepBotHostFactory host) => InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;

    [GeneratedRegex(@"Invitation:\s+(?<code>[A-Z0-9]{8})")]
    private static partial Regex InvitationCode();
}
