using HepBot.Conversations;
using HepBot.Channels.Proactive;
using HepBot.Scheduling;
using Microsoft.Bot.Builder;

namespace HepBot.Host.Notifications;

/// <summary>
/// Scheduled work (reminders, nudges, alert delivery, progression news) reaches people through the one
/// proactive path: <see cref="ProactiveMessenger"/>, on every chat the person linked.
/// </summary>
internal sealed class ProactiveChatNotifier(ProactiveMessenger messenger) : IChatNotifier
{
    public async Task<bool> SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        (await messenger.SendToPatientAsync(patientId, compose, ct)).Delivered;

    public async Task<bool> SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        (await messenger.SendToTherapistAsync(therapistId, compose, ct)).Delivered;
}
