using Microsoft.Playwright;

namespace HepBot.Host.Tests.WebApp;

/// <summary>One browser test in a fresh context, keeping a full-page screenshot when it fails.</summary>
internal static class BrowserRun
{
    public static async Task InBrowserAsync(BrowserFixture fixture, string name, Func<IPage, Task> test, BrowserNewContextOptions? options = null)
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        await using var context = await fixture.Browser.NewContextAsync(options ?? new BrowserNewContextOptions { Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, name + ".png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            TestContext.Current.SendDiagnosticMessage($"Screenshot of the failure: {file}");
            throw;
        }
    }

    public static async Task SignInAsync(IPage page, BrowserFixture fixture, WebTherapist therapist)
    {
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await page.GetByLabel("E-mail").FillAsync(therapist.Email);
        await page.GetByLabel("Password").FillAsync(therapist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Keeps a full-page screenshot under the test output's browser-screenshots/ to look at as a therapist would (never committed).</summary>
    public static async Task KeepScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>With HEPBOT_DOC_SCREENSHOTS set, saves the page as one of the README's screenshots in that folder.</summary>
    public static async Task SaveDocScreenshotAsync(IPage page, string file)
    {
        if (Environment.GetEnvironmentVariable(BrowserFixture.DocScreenshotsVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = true });
        }
    }
}
