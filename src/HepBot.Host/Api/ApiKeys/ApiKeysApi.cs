using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.ApiKeys;

/// <summary>A key as listed: its prefix (not secret), whose it is and when it was made, last used, expires or was revoked.</summary>
public sealed record ApiKeyDto(Guid Id, string Prefix, Guid TherapistId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>A therapist lists and revokes their own keys; a clinic admin those of everyone in their clinic.</summary>
internal static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/api-keys").RequireAuthorization().WithTags("API keys");
        api.MapGet("/", ListKeys);
        api.MapPost("/{id:guid}/revoke", RevokeKey);
        return app;
    }

    private static IQueryable<ApiKey> VisibleTo(this IQueryable<ApiKey> keys, ApiCaller caller) =>
        caller.IsClinicAdmin
            ? keys.Where(k => k.Therapist!.ClinicId == caller.ClinicId)
            : keys.Where(k => k.TherapistId == caller.TherapistId);

    public static async Task<Ok<List<ApiKeyDto>>> ListKeys(ApiCaller caller, HepBotDbContext db, CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().VisibleTo(caller).ToListAsync(ct);
        return TypedResults.Ok(keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Prefix)
            .Select(k => new ApiKeyDto(k.Id, k.Prefix, k.TherapistId, k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.RevokedAt)).ToList());
    }

    /// <summary>Stops the key at once; revoking a revoked key keeps its first revocation time.</summary>
    public static async Task<Results<Ok<ApiKeyDto>, NotFound>> RevokeKey(Guid id, ApiCaller caller, HepBotDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var key = await db.ApiKeys.VisibleTo(caller).SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
            return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        key.RevokedAt ??= now;
        db.Audit(caller.Actor, AuditAction.Update, nameof(ApiKey), key.Id, null, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ApiKeyDto(key.Id, key.Prefix, key.TherapistId, key.CreatedAt, key.LastUsedAt, key.ExpiresAt, key.RevokedAt));
    }
}
