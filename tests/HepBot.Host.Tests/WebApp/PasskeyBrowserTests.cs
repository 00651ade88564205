using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.WebApp;

/// <summary>
/// The host at a public address known before it starts (WebApp:PublicUrl = http://localhost:port): a passkey's
/// relying party must be a host name, not 127.0.0.1, and the origin Identity accepts is that address.
/// </summary>
public sealed class PasskeyBrowserFixture : BrowserFixture
{
    private readonly int _port = FreeLoopbackPort();

    public string PublicUrl => $"http://localhost:{_port}";

    protected override int LoopbackPort => _port;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["WebApp:PublicUrl"] = PublicUrl };

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A therapist's passkey in a real browser, with Chromium's virtual authenticator standing in for a fingerprint reader.</summary>
public sealed class PasskeyBrowserTests(PasskeyBrowserFixture fixture) : IClassFixture<PasskeyBrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task A_therapist_adds_a_passkey_renames_it_signs_in_with_it_and_after_removing_it_cannot() =>
        BrowserRun.InBrowserAsync(fixture, nameof(A_therapist_adds_a_passkey_renames_it_signs_in_with_it_and_after_removing_it_cannot), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var passkeyKey = "";
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync($"{fixture.PublicUrl}/app/sign-in");
        await page.GetByLabel("E-mail").FillAsync(therapist.Email);
        await page.GetByLabel("Password").FillAsync(therapist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Expect(page.Locator("li[data-passkey]")).ToHaveCountAsync(0);

        await page.GetByLabel("Name for the new passkey").FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Passkey Work laptop added. Next time you can sign in with it.");
        await Expect(page.Locator("li[data-passkey]")).ToHaveCountAsync(1);
        await page.GetByLabel("New name for Work laptop").FillAsync("Clinic desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Passkey renamed to Clinic desktop.");
        await BrowserRun.SaveDocScreenshotAsync(page, "webapp-account.png");
        await using (var db = fixture.Database.CreateContext())
        {
            var stored = await db.UserPasskeys.Where(p => p.UserId == therapist.Id).ToListAsync(Ct);
            Assert.Equal("Clinic desktop", Assert.Single(stored).Data.Name);
            passkeyKey = HepBot.Host.WebApp.Accounts.PasskeyForms.Key(stored[0].CredentialId);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync($"{fixture.PublicUrl}/app/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Clinic desktop" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Passkey Clinic desktop removed. It no longer signs you in.");
        await Expect(page.Locator("li[data-passkey]")).ToHaveCountAsync(0);
        await using (var db = fixture.Database.CreateContext())
        {
            // Added, renamed and removed, each in the audit trail by the passkey's short key.
            var audited = await db.AuditEntries.Where(a => a.EntityType == "Passkey" && a.Actor == $"therapist:{therapist.Id}")
                .OrderBy(a => a.Id).Select(a => new { a.Action, a.EntityId }).ToListAsync(Ct);
            Assert.Equal([Core.Audit.AuditAction.Create, Core.Audit.AuditAction.Update, Core.Audit.AuditAction.Delete], audited.Select(a => a.Action));
            Assert.All(audited, a => Assert.Equal(passkeyKey, a.EntityId));
        }

        // The authenticator still holds the key, but HepBot no longer knows it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "That passkey did not sign you in. Try again, or sign in with your e-mail and password.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    });
}
