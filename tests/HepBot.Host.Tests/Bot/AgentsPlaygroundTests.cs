using System.Text.RegularExpressions;
using HepBot.Core.Sessions;
using HepBot.Host.Tests.WebApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// A developer tries HepBot in Microsoft 365 Agents Playground, the local Teams client: links the chat with the demo invitation and
/// does the whole daily session by clicking card and suggested-action buttons only, as a patient in Teams would.
/// </summary>
public sealed partial class AgentsPlaygroundTests(AgentsPlaygroundFixture fixture) : IClassFixture<AgentsPlaygroundFixture>
{
    /// <summary>The Playground renders a reply after the bot's turn; on a busy machine that takes a while.</summary>
    private const float ReplyTimeoutMs = 60_000;

    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = ReplyTimeoutMs };

    [Fact]
    public Task A_patient_links_and_finishes_the_demo_session_in_the_Playground_by_clicking_only() =>
        BrowserRun.InBrowserAsync(fixture, nameof(A_patient_links_and_finishes_the_demo_session_in_the_Playground_by_clicking_only), async page =>
    {
        page.SetDefaultTimeout(ReplyTimeoutMs);
        await page.GotoAsync(fixture.PlaygroundAddress);
        // The Playground installs the app first; HepBot's welcome shows the chat is ready for typing.
        await Expect(page.GetByText("8-character code").First).ToBeVisibleAsync(Visible);
        var code = InvitationCode().Match(fixture.Host.Console.ToString()).Groups["code"].Value;
        await TypeAsync(page, code);
        await Expect(page.GetByText("Hi Alex!").First).ToBeVisibleAsync(Visible);

        await ClickAsync(page, "Yes");
        await ClickAsync(page, "Keep 18:00");
        await TypeAsync(page, "/today");
        await ClickAsync(page, "Start now");

        // The pain scale is an Adaptive Card; after the tap the card shows the answer where its buttons were.
        await ClickAsync(page, "2");
        await Expect(CardText(page, "» 2")).ToBeVisibleAsync(Visible);
        for (var exercise = 1; exercise <= 6; exercise++)
        {
            await ClickAsync(page, "Done");
            await Expect(CardText(page, "» Done")).ToHaveCountAsync(exercise, new() { Timeout = ReplyTimeoutMs });
        }
        await ClickAsync(page, "1");
        await ClickAsync(page, "Easy");

        var log = await CompletedSessionAsync();
        Assert.Equal((SessionStatus.Completed, 2, 1, 6), (log.Status, log.PainBefore, log.PainAfter, log.ExercisesDone));
        await using var db = fixture.Database.CreateContext();
        var account = await db.ChannelAccounts.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("msteams", account.Channel);
    }, new BrowserNewContextOptions { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 1000 } });

    /// <summary>The session as recorded once the last answer's turn has run (the Playground shows nothing that says so).</summary>
    private async Task<SessionLog> CompletedSessionAsync()
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(ReplyTimeoutMs);
        while (true)
        {
            await using var db = fixture.Database.CreateContext();
            var log = await db.SessionLogs.AsNoTracking().Include(l => l.Exercises).SingleOrDefaultAsync(TestContext.Current.CancellationToken);
            if (log?.Status == SessionStatus.Completed || DateTime.UtcNow > deadline)
                return log ?? throw new Xunit.Sdk.XunitException("No session was logged.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A line inside an Adaptive Card as the Playground renders it (the log panel repeats message texts, not cards).</summary>
    private static ILocator CardText(IPage page, string text) =>
        page.Locator(".ac-textBlock").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(text) + "$") });

    private static async Task TypeAsync(IPage page, string text)
    {
        var box = page.GetByRole(AriaRole.Textbox).First;
        await box.ClickAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>The newest button with that label: answered cards lose theirs, suggested actions belong to the last reply.</summary>
    private static Task ClickAsync(IPage page, string label) =>
        page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).Last.ClickAsync();

    [GeneratedRegex(@"Invitation:\s+(?<code>[A-Z0-9]{8})")]
    private static partial Regex InvitationCode();
}
