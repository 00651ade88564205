using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Outbound;

/// <summary>
/// The durable outbound queue and the channel leases, as statements every provider runs alike: the
/// decisions that enqueue, and the one sender per channel that takes, sends and marks rows.
/// </summary>
public static class OutboundQueue
{
    /// <summary>
    /// Adds the message for each of the patient's reachable chats that does not have it yet, to be saved
    /// by the caller with the decision it belongs to.
    /// </summary>
    /// <returns>The chats the message was queued for (0: none reachable, or already queued).</returns>
    public static async Task<int> EnqueueToPatientAsync(HepBotDbContext db, Guid patientId, OutboundKind kind, string? arguments,
        string idempotencyKey, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken ct)
    {
        var chats = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.UnreachableSince == null)
            .OrderBy(a => a.LinkedAt)
            .Select(a => new { a.Id, a.Channel })
            .ToListAsync(ct);
        var ids = chats.Select(c => c.Id).ToList();
        var queued = (await db.OutboundMessages.AsNoTracking()
            .Where(m => ids.Contains(m.ChannelAccountId) && m.IdempotencyKey == idempotencyKey)
            .Select(m => m.ChannelAccountId)
            .ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var chat in chats.Where(c => !queued.Contains(c.Id)))
        {
            db.OutboundMessages.Add(new OutboundMessage
            {
                Channel = chat.Channel,
                ChannelAccountId = chat.Id,
                PatientId = patientId,
                Kind = kind,
                Arguments = arguments,
                IdempotencyKey = idempotencyKey,
                CreatedAt = now,
                DueAt = dueAt,
                NextAttemptAt = dueAt,
            });
            added++;
        }
        return added;
    }

    /// <summary>True when the message is already in the queue for at least one chat (the job ran before).</summary>
    public static Task<bool> IsQueuedAsync(HepBotDbContext db, Guid patientId, string idempotencyKey, CancellationToken ct) =>
        db.OutboundMessages.AnyAsync(m => m.PatientId == patientId && m.IdempotencyKey == idempotencyKey, ct);

    /// <summary>
    /// Takes or renews the channel's lease for <paramref name="holder"/> until <paramref name="now"/> +
    /// <paramref name="duration"/>: one conditional UPDATE that succeeds only while the lease is the
    /// holder's own or has expired, so of several hosts exactly one holds it at a time.
    /// </summary>
    public static async Task<bool> TryHoldLeaseAsync(HepBotDbContext db, string channel, string holder, DateTimeOffset now,
        TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        var updated = await db.SenderLeases
            .Where(l => l.Channel == channel && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (updated == 1)
            return true;
        if (await db.SenderLeases.AsNoTracking().AnyAsync(l => l.Channel == channel, ct))
            return false;
        // The channel's first sender: of several inserting at once, the unique key lets one win.
        var lease = new SenderLease { Channel = channel, Holder = holder, ExpiresAt = until };
        db.SenderLeases.Add(lease);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            db.Entry(lease).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Gives the lease up at once (a host stopping), so another host need not wait for it to expire.</summary>
    public static Task<int> ReleaseLeaseAsync(HepBotDbContext db, string channel, string holder, DateTimeOffset now, CancellationToken ct) =>
        db.SenderLeases.Where(l => l.Channel == channel && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), ct);

    /// <summary>
    /// Rows left in <see cref="OutboundStatus.Sending"/> on the channel: by another sender (it lost the lease or
    /// died), or by this one in an earlier round (a send called off when the lease could not be renewed, or an answer
    /// that could not be recorded). Called at the start of a round, by the lease holder, when none of its own sends is
    /// still running (a round waits for all of its sends), so every such row is an orphan. The outcome is unknown, so
    /// each is tried once more; one already tried again that way is given up.
    /// </summary>
    /// <returns>The rows queued again.</returns>
    public static async Task<int> RecoverUnknownAsync(HepBotDbContext db, string channel, DateTimeOffset now, CancellationToken ct)
    {
        var orphans = db.OutboundMessages.Where(m => m.Channel == channel && m.Status == OutboundStatus.Sending);
        await orphans.Where(m => m.OutcomeUnknown)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboundStatus.Unreachable)
                .SetProperty(m => m.LastError, "outcome unknown twice"), ct);
        return await orphans.Where(m => !m.OutcomeUnknown)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboundStatus.Retrying)
                .SetProperty(m => m.OutcomeUnknown, true)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LastError, "outcome unknown"), ct);
    }

    /// <summary>
    /// Due rows of the channel in enqueue order, only the first unfinished one of each chat, so a chat's
    /// messages keep their order even when one of them waits for a retry.
    /// </summary>
    public static Task<List<OutboundMessage>> NextDueAsync(HepBotDbContext db, string channel, DateTimeOffset now, int take, CancellationToken ct) =>
        db.OutboundMessages.AsNoTracking()
            .Where(m => m.Channel == channel && (m.Status == OutboundStatus.Pending || m.Status == OutboundStatus.Retrying)
                && m.NextAttemptAt <= now
                && !db.OutboundMessages.Any(e => e.ChannelAccountId == m.ChannelAccountId && e.Id < m.Id
                    && (e.Status == OutboundStatus.Pending || e.Status == OutboundStatus.Retrying || e.Status == OutboundStatus.Sending)))
            .OrderBy(m => m.Id)
            .Take(take)
            .ToListAsync(ct);

    /// <summary>
    /// Rows waiting (pending, retrying or being sent) per channel: the channels for the hosts' senders to
    /// take a lease on, and the queue's depth. One grouped count over the unfinished rows, which the
    /// (channel, status, next attempt) index answers without reading the table.
    /// </summary>
    public static async Task<Dictionary<string, int>> WaitingByChannelAsync(HepBotDbContext db, CancellationToken ct) =>
        (await db.OutboundMessages.AsNoTracking()
            .Where(m => m.Status == OutboundStatus.Pending || m.Status == OutboundStatus.Retrying || m.Status == OutboundStatus.Sending)
            .GroupBy(m => m.Channel)
            .Select(g => new { Channel = g.Key, Count = g.Count() })
            .ToListAsync(ct)).ToDictionary(c => c.Channel, c => c.Count, StringComparer.Ordinal);

    /// <summary>The channels that have rows waiting, for the hosts' senders to take a lease on.</summary>
    public static Task<List<string>> ChannelsWithWorkAsync(HepBotDbContext db, CancellationToken ct) =>
        db.OutboundMessages.AsNoTracking()
            .Where(m => m.Status == OutboundStatus.Pending || m.Status == OutboundStatus.Retrying || m.Status == OutboundStatus.Sending)
            .Select(m => m.Channel).Distinct().ToListAsync(ct);

    /// <summary>
    /// Marks the rows <see cref="OutboundStatus.Sending"/> for <paramref name="holder"/> in one statement
    /// that succeeds only while the holder's lease is still valid; rows not taken stay where they were.
    /// </summary>
    /// <returns>The rows this holder now sends.</returns>
    public static async Task<List<long>> ClaimAsync(HepBotDbContext db, string channel, IReadOnlyCollection<long> ids, string holder,
        DateTimeOffset now, CancellationToken ct)
    {
        await db.OutboundMessages
            .Where(m => ids.Contains(m.Id) && m.Channel == channel
                && (m.Status == OutboundStatus.Pending || m.Status == OutboundStatus.Retrying)
                && db.SenderLeases.Any(l => l.Channel == channel && l.Holder == holder && l.ExpiresAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboundStatus.Sending)
                .SetProperty(m => m.LeaseHolder, holder)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        return await db.OutboundMessages.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.Status == OutboundStatus.Sending && m.LeaseHolder == holder)
            .Select(m => m.Id).ToListAsync(ct);
    }

    /// <summary>Records the channel's answer for a row this holder sends; false when another sender took the row over meanwhile.</summary>
    public static async Task<bool> MarkAsync(HepBotDbContext db, long id, string holder, OutboundStatus status, DateTimeOffset now,
        DateTimeOffset? nextAttemptAt, string? error, CancellationToken ct) =>
        await db.OutboundMessages
            .Where(m => m.Id == id && m.Status == OutboundStatus.Sending && m.LeaseHolder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status)
                .SetProperty(m => m.SentAt, status == OutboundStatus.Sent ? now : null)
                .SetProperty(m => m.NextAttemptAt, m => nextAttemptAt ?? m.NextAttemptAt)
                .SetProperty(m => m.LastError, error), ct) == 1;
}
