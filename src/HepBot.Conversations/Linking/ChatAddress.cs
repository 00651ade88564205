namespace HepBot.Conversations.Linking;

/// <summary>Where a message came from: channel, user and conversation, plus what is needed to write back later.</summary>
/// <param name="UserObjectId">The sender's Entra object id, where the channel gives one (Teams).</param>
public sealed record ChatAddress(string Channel, string UserId, string ConversationId, string? ConversationReference, string? UserObjectId = null);
