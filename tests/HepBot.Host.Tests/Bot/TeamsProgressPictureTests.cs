using System.Text.Json.Nodes;
using HepBot.Channels.Proactive;
using HepBot.Conversations.Sessions;
using HepBot.Host.Tests.Progress;
using HepBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// "My progress" and the weekly check-in in Teams: the picture inside the card, loaded by Teams from HepBot's public
/// address, with the same in words above it; without a public address, the words alone.
/// </summary>
public sealed partial class TeamsEndpointTests
{
    private const string ClinicHost = "https://hepbot.clinic.example";

    [Fact]
    public async Task My_progress_in_Teams_is_one_card_with_the_words_and_the_picture_Teams_loads_from_the_public_address()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>(DemoOn) { ["Pictures:PublicBaseUrl"] = ClinicHost });
        var http = host.CreateClient();
        await LinkAsync(host);

        var words = await Type(http, "/progress");

        var reply = Assert.Single(_lastReplies);
        Assert.Null((string?)reply["text"]);
        Assert.Single(reply["attachments"]!.AsArray());
        Assert.StartsWith("Your progress this week:", words);
        Assert.Contains("Training days in a row:", words);
        var (url, alt) = Assert.Single(CardImages());
        Assert.Matches(@"^https://hepbot\.clinic\.example/media/progress/[A-Za-z0-9_-]+\.png$", url);
        Assert.False(string.IsNullOrWhiteSpace(alt));
        // What Teams would fetch: the address answers a PNG of the picture's size, drawn for Alex.
        ProgressPictureEndpointTests.AssertProgressPng(await http.GetByteArrayAsync(new Uri(url).PathAndQuery, Ct));
    }

    [Fact]
    public async Task The_weekly_check_in_reaches_Teams_later_with_its_words_and_picture_in_one_card()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>(DemoOn) { ["Pictures:PublicBaseUrl"] = ClinicHost });
        var http = host.CreateClient();
        var patientId = await LinkAsync(host);
        var week = host.Services.GetRequiredService<WeekSummary>();
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        var report = await week.ReadAsync(patientId, today, Ct);

        await host.Services.GetRequiredService<ProactiveMessenger>().SendToPatientAsync(patientId,
            (turn, ct) => turn.SendActivityAsync(week.CheckIn(turn, patientId, report), ct), Ct);

        var message = Assert.Single(TakeReplies());
        _lastReplies = [message];
        Assert.StartsWith("Your progress this week:", CardTextOf(message));
        var (url, _) = Assert.Single(CardImages());
        Assert.StartsWith(ClinicHost + "/media/progress/", url);
        ProgressPictureEndpointTests.AssertProgressPng(await http.GetByteArrayAsync(new Uri(url).PathAndQuery, Ct));
    }

    [Fact]
    public async Task Without_a_public_address_My_progress_in_Teams_is_the_words_alone()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var http = host.CreateClient();
        await LinkAsync(host);

        var words = await Type(http, "/progress");

        var reply = Assert.Single(_lastReplies);
        Assert.StartsWith("Your progress this week:", (string?)reply["text"]);
        Assert.Equal(words, (string?)reply["text"]);
        Assert.True(reply["attachments"] is null or JsonArray { Count: 0 }, $"attachments: {reply["attachments"]}");
    }
}
