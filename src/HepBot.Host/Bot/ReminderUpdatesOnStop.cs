using HepBot.Conversations.Patients;

namespace HepBot.Host.Bot;

/// <summary>A host that stops first runs the reminder updates its last turns queued (<see cref="ReminderUpdates"/>), as long as the shutdown allows.</summary>
internal sealed class ReminderUpdatesOnStop(ReminderUpdates updates) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await updates.IdleAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: the next start-up synchronises every patient's reminders.
        }
    }
}
