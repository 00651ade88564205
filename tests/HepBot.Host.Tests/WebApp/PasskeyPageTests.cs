using System.Net;
using System.Text.Json;
using HepBot.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Tests.WebApp;

/// <summary>Passkeys through the real pipeline: the relying party and origin come from WebApp:PublicUrl, and the options need the page's token.</summary>
public sealed class PasskeyPageTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://localhost:5080", false, true)]
    [InlineData("http://LOCALHOST:5080", false, true)]
    [InlineData("http://localhost:5080", true, false)]
    [InlineData("http://localhost:5081", false, false)]
    [InlineData("https://localhost:5080", false, false)]
    [InlineData("http://evil.example:5080", false, false)]
    [InlineData("http://localhost.evil.example:5080", false, false)]
    public async Task A_passkey_is_accepted_only_from_the_public_address(string origin, bool crossOrigin, bool accepted)
    {
        // The test host keeps the default WebApp:PublicUrl, http://localhost:5080.
        var passkeys = fixture.Host.Services.GetRequiredService<IOptions<IdentityPasskeyOptions>>().Value;

        Assert.Equal("localhost", passkeys.ServerDomain);
        Assert.NotNull(passkeys.ValidateOrigin);
        var context = new PasskeyOriginValidationContext { HttpContext = new DefaultHttpContext(), Origin = origin, CrossOrigin = crossOrigin };
        Assert.Equal(accepted, await passkeys.ValidateOrigin(context));
    }

    [Fact]
    public async Task The_sign_in_pages_passkey_options_need_its_antiforgery_token_and_name_no_account()
    {
        var session = new WebSession(fixture.Host);
        var (_, page, _) = await session.GetAsync("/app/sign-in");
        Assert.Contains("Sign in with a passkey", page);
        Assert.Contains("src=\"/app/passkeys", page);

        var forged = await session.Client.PostAsync("/app/sign-in/passkey-options", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var asked = await session.Client.PostAsync("/app/sign-in/passkey-options", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebSession.AntiforgeryToken(page))]), Ct);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        using var options = JsonDocument.Parse(await asked.Content.ReadAsStringAsync(Ct));
        Assert.Equal("localhost", options.RootElement.GetProperty("rpId").GetString());
        Assert.False(string.IsNullOrEmpty(options.RootElement.GetProperty("challenge").GetString()));
        // Discoverable passkeys: the browser offers what it holds, so the page reveals no account's keys.
        Assert.False(options.RootElement.TryGetProperty("allowCredentials", out var allowed) && allowed.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Creation_options_are_for_the_signed_in_therapist_only()
    {
        var anonymous = new WebSession(fixture.Host);
        var (_, signInPage, _) = await anonymous.GetAsync("/app/sign-in");
        var refused = await anonymous.Client.PostAsync("/app/account/passkey-options", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebSession.AntiforgeryToken(signInPage))]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/app/sign-in", refused.Headers.Location!.ToString());

        var therapist = await fixture.NewWebTherapistAsync();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        var (status, account, _) = await session.GetAsync("/app/account");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You have no passkeys yet.", account);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await session.Client.PostAsync("/app/account/passkey-options", new FormUrlEncodedContent([]), Ct)).StatusCode);

        var asked = await session.Client.PostAsync("/app/account/passkey-options", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebSession.AntiforgeryToken(account))]), Ct);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        using var options = JsonDocument.Parse(await asked.Content.ReadAsStringAsync(Ct));
        Assert.Equal("localhost", options.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(therapist.Email, options.RootElement.GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Renaming_and_removing_a_passkey_are_audited_by_its_short_key_never_the_credential_or_its_name()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var credentialId = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using (var scope = fixture.Host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HepBot.Data.Accounts.TherapistAccount>>();
            var account = (await users.FindByIdAsync(therapist.Id.ToString()))!;
            var made = await users.AddOrUpdatePasskeyAsync(account, new UserPasskeyInfo(credentialId, [1, 2, 3], fixture.Host.Clock.GetUtcNow(),
                0, ["internal"], true, false, false, [4], [5])
            { Name = "Work laptop" });
            Assert.True(made.Succeeded);
        }
        var key = HepBot.Host.WebApp.Accounts.PasskeyForms.Key(credentialId);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var renamed = await session.PostFormAsync("/app/account", $"rename-{key}", new Dictionary<string, string> { ["PasskeyName"] = "Clinic desktop" });
        var removed = await session.PostFormAsync("/app/account", $"remove-{key}", new Dictionary<string, string>());

        Assert.Contains("Passkey renamed to Clinic desktop.", await renamed.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Passkey Clinic desktop removed.", await removed.Content.ReadAsStringAsync(Ct));
        await using var db = fixture.Database.CreateContext();
        var audited = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Passkey" && a.Actor == $"therapist:{therapist.Id}")
            .OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([(Core.Audit.AuditAction.Update, key), (Core.Audit.AuditAction.Delete, key)], audited.Select(a => (a.Action, a.EntityId)));
        Assert.All(audited, a => Assert.Equal(fixture.Host.Clock.GetUtcNow(), a.At));
        Assert.All(audited, a => Assert.Null(a.PatientId));
        Assert.DoesNotContain(audited, a => a.EntityId.Contains(Convert.ToHexString(credentialId), StringComparison.OrdinalIgnoreCase)
            || a.EntityId.Contains(Convert.ToBase64String(credentialId).TrimEnd('='), StringComparison.Ordinal) || a.EntityId.Contains("Clinic"));
    }

    [Fact]
    public async Task A_passkey_that_the_browser_did_not_make_adds_nothing()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var refused = await session.PostFormAsync("/app/account", "add-passkey", new Dictionary<string, string>
        {
            ["Add.Name"] = "Laptop", ["Add.CredentialJson"] = "{\"id\":\"AAAA\",\"type\":\"public-key\"}", ["Add.Failure"] = "",
        });
        var cancelled = await session.PostFormAsync("/app/account", "add-passkey", new Dictionary<string, string>
        {
            ["Add.Name"] = "Laptop", ["Add.CredentialJson"] = "", ["Add.Failure"] = "NotAllowedError",
        });

        Assert.True(refused.StatusCode == HttpStatusCode.OK, await refused.Content.ReadAsStringAsync(Ct));
        Assert.Contains("The passkey was not added.", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Contains("The passkey was not added.", await cancelled.Content.ReadAsStringAsync(Ct));
        await using var db = fixture.Database.CreateContext();
        Assert.Empty(db.UserPasskeys.Where(p => p.UserId == therapist.Id));
    }

    [Fact]
    public async Task A_passkey_sign_in_without_a_ceremony_is_refused_with_a_sentence_not_an_error()
    {
        var session = new WebSession(fixture.Host);

        var refused = await session.PostFormAsync("/app/sign-in", "passkey-sign-in", new Dictionary<string, string>
        {
            ["Passkey.CredentialJson"] = "{\"id\":\"AAAA\",\"type\":\"public-key\"}", ["Passkey.Failure"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That passkey did not sign you in.", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/app")).Status);
    }
}
