using HepBot.Conversations;
using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace HepBot.Host.Tests.Support;

/// <summary>Stands in for the proactive messenger in host tests: runs the compose callback in an English test turn and keeps the text.</summary>
internal sealed class RecordingChatNotifier : IChatNotifier
{
    public ConcurrentQueue<(Guid RecipientId, string Text)> Sent { get; } = new();

    public Task<bool> SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        SendAsync(patientId, compose, ct);

    public Task<bool> SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        SendAsync(therapistId, compose, ct);

    private async Task<bool> SendAsync(Guid recipient, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct)
    {
        var adapter = new TestAdapter();
        using var turn = new TurnContext(adapter, new Activity(ActivityTypes.Event)
        {
            ChannelId = "test", Locale = "en", Conversation = new ConversationAccount(id: recipient.ToString()),
            From = new ChannelAccount("bot"), Recipient = new ChannelAccount(recipient.ToString()),
        });
        await compose(turn, ct);
        var texts = new List<string>();
        while (adapter.ActiveQueue.Count > 0)
            texts.Add(adapter.ActiveQueue.Dequeue().Text);
        Sent.Enqueue((recipient, string.Join("\n", texts)));
        return true;
    }
}
