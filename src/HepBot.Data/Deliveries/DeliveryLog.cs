using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Deliveries;

/// <summary>
/// Exactly-once processing of deliveries that channels may send more than once (Telegram retries a
/// webhook call or an unconfirmed getUpdates batch; the Bot Connector retries an activity). The
/// claim is an insert of a unique key in the HepBot database, so it holds across restarts and across
/// hosts sharing the database. Ids are remembered for <see cref="RememberFor"/> — a window in time,
/// not a highest id, because Telegram's update ids may jump or start again from a random number.
/// </summary>
public sealed class DeliveryLog(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Longer than any channel redelivers: Telegram keeps an unconfirmed update for 24 hours, and the Bot
    /// Connector retries for minutes.
    /// </summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromDays(2);

    /// <summary>Expired ids are swept at most this often by each host.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    private long _nextSweepTicks;

    /// <summary>True when this call is the first to see the delivery (the caller processes it); false for a repeat.</summary>
    public async Task<bool> TryClaimAsync(string channel, string deliveryId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await SweepIfDueAsync(now, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await InsertIfAbsentAsync(db, channel, deliveryId, now, ct) == 1)
            return true;
        var cutoff = now - RememberFor;
        // Seen so long ago that it cannot be a redelivery: a new delivery that reuses the id. Only one
        // of several racing callers moves SeenAt on.
        var renewed = await db.SeenDeliveries
            .Where(d => d.Channel == channel && d.DeliveryId == deliveryId && d.SeenAt < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SeenAt, now), ct);
        return renewed == 1;
    }

    /// <summary>
    /// One statement that inserts the key unless it is there, so a repeat is no error (and no error in
    /// the database's log): ON CONFLICT on SQLite and PostgreSQL, a key-range lock on SQL Server.
    /// </summary>
    private static Task<int> InsertIfAbsentAsync(HepBotDbContext db, string channel, string deliveryId, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" => db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO [SeenDeliveries] ([Channel], [DeliveryId], [SeenAt]) SELECT {channel}, {deliveryId}, {now}
                WHERE NOT EXISTS (SELECT 1 FROM [SeenDeliveries] WITH (UPDLOCK, HOLDLOCK) WHERE [Channel] = {channel} AND [DeliveryId] = {deliveryId})
                """, ct),
            // SQLite keeps instants as UTC ticks (see SqliteHepBotDbContext).
            "Microsoft.EntityFrameworkCore.Sqlite" => db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "SeenDeliveries" ("Channel", "DeliveryId", "SeenAt") VALUES ({channel}, {deliveryId}, {now.UtcTicks}) ON CONFLICT DO NOTHING
                """, ct),
            _ => db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "SeenDeliveries" ("Channel", "DeliveryId", "SeenAt") VALUES ({channel}, {deliveryId}, {now.ToUniversalTime()}) ON CONFLICT DO NOTHING
                """, ct),
        };

    /// <summary>Forgets a claim whose processing failed before it was answered, so the redelivery is processed.</summary>
    public async Task ReleaseAsync(string channel, string deliveryId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.SeenDeliveries.Where(d => d.Channel == channel && d.DeliveryId == deliveryId).ExecuteDeleteAsync(ct);
    }

    /// <summary>A fixed-length key for an activity: conversation ids can be hundreds of characters long.</summary>
    public static string KeyOf(string conversationId, string activityId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{conversationId}\n{activityId}")));

    private async Task SweepIfDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).UtcTicks, due) != due)
            return;
        var cutoff = now - RememberFor;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.SeenDeliveries.Where(d => d.SeenAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
