using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Bot.Builder's <see cref="TestAdapter"/> plus the proactive overload production adapters
/// (CloudAdapter) implement and the exercise timer uses: TestAdapter leaves the ClaimsIdentity
/// overload to BotAdapter, which throws NotImplementedException.
/// </summary>
internal sealed class TranscriptAdapter(ConversationReference conversation) : TestAdapter(conversation)
{
    /// <summary>Messages changed in place (a guided set's frames), in order, as Telegram and Teams would show them.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<Activity> Edits { get; } = new();

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        Edits.Enqueue(activity);
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public override Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference,
        BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(reference.Bot?.Id ?? "", reference, callback, cancellationToken);
}
