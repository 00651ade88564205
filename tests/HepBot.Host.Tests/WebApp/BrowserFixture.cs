using HepBot.Data;
using HepBot.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HepBot.Host.Tests.WebApp;

/// <summary>
/// The real host on a loopback port and Debian's chromium driven by Playwright (its own browser download is not
/// reachable, so the installed one is launched). Without chromium the tests skip, saying why, except in CI
/// (CI=true), where .ci/run installs it and a missing browser is a failure.
/// </summary>
public class BrowserFixture : ApiFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>When set, the browser tests also save the README's screenshots into this folder.</summary>
    public const string DocScreenshotsVariable = "HEPBOT_DOC_SCREENSHOTS";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool OnLoopbackPort => true;

    public string? SkipReason { get; protected set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(SkipReason);

    public string BaseAddress => Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    public override async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI must run the browser tests, but {ChromiumPath} is missing: .ci/run installs the chromium package.");
            SkipReason = $"{ChromiumPath} is not installed (apt-get install chromium), so the browser tests did not run.";
            return;
        }
        await base.InitializeAsync();
        // Playwright's 5 s default is for a quiet machine; CI runs every test project at once on 2 cores, where a
        // Blazor page or an enhanced form post sometimes takes longer. A real failure still fails, only later.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"],
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
