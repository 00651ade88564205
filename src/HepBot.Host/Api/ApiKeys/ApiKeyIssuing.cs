using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Host.Authentication;

namespace HepBot.Host.Api.ApiKeys;

/// <summary>
/// The one way an API key is made, for <c>POST /api/v1/api-keys</c>, the clinic admin's page and the
/// <c>api-key create</c> verb: only for an active therapist, with an optional expiry of 1–3650 days, and audited.
/// </summary>
internal static class ApiKeyIssuing
{
    public const int MaxExpiryDays = 3650;

    /// <summary>The audit trail's actor for the admin verbs, which run on the server with no therapist signed in.</summary>
    public const string AdminVerbActor = "cli";

    public static string? TherapistRefusal(Therapist? therapist) => therapist switch
    {
        null => "No such therapist in your clinic.",
        { IsActive: false } => "This therapist was deactivated; a deactivated therapist's keys do not work.",
        _ => null,
    };

    public static string? ExpiryRefusal(int? expiresInDays) => expiresInDays is < 1 or > MaxExpiryDays
        ? $"Give the days until the key stops working, from 1 to {MaxExpiryDays}, or leave it out for no expiry."
        : null;

    /// <summary>
    /// Adds the key and its audit row to the context (saved by the caller, together) and returns the plain key, shown
    /// once. The rules above must have passed.
    /// </summary>
    public static (ApiKey Key, string Secret) Issue(HepBotDbContext db, Therapist therapist, string actor, DateTimeOffset now, int? expiresInDays)
    {
        if ((TherapistRefusal(therapist) ?? ExpiryRefusal(expiresInDays)) is { } refusal)
            throw new InvalidOperationException(refusal);
        var secret = ApiKeySecret.Mint(db, therapist.Id, now, expiresInDays is { } days ? now.AddDays(days) : null);
        var prefix = ApiKeySecret.PrefixOf(secret);
        var key = db.ApiKeys.Local.Single(k => k.Prefix == prefix);
        db.Audit(actor, AuditAction.Create, nameof(ApiKey), key.Id, null, now);
        return (key, secret);
    }
}
