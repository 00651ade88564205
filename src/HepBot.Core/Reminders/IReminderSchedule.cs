namespace HepBot.Core.Reminders;

/// <summary>
/// The seam through which the API and the conversations keep a patient's reminders in step with their
/// settings, without knowing how reminders are scheduled.
/// </summary>
public interface IReminderSchedule
{
    /// <summary>Call after saving any change to the patient, their times, pause, consent or prescription (or after erasing them).</summary>
    Task OnPatientChangedAsync(Guid patientId, CancellationToken ct);

    /// <summary>"In 1 hour": one extra reminder after the snooze time. Returns when it will come, or null when reminders are off.</summary>
    Task<DateTimeOffset?> SnoozeAsync(Guid patientId, CancellationToken ct);
}

/// <summary>The reminder schedule when scheduling is switched off (<c>Scheduling:Enabled=false</c>): nothing to keep in step.</summary>
public sealed class RemindersOff : IReminderSchedule
{
    public Task OnPatientChangedAsync(Guid patientId, CancellationToken ct) => Task.CompletedTask;

    public Task<DateTimeOffset?> SnoozeAsync(Guid patientId, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);
}
