using HepBot.Data;
using HepBot.Data.Outbound;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Scheduling.Outbound;

/// <summary>How a job's decision to message a patient is written: the queue's rows, saved with whatever else the decision changed.</summary>
public static class OutboundEnqueue
{
    /// <summary>
    /// Queues the message, due now, for each of the patient's reachable chats and saves <paramref name="db"/>
    /// (one transaction with the decision's own changes). A run that queued it before, or is doing so at
    /// the same moment on another host, adds nothing.
    /// </summary>
    /// <returns>True when the message is in the queue for at least one chat; false when the patient has no reachable chat.</returns>
    public static async Task<bool> ToPatientAsync(HepBotDbContext db, Guid patientId, OutboundKind kind, string? arguments,
        string idempotencyKey, DateTimeOffset now, CancellationToken ct)
    {
        if (await OutboundQueue.EnqueueToPatientAsync(db, patientId, kind, arguments, idempotencyKey, now, now, ct) == 0)
        {
            // Nothing new to queue; the decision's own changes, if any, are still saved.
            if (db.ChangeTracker.HasChanges())
                await db.SaveChangesAsync(ct);
            return await OutboundQueue.IsQueuedAsync(db, patientId, idempotencyKey, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            // Another run of the same job got there first; any other refusal is the decision's own and goes up.
            foreach (var entry in db.ChangeTracker.Entries<OutboundMessage>().ToList())
                entry.State = EntityState.Detached;
            if (!await OutboundQueue.IsQueuedAsync(db, patientId, idempotencyKey, ct))
                throw;
        }
        return true;
    }
}
