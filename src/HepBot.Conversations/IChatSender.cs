using Microsoft.Bot.Builder;

namespace HepBot.Conversations;

/// <summary>
/// Sends one queued message to one linked chat: the path the outbound queue's sender uses, so each row
/// of the queue is one chat's send with one answer. The compose callback runs inside a proactive
/// turn with the chat owner's locale set.
/// </summary>
public interface IChatSender
{
    Task<ChatSendOutcome> SendToChatAsync(Guid channelAccountId, Guid patientId, Func<ITurnContext, CancellationToken, Task> compose,
        CancellationToken ct);
}

public enum ChatSendOutcome
{
    /// <summary>The channel accepted the message.</summary>
    Sent,

    /// <summary>The person blocked the bot or removed the app (now, or earlier): the chat is marked unreachable.</summary>
    Unreachable,

    /// <summary>No adapter for the chat's channel runs in this host.</summary>
    NoChannel,

    /// <summary>Failed after the channel's own retries; worth trying again later.</summary>
    Failed,
}
