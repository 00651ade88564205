using HepBot.Conversations;
using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace HepBot.Scheduling.Tests.Support;

/// <summary>A sent proactive message: who got it and the activities the compose callback produced.</summary>
public sealed record SentMessage(Guid RecipientId, bool ToTherapist, IReadOnlyList<IMessageActivity> Activities)
{
    public string Text => string.Join("\n", Activities.Select(a => a.Text));
    public IReadOnlyList<string> ButtonValues => Activities.SelectMany(a => a.SuggestedActions?.Actions ?? []).Select(a => (string)a.Value).ToList();
}

/// <summary>
/// Stands in for the proactive messenger (both its paths: to a person, and the outbound queue's to one
/// chat): runs the compose callback in a test turn with the given locale and records what it sent.
/// <see cref="FailuresLeft"/> sends fail (as a channel that is down) first.
/// </summary>
public sealed class RecordingNotifier(string locale = "en") : IChatNotifier, IChatSender
{
    public ConcurrentQueue<SentMessage> Sent { get; } = new();

    /// <summary>This many sends throw before sends succeed again.</summary>
    public int FailuresLeft { get; set; }

    /// <summary>False: the recipient has no reachable chat.</summary>
    public bool Reachable { get; set; } = true;

    public Task<bool> SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        SendAsync(patientId, false, compose, ct);

    public Task<bool> SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        SendAsync(therapistId, true, compose, ct);

    public async Task<ChatSendOutcome> SendToChatAsync(Guid channelAccountId, Guid patientId, Func<ITurnContext, CancellationToken, Task> compose,
        CancellationToken ct) =>
        await SendAsync(patientId, false, compose, ct) ? ChatSendOutcome.Sent : ChatSendOutcome.Unreachable;

    private async Task<bool> SendAsync(Guid recipient, bool toTherapist, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException("The channel is down.");
        }
        if (!Reachable)
            return false;
        var adapter = new TestAdapter();
        var activity = new Activity(ActivityTypes.Event)
        {
            ChannelId = "test",
            Locale = locale,
            Conversation = new ConversationAccount(id: recipient.ToString()),
            From = new ChannelAccount("bot"),
            Recipient = new ChannelAccount(recipient.ToString()),
        };
        using var turn = new TurnContext(adapter, activity);
        await compose(turn, ct);
        var activities = new List<IMessageActivity>();
        while (adapter.ActiveQueue.Count > 0)
            activities.Add(adapter.ActiveQueue.Dequeue().AsMessageActivity());
        Sent.Enqueue(new SentMessage(recipient, toTherapist, activities));
        return true;
    }
}
