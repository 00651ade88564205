using System.Text.Json.Nodes;
using HepBot.Conversations.Sessions;
using HepBot.Core.Sessions;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Bot;

/// <summary>A guided set in Teams: one card, updated in place (PUT to the connector) through the set, Stop on it.</summary>
public sealed partial class TeamsEndpointTests
{
    [Fact]
    public async Task Start_the_set_updates_one_card_through_the_holds_and_stop_asks_for_the_honest_partial()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        await Type(http, $"/start {Code(host)}");
        await Press(http, "Yes");
        await Press(http, "Keep 18:00");
        await Type(http, "/today");
        await Press(http, "Start now");
        Assert.Contains("Exercise 1 of 6: Quad set", await Press(http, "2"));

        Assert.Contains("Get ready… we start in 5 s.", await Press(http, "Start the set"));
        var setCard = _lastReplies.Last(r => r["attachments"] is JsonArray { Count: > 0 });
        Assert.Equal(["Stop"], Submits(Card()).Select(s => (string?)s["title"]));
        Assert.Null(setCard["suggestedActions"]);
        while (_connector.Updated.TryDequeue(out _))
        {
        }

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        var (id, update) = await NextUpdateAsync();
        Assert.Equal((string?)setCard["id"], id);
        var body = update["attachments"]![0]!["content"]!["body"]!.AsArray();
        Assert.Equal(["Quad set, round 1 of 3", "Hold 1 of 10: hold… 5 s", "Tap Stop at any time."],
            body.Where(e => (string?)e!["type"] == "TextBlock").Select(e => (string?)e!["text"]));
        Assert.Equal(["Stop"], body.Where(e => (string?)e!["type"] == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()).Select(a => (string?)a!["title"]));

        // Into the rest after round 1, a second at a time: every update is the same card.
        for (var t = 5; t < 90; t++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, Ct);
        }
        var sets = host.Services.GetRequiredService<GuidedSetRunner>();
        for (var i = 0; i < 500 && !sets.IsIdle; i++)
            await Task.Delay(10, Ct);
        Assert.All(_connector.Updated, u => Assert.Equal((string?)setCard["id"], u.ActivityId));
        // Bounded: one update per frame of the plan (10 holds, 9 relaxes, the rest's first counts; the first hold was taken above).
        Assert.InRange(_connector.Updated.Count, 10 + 9, 10 + 9 + 3);

        var answer = await Press(http, "Stop");
        Assert.Contains("You did 1 of 3 rounds. How shall I put it down?", answer);
        Assert.Contains(_connector.Updated, u => u.ActivityId == (string?)setCard["id"]
            && u.Activity.ToJsonString().Contains("Quad set: set stopped.", StringComparison.Ordinal));
        Assert.Equal(0, sets.Running);

        Assert.Contains("Exercise 2 of 6", await Press(http, "Done 1 of 3 rounds"));
        await using var db = _database.CreateContext();
        var done = await db.ExerciseLogs.SingleAsync(Ct);
        Assert.Equal((ExerciseOutcome.Done, 1), (done.Outcome, done.SetsDone));
    }

    private async Task<(string ActivityId, JsonObject Activity)> NextUpdateAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (_connector.Updated.TryDequeue(out var update))
                return update;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("The set card was not updated.");
    }
}
