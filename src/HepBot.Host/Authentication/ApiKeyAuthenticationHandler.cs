using System.Security.Claims;
using System.Text.Encodings.Web;
using HepBot.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HepBot.Host.Authentication;

/// <summary>Authenticates "Authorization: Bearer hb_..." against the stored key hashes.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    HepBotDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";

    // LastUsedAt answers "is this key still in use?"; minute precision is plenty and spares a write per request.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var key = header[BearerPrefix.Length..].Trim();
        if (!ApiKeySecret.LooksLikeKey(key))
            return AuthenticateResult.Fail("The bearer token is not a HepBot API key.");

        var prefix = ApiKeySecret.PrefixOf(key);
        var now = clock.GetUtcNow();
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)
                && k.Therapist!.DeactivatedAt == null)
            .Select(k => new { k.Id, k.Hash, k.LastUsedAt, k.TherapistId, k.Therapist!.ClinicId, k.Therapist.Role })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (stored is null || !ApiKeySecret.Matches(key, stored.Hash))
            return AuthenticateResult.Fail("Unknown, revoked or expired API key, or its therapist was deactivated.");

        if (stored.LastUsedAt is null || now - stored.LastUsedAt.Value >= LastUsedPrecision)
        {
            await db.ApiKeys.Where(k => k.Id == stored.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(ApiCaller.ClaimsFor(stored.TherapistId, stored.ClinicId, stored.Role), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }
}
