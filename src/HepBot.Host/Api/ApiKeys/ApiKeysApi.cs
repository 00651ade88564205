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

/// <summary>A new key: the key itself is in this answer only, never again (only its hash is kept).</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Prefix, Guid TherapistId, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string Key);

/// <summary>A key to create: for a therapist of the caller's clinic (left out: the caller), expiring after some days (left out: never).</summary>
public sealed record CreateApiKeyRequest(Guid? TherapistId, int? ExpiresInDays);

/// <summary>
/// A therapist lists and revokes their own keys; a clinic admin those of everyone in their clinic, and creates them.
/// Creating goes through <see cref="ApiKeyIssuing"/>, as the app's page and the <c>api-key create</c> verb do.
/// </summary>
internal static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/api-keys").RequireAuthorization().WithTags("API keys");
        api.MapGet("/", ListKeys)
            .WithSummary("List API keys")
            .WithDescription("The caller's own keys (a clinic admin: everyone's in the clinic): prefix, owner, when made, last used, expiry and revocation. Never the key itself.");
        api.MapPost("/", CreateKey)
            .WithSummary("Create an API key")
            .WithDescription("Clinic admins only (others get 403): a key for an active therapist of the clinic (default: the caller), expiring after expiresInDays (default: never). The key is in this answer only; HepBot keeps its hash.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/{id:guid}/revoke", RevokeKey)
            .WithSummary("Revoke an API key")
            .WithDescription("Stops the key at once. Revoking a revoked key keeps its first revocation time.");
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

    /// <summary>A clinic admin's new key for an active therapist of their clinic; anyone else is refused (403).</summary>
    public static async Task<Results<Created<CreatedApiKeyDto>, ValidationProblem, ProblemHttpResult>> CreateKey(
        CreateApiKeyRequest request, ApiCaller caller, HepBotDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!caller.IsClinicAdmin)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a clinic admin creates API keys.");
        var therapistId = request.TherapistId ?? caller.TherapistId;
        var therapist = await db.Therapists.SingleOrDefaultAsync(t => t.Id == therapistId && t.ClinicId == caller.ClinicId, ct);
        var errors = new FieldErrors();
        if (ApiKeyIssuing.TherapistRefusal(therapist) is { } refusal)
            errors.Add("therapistId", refusal);
        if (ApiKeyIssuing.ExpiryRefusal(request.ExpiresInDays) is { } expiry)
            errors.Add("expiresInDays", expiry);
        if (errors.Any)
            return errors.ToProblem();
        var (key, secret) = ApiKeyIssuing.Issue(db, therapist!, caller.Actor, clock.GetUtcNow(), request.ExpiresInDays);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/v1/api-keys", new CreatedApiKeyDto(key.Id, key.Prefix, key.TherapistId, key.CreatedAt, key.ExpiresAt, secret));
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
