using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.WebApp;

/// <summary>The browser host with a Telegram bot username, so invitations carry a deep link and its QR code.</summary>
public sealed class TelegramBrowserFixture : BrowserFixture
{
    public const string BotUsername = "RiversideHepBot";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telegram:BotUsername"] = BotUsername };
}

/// <summary>Inviting a patient from the browser: the QR code on the page scans to the deep link, and the handout prints on one page.</summary>
public sealed class InviteBrowserTests(TelegramBrowserFixture fixture) : IClassFixture<TelegramBrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task A_therapist_creates_an_invite_whose_QR_scans_to_the_deep_link_and_prints_the_handout() =>
        InBrowserAsync(nameof(A_therapist_creates_an_invite_whose_QR_scans_to_the_deep_link_and_prints_the_handout), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Nora");
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await SignInAsync(page, therapist);
        await page.GotoAsync($"{fixture.BaseAddress}/app/patients/{patient.Id}");

        await page.Locator("a[data-invite]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invite Nora" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a new code" }).ClickAsync();

        var card = page.Locator("section[data-invitation]").First;
        await Expect(card.Locator("[data-qr]")).ToBeVisibleAsync();
        var code = (await card.Locator("[data-code]").TextContentAsync())!.Trim();
        var deepLink = $"https://t.me/{TelegramBrowserFixture.BotUsername}?start={code}";
        await Expect(card.Locator("[data-deep-link]")).ToHaveTextAsync(deepLink);
        Assert.Equal(deepLink, await ScanAsync(card.Locator("[data-qr]")));
        await Expect(card).ToContainTextAsync($"send the code {code} in the chat");
        await using (var db = fixture.Database.CreateContext())
            Assert.Equal(patient.Id, (await db.Invitations.SingleAsync(i => i.Code == code, Ct)).PatientId);

        await card.Locator("a[data-handout]").ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("[data-code]")).ToHaveTextAsync(code);
        await Expect(page.Locator("ol li")).ToHaveCountAsync(3);
        Assert.Equal(deepLink, await ScanAsync(page.Locator("img[data-qr]")));
        var printed = await page.ScreenshotAsync(new() { FullPage = true, Path = Path.Combine(AppContext.BaseDirectory, "browser-screenshots", "handout-print.png") });
        Assert.NotEmpty(printed);
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]"));
    });

    [Fact]
    public Task Revoking_the_code_removes_it_from_the_page_and_its_handout_is_gone() =>
        InBrowserAsync(nameof(Revoking_the_code_removes_it_from_the_page_and_its_handout_is_gone), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Iris");
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await SignInAsync(page, therapist);
        await page.GotoAsync($"{fixture.BaseAddress}/app/patients/{patient.Id}/invite");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a new code" }).ClickAsync();
        var code = (await page.Locator("section[data-invitation] [data-code]").First.TextContentAsync())!.Trim();

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke this code" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The code was revoked.");
        await Expect(page.Locator("section[data-invitation]")).ToHaveCountAsync(0);
        var handout = await page.GotoAsync($"{fixture.BaseAddress}/app/patients/{patient.Id}/invitations/{code}/handout");
        Assert.Equal(404, handout!.Status);
    });

    private static async Task SignInAsync(IPage page, WebTherapist therapist)
    {
        await page.GetByLabel("E-mail").FillAsync(therapist.Email);
        await page.GetByLabel("Password").FillAsync(therapist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
    }

    private Task InBrowserAsync(string name, Func<IPage, Task> test) => BrowserRun.InBrowserAsync(fixture, name, test);

    /// <summary>
    /// Scans the QR picture as it shows on screen. The picture has its size, and so is visible, before the browser has decoded
    /// and drawn it; a screenshot taken in between held no code once. It is scanned once decoded.
    /// </summary>
    private static async Task<string?> ScanAsync(ILocator qr)
    {
        await qr.EvaluateAsync("img => img.decode()");
        return QrDecoder.Decode(await qr.ScreenshotAsync());
    }
}
