using System.Net;
using System.Runtime.ExceptionServices;
using HepBot.Channels.Proactive;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;

namespace HepBot.Channels.Teams;

/// <summary>
/// Proactive turns for the chats behind <c>/api/messages</c>: Teams, the Emulator and Agents Playground.
/// Transient connector failures (429, 412, 5xx) are retried per request by <see cref="BotConnectorRetry"/>;
/// what still fails comes out of here, with "bot removed / conversation gone" as <see cref="RecipientUnreachableException"/>.
/// </summary>
public sealed class BotFrameworkProactiveChannel(CloudAdapter adapter, BotCredentials credentials, ServiceUrlPolicy serviceUrls) : IProactiveChannel
{
    /// <summary>The channels <c>/api/messages</c> serves, and the only ones it accepts activities from.</summary>
    public static readonly IReadOnlyCollection<string> Served = ["msteams", "emulator"];

    public IReadOnlyCollection<string> ChannelIds => Served;

    public async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        // A stored reference came from an accepted activity; checked again in case the rules got stricter since.
        if (!serviceUrls.Allows(reference.ServiceUrl))
            throw new InvalidOperationException($"The {reference.ChannelId} chat's service URL is not an allowed Bot Connector address (BotFramework:ServiceUrls).");

        // The adapter hands a failed turn to OnTurnError, which would apologise to someone who never wrote;
        // the failure is caught here instead and thrown to the sender.
        ExceptionDispatchInfo? failure = null;
        await adapter.ContinueConversationAsync(credentials.AppId, reference, async (turn, ct) =>
        {
            try
            {
                await callback(turn, ct);
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }, cancellationToken);

        if (failure?.SourceException is ErrorResponseException { Response.StatusCode: var status } error && IsRecipientGone(status))
            throw new RecipientUnreachableException(reference.ChannelId ?? "msteams", Reason(status, error), error);
        failure?.Throw();
    }

    /// <summary>403: the user blocked the bot or removed the app; 404: the conversation no longer exists.</summary>
    private static bool IsRecipientGone(HttpStatusCode status) => status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    private static string Reason(HttpStatusCode status, ErrorResponseException error) =>
        $"{(int)status} {error.Body?.Error?.Code ?? status.ToString()}";
}

/// <summary>The bot's Entra app id (<c>MicrosoftAppId</c>); empty for local unauthenticated traffic.</summary>
public sealed record BotCredentials(string AppId);
