namespace HepBot.Core.Linking;

/// <summary>
/// A chat on one channel that belongs to a patient or a therapist: a Telegram chat, a Teams personal
/// conversation, the Emulator or the console. What is needed to message them later is kept here.
/// </summary>
public sealed class ChannelAccount
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Bot Framework channel id: "telegram", "msteams", "emulator", "console"...</summary>
    public required string Channel { get; set; }

    /// <summary>The user's id on that channel (Telegram user id, Teams AAD object or 29: id).</summary>
    public required string ChannelUserId { get; set; }

    /// <summary>
    /// The user's Entra (AAD) object id where the channel gives one (Teams): the same person reaches the
    /// bot with this id even where their channel user id differs. Null elsewhere.
    /// </summary>
    public string? ChannelUserObjectId { get; set; }

    /// <summary>The conversation (Telegram chat id, Teams conversation id).</summary>
    public required string ConversationId { get; set; }

    /// <summary>Serialized Bot Framework ConversationReference for proactive messages, where the channel needs one.</summary>
    public string? ConversationReference { get; set; }

    public Guid? PatientId { get; set; }
    public Guid? TherapistId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }

    /// <summary>Set when the channel said the user blocked the bot or removed the app; no more sends.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }
}
