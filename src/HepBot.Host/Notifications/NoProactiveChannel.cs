using HepBot.Scheduling;
using Microsoft.Bot.Builder;

namespace HepBot.Host.Notifications;

/// <summary>
/// The chat notifier while no proactive messenger is registered: every send reports "not delivered",
/// so reminders are not counted as sent and alert chat deliveries stay in the outbox to be retried
/// once a messenger is bound. Registered with TryAdd, so a real <see cref="IChatNotifier"/> replaces it.
/// </summary>
internal sealed class NoProactiveChannel(ILogger<NoProactiveChannel> logger) : IChatNotifier
{
    public Task<bool> SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct)
    {
        logger.LogWarning("No proactive channel is registered; nothing sent to patient {PatientId}.", patientId);
        return Task.FromResult(false);
    }

    public Task<bool> SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct)
    {
        logger.LogWarning("No proactive channel is registered; nothing sent to therapist {TherapistId}.", therapistId);
        return Task.FromResult(false);
    }
}
