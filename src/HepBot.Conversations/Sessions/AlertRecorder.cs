using HepBot.Core.Alerts;
using HepBot.Data;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Sessions;

/// <summary>Raises a therapist alert from a conversation when nothing else is saved with it.</summary>
public sealed class AlertRecorder(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    public async Task RaiseAsync(Guid patientId, AlertKind kind, AlertSeverity severity, string detail, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await AlertWriter.RaiseAsync(db, patientId, kind, severity, detail, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
    }
}
