using HepBot.Core.Alerts;
using HepBot.Data;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Sessions;

/// <summary>Raises a therapist alert from a conversation when nothing else is saved with it.</summary>
public sealed class AlertRecorder(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    /// <param name="detail">The facts in one fixed English wording, as the API's <c>detail</c>; readers get <paramref name="moment"/> and
    /// <paramref name="exerciseId"/> worded in their language.</param>
    public async Task RaiseAsync(Guid patientId, AlertKind kind, AlertSeverity severity, string detail, CancellationToken ct,
        AlertMoment? moment = null, Guid? exerciseId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await AlertWriter.RaiseAsync(db, patientId, kind, severity, detail, clock.GetUtcNow(), ct) is { } alert)
            (alert.Moment, alert.ExerciseId) = (moment, exerciseId);
        await db.SaveChangesAsync(ct);
    }
}
