using HepBot.Core.Reminders;
using Microsoft.Extensions.Logging;

namespace HepBot.Conversations.Patients;

/// <summary>
/// Brings a patient's reminders in step with a change they made in the chat (linking, consent, reminder times,
/// a pause, a language) after their turn, not inside it. The scheduler's store changes each trigger under its
/// cluster-wide lock, which another host's scheduler may be holding; the patient's reply must not wait behind it.
/// The change itself is saved in the turn, and the update reads the patient as they are when it runs, so a patient
/// changed twice before it runs is updated once. An update that fails is logged; the patient's next change, and the
/// start-up synchronisation of every patient, set the triggers right.
/// </summary>
public sealed class ReminderUpdates(IReminderSchedule reminders, ILogger<ReminderUpdates> logger)
{
    private readonly Lock _gate = new();
    private readonly Queue<Guid> _queue = new();
    private readonly HashSet<Guid> _queued = [];
    private bool _running;
    private Task _draining = Task.CompletedTask;

    /// <summary>Queues the update of <paramref name="patientId"/>'s reminders and returns at once.</summary>
    public void AfterTurn(Guid patientId)
    {
        lock (_gate)
        {
            if (!_queued.Add(patientId))
                return;
            _queue.Enqueue(patientId);
            if (_running)
                return;
            _running = true;
            _draining = Task.Run(DrainAsync);
        }
    }

    /// <summary>Completes when every update queued so far has run (tests, and a host that stops).</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task draining;
            lock (_gate)
            {
                if (!_running)
                    return;
                draining = _draining;
            }
            await draining;
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            Guid patientId;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out patientId))
                {
                    _running = false;
                    return;
                }
                // A change arriving while this one runs queues the patient again, so it is not missed.
                _queued.Remove(patientId);
            }
            try
            {
                // Not the turn's token: the turn is over, and the update is owed all the same.
                await reminders.OnPatientChangedAsync(patientId, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "The reminders of patient {PatientId} could not be brought in step with their change; the next change or start-up will", patientId);
            }
        }
    }
}
