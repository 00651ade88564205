using HepBot.Channels.Tests.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.WebApp;

/// <summary>The browser host talking to a fake Telegram Bot API on loopback, so a code shown in the app can be redeemed in a chat.</summary>
public sealed class TelegramChatBrowserFixture : BrowserFixture
{
    public FakeBotApi Telegram { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telegram:BotToken"] = FakeBotApi.Token,
        ["Telegram:ApiBaseUrl"] = Telegram.BaseUrl,
        ["Telegram:BotUsername"] = "RiversideHepBot",
    };

    public override async ValueTask InitializeAsync()
    {
        Telegram = await FakeBotApi.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Telegram.DisposeAsync();
    }

    /// <summary>
    /// The host's clock is fake and the Telegram channel paces each chat by it: while a chat exchange runs the
    /// clock must move, or the reply waits forever (why a first version of this test timed out). It is moved only
    /// for the exchange, so the sign-in cookie's sliding expiry is not run down meanwhile.
    /// </summary>
    public async Task WithClockRunningAsync(Func<Task> exchange)
    {
        using var stop = new CancellationTokenSource();
        var running = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Host.Clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10, CancellationToken.None);
            }
        });
        try
        {
            await exchange();
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}

/// <summary>Link my chat in a real browser: a code from the app, redeemed in a (fake) Telegram chat, listed, unlinked.</summary>
public sealed class LinkMyChatBrowserTests(TelegramChatBrowserFixture fixture) : IClassFixture<TelegramChatBrowserFixture>
{
    private const long TherapistChat = 8080;

    [Fact]
    public Task A_therapist_links_their_telegram_chat_with_a_code_from_the_app_sees_it_listed_and_unlinks_it() =>
        BrowserRun.InBrowserAsync(fixture, nameof(A_therapist_links_their_telegram_chat_with_a_code_from_the_app_sees_it_listed_and_unlinks_it), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        await BrowserRun.SignInAsync(page, fixture, therapist);

        await page.GetByRole(AriaRole.Link, new() { Name = "Link my chat" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link my chat" })).ToBeVisibleAsync();
        await Expect(page.Locator("ul.chats > li")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a link code" }).ClickAsync();
        // Enhanced forms update the page in place: wait for the code to appear, not for a navigation.
        await Expect(page.Locator("[data-code]")).ToBeVisibleAsync();
        var code = (await page.Locator("[data-code]").TextContentAsync())!.Trim();
        await Expect(page.Locator("[data-deep-link]")).ToHaveTextAsync($"https://t.me/RiversideHepBot?start={code}");

        await fixture.WithClockRunningAsync(async () =>
        {
            var start = fixture.Telegram.Deliver(id => fixture.Telegram.TextFrom(id, TherapistChat, $"/start {code}"));
            await fixture.Telegram.WaitForConfirmationAsync(start, TimeSpan.FromSeconds(30));
            await fixture.Telegram.WaitForAsync(calls => calls.Any(c => c.ChatId == TherapistChat && c.Method == "sendMessage"), TimeSpan.FromSeconds(30));
        });
        Assert.Contains(fixture.Telegram.CallsTo("sendMessage"), c => c.ChatId == TherapistChat && c.Text!.StartsWith("You're connected, Therapist.", StringComparison.Ordinal));

        await page.ReloadAsync();
        var chats = page.Locator("ul.chats > li");
        await Expect(chats).ToHaveCountAsync(1);
        await Expect(chats.First).ToContainTextAsync("telegram");
        await Expect(page.Locator("[data-code]")).ToHaveCountAsync(0);

        await chats.First.GetByRole(AriaRole.Button, new() { Name = "Unlink" }).ClickAsync();

        await Expect(chats).ToHaveCountAsync(0);
        await Expect(page.Locator("#chats-heading .count")).ToHaveTextAsync("0");
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.ChannelAccounts.AnyAsync(a => a.TherapistId == therapist.Id, TestContext.Current.CancellationToken));
    });
}
