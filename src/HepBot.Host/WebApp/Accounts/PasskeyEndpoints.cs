using System.Security.Cryptography;
using HepBot.Data;
using HepBot.Data.Accounts;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.WebApp.Accounts;

/// <summary>
/// The WebAuthn options the browser's half (wwwroot/app/passkeys.js) asks for before it creates or uses a
/// passkey. Identity keeps the challenge in its own short-lived cookie; the pages then finish the ceremony
/// (Account: attestation, Sign in: assertion). Both posts carry the page's anti-forgery token.
/// </summary>
internal static class PasskeyEndpoints
{
    public static void MapPasskeyEndpoints(this WebApplication app)
    {
        app.MapPost(WebAppHosting.BasePath + "/account/passkey-options", CreationOptionsAsync)
            .RequireAuthorization(WebAppHosting.Policy).ExcludeFromDescription();
        app.MapPost(WebAppHosting.BasePath + "/sign-in/passkey-options", RequestOptionsAsync)
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> CreationOptionsAsync(HttpContext http, IAntiforgery antiforgery,
        SignInManager<TherapistAccount> signIn, HepBotDbContext db)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Refused(http);
        var caller = ApiCaller.From(http.User)!;
        var account = await signIn.UserManager.FindByIdAsync(caller.TherapistId.ToString());
        if (account is null)
            return Refused(http);
        var name = await db.Therapists.Where(t => t.Id == caller.TherapistId).Select(t => t.Name).SingleAsync(http.RequestAborted);
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = account.Id.ToString(), Name = account.Email ?? account.UserName ?? account.Id.ToString(), DisplayName = name,
        });
        return TypedResults.Content(options, "application/json");
    }

    // No user is named: the browser offers the passkeys it holds for this site (discoverable credentials),
    // so the sign-in page tells nobody which e-mail addresses have an account.
    private static async Task<IResult> RequestOptionsAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<TherapistAccount> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Refused(http);
        return TypedResults.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");
    }

    // The script reads the status, not a page: the app's 404 page is not put in its place.
    private static IResult Refused(HttpContext http)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            pages.Enabled = false;
        return TypedResults.BadRequest();
    }
}

/// <summary>Rules the passkey forms share: a passkey's name, and a short form key for its credential id.</summary>
internal static class PasskeyForms
{
    public const int MaxNameLength = 60;

    /// <summary>The audit trail's entity type for a passkey, whose id there is <see cref="Key"/>.</summary>
    public const string AuditEntityType = "Passkey";

    /// <summary>The trimmed name, or null when it is empty or too long.</summary>
    public static string? CleanName(string? name) =>
        name?.Trim() is { Length: > 0 and <= MaxNameLength } clean ? clean : null;

    /// <summary>A credential id (up to 1 KB) as a short, stable key for form names and markup.</summary>
    public static string Key(byte[] credentialId) => Convert.ToHexStringLower(SHA256.HashData(credentialId))[..16];
}
