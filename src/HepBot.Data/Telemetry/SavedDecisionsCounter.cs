using System.Runtime.CompilerServices;
using HepBot.Core.Alerts;
using HepBot.Data.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HepBot.Data.Telemetry;

/// <summary>
/// Counts alerts opened and reminders queued when they are saved, whichever rule or dialog made them:
/// an alert or a queue row exists once its transaction commits, so that is when it counts (a save that
/// fails, or a duplicate another host already queued, counts nothing).
/// </summary>
public sealed class SavedDecisionsCounter(HepBotMetrics metrics) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
            return;
        var alerts = context.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Kind).ToList();
        var queued = context.ChangeTracker.Entries<OutboundMessage>().Where(e => e.State == EntityState.Added)
            .Select(e => (e.Entity.Kind, e.Entity.Channel)).ToList();
        if (alerts.Count == 0 && queued.Count == 0)
        {
            // Most saves queue nothing: a look needs no lock, a removal does.
            if (_pending.TryGetValue(context, out _))
                _pending.Remove(context);
        }
        else
            _pending.AddOrUpdate(context, new Pending(alerts, queued));
    }

    private void Count(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        _pending.Remove(context);
        foreach (var kind in pending.Alerts)
            metrics.AlertOpened(kind);
        foreach (var (kind, channel) in pending.Queued)
            metrics.ReminderDecided(kind, channel);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }

    private sealed record Pending(List<AlertKind> Alerts, List<(OutboundKind Kind, string Channel)> Queued);
}
