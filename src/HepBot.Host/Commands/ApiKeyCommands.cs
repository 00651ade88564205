using System.CommandLine;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Host.Api.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Commands;

/// <summary>
/// `api-key create --email E [--expires-in-days N]` prints the new key alone on the last line, for scripts to take;
/// `api-key list --email E` shows a therapist's keys by prefix (never the key); `api-key revoke --prefix P` stops one.
/// </summary>
internal static class ApiKeyCommands
{
    public static Command Create(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The therapist the key acts for." };
        var expiresInDays = new Option<int?>("--expires-in-days") { Description = "Days until the key stops working (1-3650); no expiry when left out." };
        var create = new Command("create", "Create an API key for a therapist; it is shown only once.") { email, expiresInDays };
        create.SetAction((parse, ct) => AdminDatabase.RunAsync(settings, error, async (db, services) =>
        {
            var typed = parse.GetValue(email)!;
            var normalized = TherapistCommands.NormalizeEmail(typed);
            var therapist = normalized is null ? null : await db.Therapists.SingleOrDefaultAsync(t => t.Email == normalized, ct);
            if (therapist is null)
                return await TherapistCommands.FailAsync(error, $"No therapist has e-mail '{typed}'; add one with: therapist add --email E --name N");

            if (ApiKeyIssuing.TherapistRefusal(therapist) is { } refusal)
                return await TherapistCommands.FailAsync(error, refusal);
            if (ApiKeyIssuing.ExpiryRefusal(parse.GetValue(expiresInDays)) is not null)
                return await TherapistCommands.FailAsync(error, $"--expires-in-days must be between 1 and {ApiKeyIssuing.MaxExpiryDays}.");
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var (_, key) = ApiKeyIssuing.Issue(db, therapist, ApiKeyIssuing.AdminVerbActor, now, parse.GetValue(expiresInDays));
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"API key for {therapist.Name} <{therapist.Email}>. Only its hash is stored; copy it now:");
            await output.WriteLineAsync(key);
            return 0;
        }, ct));

        var listEmail = new Option<string>("--email") { Required = true, Description = "The therapist whose keys to list." };
        var list = new Command("list", "List a therapist's API keys: prefix, created, last used, expiry, revoked.") { listEmail };
        list.SetAction((parse, ct) => AdminDatabase.RunAsync(settings, error, async (db, services) =>
        {
            var typed = parse.GetValue(listEmail)!;
            var normalized = TherapistCommands.NormalizeEmail(typed);
            var therapist = normalized is null ? null : await db.Therapists.SingleOrDefaultAsync(t => t.Email == normalized, ct);
            if (therapist is null)
                return await TherapistCommands.FailAsync(error, $"No therapist has e-mail '{typed}'.");
            var keys = (await db.ApiKeys.AsNoTracking().Where(k => k.TherapistId == therapist.Id).ToListAsync(ct)).OrderBy(k => k.CreatedAt);
            await output.WriteLineAsync("prefix        created               last used             expires               revoked");
            foreach (var k in keys)
                await output.WriteLineAsync($"{k.Prefix}  {Stamp(k.CreatedAt)}  {Stamp(k.LastUsedAt)}  {Stamp(k.ExpiresAt)}  {Stamp(k.RevokedAt)}");
            return 0;
        }, ct));

        var prefix = new Option<string>("--prefix") { Required = true, Description = "The key's prefix, as 'api-key list' shows it (its first 12 characters)." };
        var revoke = new Command("revoke", "Revoke an API key: it stops working at once.") { prefix };
        revoke.SetAction((parse, ct) => AdminDatabase.RunAsync(settings, error, async (db, services) =>
        {
            var given = parse.GetValue(prefix)!.Trim();
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == given, ct);
            if (key is null)
                return await TherapistCommands.FailAsync(error, $"No API key has prefix '{given}'; 'api-key list --email E' shows them.");
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            key.RevokedAt ??= now;
            db.Audit(ApiKeyIssuing.AdminVerbActor, AuditAction.Update, nameof(ApiKey), key.Id, null, now);
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"Revoked {key.Prefix} (since {Stamp(key.RevokedAt)}).");
            return 0;
        }, ct));
        return new Command("api-key", "Manage management-API keys.") { create, list, revoke };
    }

    private static string Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "-".PadRight(20);

}
