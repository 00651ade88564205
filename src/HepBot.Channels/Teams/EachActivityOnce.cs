using HepBot.Data.Deliveries;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace HepBot.Channels.Teams;

/// <summary>
/// The Bot Connector may deliver an activity more than once (a retry after a timeout, a client that
/// sends again); each activity id of a conversation runs one turn, claimed in the database so the
/// rule holds across restarts and hosts (<see cref="DeliveryLog"/>). Runs after authentication, so an
/// unauthenticated caller cannot use up ids. Proactive turns have no delivery and pass through.
/// </summary>
public sealed class EachActivityOnce(DeliveryLog deliveries, ILogger<EachActivityOnce> logger) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var proactive = activity.Type == ActivityTypes.Event && activity.Name == ActivityEventNames.ContinueConversation;
        if (proactive || string.IsNullOrEmpty(activity.Id) || activity.Conversation?.Id is not { } conversation)
        {
            await next(cancellationToken);
            return;
        }
        if (await deliveries.TryClaimAsync(activity.ChannelId, DeliveryLog.KeyOf(conversation, activity.Id), cancellationToken))
        {
            await next(cancellationToken);
            return;
        }
        logger.LogInformation("A {ActivityType} activity on {Channel} was delivered again; it was already processed", activity.Type, activity.ChannelId);
        // An invoke expects an answer; the first delivery gave the real one.
        if (activity.Type == ActivityTypes.Invoke)
            await turnContext.SendActivityAsync(new Activity(ActivityTypesEx.InvokeResponse) { Value = new InvokeResponse { Status = 200 } }, cancellationToken);
    }
}
