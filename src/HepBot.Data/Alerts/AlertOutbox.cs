using HepBot.Core.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Alerts;

/// <summary>Outbox rules that outlive one delivery attempt.</summary>
public static class AlertOutbox
{
    /// <summary>
    /// A therapist just linked a chat: their open alerts whose chat delivery was given up go back in the
    /// queue, due now, so what waited only in the app also reaches the new chat. Saved by the caller.
    /// </summary>
    public static async Task<int> RequeueChatDeliveriesAsync(HepBotDbContext db, Guid therapistId, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await (from d in db.AlertDeliveries
                          join a in db.Alerts on d.AlertId equals a.Id
                          where a.TherapistId == therapistId && a.AcknowledgedAt == null && a.ClearedAt == null
                              && d.Destination == AlertDestination.Chat && d.State == AlertDeliveryState.Undeliverable
                          select d).ToListAsync(ct);
        foreach (var row in rows)
        {
            row.State = AlertDeliveryState.Pending;
            row.Attempts = 0;
            row.NextAttemptAt = now;
        }
        return rows.Count;
    }

    /// <summary>How each alert's delivery stands, for the given alerts (the app shows those not delivered).</summary>
    public static async Task<Dictionary<Guid, AlertReach>> ReachOfAsync(HepBotDbContext db, IReadOnlyCollection<Guid> alertIds, CancellationToken ct)
    {
        var rows = await db.AlertDeliveries.AsNoTracking().Where(d => alertIds.Contains(d.AlertId))
            .Select(d => new { d.AlertId, d.State }).ToListAsync(ct);
        return rows.GroupBy(r => r.AlertId).ToDictionary(g => g.Key, g => AlertReaches.Of(g.Select(r => r.State)));
    }
}
