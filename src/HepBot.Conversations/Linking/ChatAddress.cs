namespace HepBot.Conversations.Linking;

/// <summary>Where a message came from: channel, user and conversation, plus what is needed to write back later.</summary>
public sealed record ChatAddress(string Channel, string UserId, string ConversationId, string? ConversationReference);
