using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Hears a message a prompt did not understand before the prompt retries. When it answers (returns true),
/// the prompt asks its question again as it first did, instead of its "not understood" retry.
/// </summary>
public interface INotUnderstoodHandler
{
    Task<bool> OnNotUnderstoodAsync(ITurnContext turn, PromptState state, CancellationToken ct);
}
