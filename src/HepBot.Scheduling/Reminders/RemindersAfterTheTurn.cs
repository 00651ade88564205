using System.Threading.Channels;
using HepBot.Conversations.Bot;
using HepBot.Core.Reminders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HepBot.Scheduling.Reminders;

/// <summary>
/// A patient's reminders are rescheduled after their chat turn, not inside it: linking, a new reminder time, a
/// pause or an erasure is saved and answered at once, and the triggers follow from a queue drained in the
/// background. Rescheduling takes the scheduler's lock (the cluster lock on PostgreSQL and SQL Server), which
/// under load kept turns waiting seconds. The API and the web app still reschedule before they answer.
/// A change still queued when the host stops or crashes is not lost: every start synchronises every
/// patient's triggers (<see cref="SchedulerStartup"/>). Snoozing stays in the turn, since its reply names the time.
/// </summary>
public sealed class RemindersAfterTheTurn(IReminderSchedule inner, ILogger<RemindersAfterTheTurn> logger) : BackgroundService, IReminderSchedule
{
    private readonly Channel<Guid> _changed = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public Task OnPatientChangedAsync(Guid patientId, CancellationToken ct)
    {
        if (!PatientTurn.IsRunning)
            return inner.OnPatientChangedAsync(patientId, ct);
        _changed.Writer.TryWrite(patientId);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> SnoozeAsync(Guid patientId, CancellationToken ct) => inner.SnoozeAsync(patientId, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var patientId in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await inner.OnPatientChangedAsync(patientId, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // By id and type only; the patient's next change or the next start synchronises them again.
                logger.LogError("Rescheduling the reminders of patient {PatientId} after their turn failed ({ExceptionType}).", patientId, e.GetType().Name);
            }
        }
    }
}
