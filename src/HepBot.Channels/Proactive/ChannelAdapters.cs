using Microsoft.Bot.Builder;

namespace HepBot.Channels.Proactive;

/// <summary>
/// An adapter that can start a turn in a stored conversation: the Telegram adapter for "telegram",
/// the CloudAdapter for "msteams" and "emulator". Proactive messages (reminders, alerts, timers)
/// all go through <see cref="BotAdapter.ContinueConversationAsync(System.Security.Claims.ClaimsIdentity, Microsoft.Bot.Schema.ConversationReference, BotCallbackHandler, CancellationToken)"/>
/// of the adapter registered for the account's channel.
/// </summary>
public interface IProactiveChannel
{
    /// <summary>The Bot Framework channel ids this adapter serves.</summary>
    IReadOnlyCollection<string> ChannelIds { get; }

    /// <summary>Runs <paramref name="callback"/> as a turn in the conversation the reference points to.</summary>
    Task ContinueConversationAsync(Microsoft.Bot.Schema.ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken);
}

/// <summary>The recipient blocked the bot, left the chat or removed the app: stop sending to them.</summary>
public sealed class RecipientUnreachableException(string channel, string reason, Exception? inner = null)
    : Exception($"The {channel} recipient cannot be reached: {reason}", inner)
{
    public string Channel { get; } = channel;
}
