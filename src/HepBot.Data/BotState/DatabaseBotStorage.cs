using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HepBot.Data.BotState;

/// <summary>
/// Bot Framework state (conversation and user state, dialog stacks) kept in the BotState table, so it
/// survives restarts and is shared by every instance of the host.
/// </summary>
/// <remarks>
/// Behaves like the SDK's storages: values are serialized with Newtonsoft and full type names (as
/// <see cref="MemoryStorage"/> does), so a stored object reads back as its own type; a missing key is
/// absent from the result; an <see cref="IStoreItem"/> (or a <see cref="JObject"/> with an "ETag") is
/// written only while its ETag is still current, unless the ETag is "*" or empty. The check is a
/// conditional UPDATE in the database, so it holds across contexts and hosts.
/// </remarks>
public sealed class DatabaseBotStorage(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock) : IStorage
{
    private const string AnyETag = "*";
    private const int MaxAttempts = 3;

    // The settings MemoryStorage documents for custom serializers; the database holds only what this class wrote.
    private static readonly JsonSerializerSettings SerializerSettings = new()
    {
        TypeNameHandling = TypeNameHandling.All,
        NullValueHandling = NullValueHandling.Include,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
    };

    private static readonly PerModelQuery<Func<HepBotDbContext, string, CancellationToken, Task<BotStateEntry?>>> EntryByKey = new(() =>
        EF.CompileAsyncQuery((HepBotDbContext db, string key, CancellationToken _) => db.BotState.AsNoTracking().SingleOrDefault(e => e.Key == key)));

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
            return items;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A turn reads one key (its conversation's state): that read is compiled once, as it runs on every turn.
        var entries = keys.Length == 1
            ? await EntryByKey.For(db)(db, keys[0], cancellationToken) is { } one ? [one] : []
            : await db.BotState.AsNoTracking().Where(e => keys.Contains(e.Key)).ToListAsync(cancellationToken);

        foreach (var entry in entries)
        {
            var value = JsonConvert.DeserializeObject(entry.Json, SerializerSettings);
            if (value is null)
                continue;
            SetETag(value, entry.ETag);
            items[entry.Key] = value;
        }
        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
            return;

        // Each key is written on its own, without a surrounding transaction, as the SDK's storages do:
        // a failed insert in a PostgreSQL transaction would poison the rest of it.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(value, $"{nameof(changes)}[{key}]");
            var json = JsonConvert.SerializeObject(value, SerializerSettings);
            var newETag = Guid.NewGuid().ToString("N");
            await WriteEntryAsync(db, key, json, ExpectedETag(value), newETag, cancellationToken);
            SetETag(value, newETag);
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
            return;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.BotState.Where(e => keys.Contains(e.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <param name="expectedETag">The ETag the row must still have; null to overwrite whatever is there.</param>
    private async Task WriteEntryAsync(
        HepBotDbContext db, string key, string json, string? expectedETag, string newETag, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // More than one round only when another writer creates the key between our UPDATE and INSERT.
        for (var attempt = 1; ; attempt++)
        {
            var rows = db.BotState.Where(e => e.Key == key);
            if (expectedETag is not null)
                rows = rows.Where(e => e.ETag == expectedETag);
            var updated = await rows.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Json, json)
                .SetProperty(e => e.ETag, newETag)
                .SetProperty(e => e.UpdatedAt, now), cancellationToken);
            if (updated > 0)
                return;

            var currentETag = await CurrentETagAsync(db, key, cancellationToken);
            if (currentETag is not null && expectedETag is not null)
                throw new BotStateETagConflictException(key, expectedETag, currentETag);

            if (currentETag is null)
            {
                // A key that does not exist yet is created whatever ETag the item carries, as MemoryStorage does.
                db.BotState.Add(new BotStateEntry { Key = key, Json = json, ETag = newETag, UpdatedAt = now });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    // Most likely another writer created the key first; the next round updates it or
                    // reports the conflict. Any other failure repeats and surfaces on the last attempt.
                    db.ChangeTracker.Clear();
                }
            }
            else if (attempt == MaxAttempts)
            {
                throw new BotStateETagConflictException(key, expectedETag, currentETag);
            }
        }
    }

    private static Task<string?> CurrentETagAsync(HepBotDbContext db, string key, CancellationToken cancellationToken) =>
        db.BotState.Where(e => e.Key == key).Select(e => e.ETag).FirstOrDefaultAsync(cancellationToken);

    private static string? ExpectedETag(object value)
    {
        var etag = value switch
        {
            IStoreItem item => item.ETag,
            JObject json => json.Value<string>("ETag"),
            _ => null,
        };
        return string.IsNullOrEmpty(etag) || etag == AnyETag ? null : etag;
    }

    private static void SetETag(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem item:
                item.ETag = etag;
                break;
            case JObject json:
                json["ETag"] = etag;
                break;
        }
    }
}

/// <summary>
/// A state write whose ETag is no longer current: another turn saved the same state first. An
/// <see cref="ArgumentException"/>, as MemoryStorage throws, so handlers written for the SDK's storages still catch it.
/// </summary>
public sealed class BotStateETagConflictException(string key, string? expectedETag, string currentETag)
    : ArgumentException($"Etag conflict on bot state '{key}'. Original: {expectedETag}, current: {currentETag}.")
{
    public string Key { get; } = key;
}
