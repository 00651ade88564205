using Microsoft.Bot.Builder;

namespace HepBot.Conversations;

/// <summary>
/// The one way HepBot starts a message to a person (reminders, alerts, a therapist's reply) in their chats. The compose callback runs inside a
/// proactive turn with the recipient's locale set; accounts marked unreachable are skipped.
/// </summary>
public interface IChatNotifier
{
    /// <returns>True when the message reached at least one of the patient's chats.</returns>
    Task<bool> SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct);

    /// <returns>True when the message reached at least one of the therapist's chats.</returns>
    Task<bool> SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct);
}
