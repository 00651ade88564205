using HepBot.Conversations.Sessions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace HepBot.Channels.Teams;

/// <summary>
/// Fits the dialogs' channel-neutral replies to Teams on the way out. Teams shows at most three
/// suggested actions and none on a message with attachments, so any other question with buttons is
/// sent as an Adaptive Card whose submits carry <c>{ "choice": value }</c>: the prompts read that from
/// <see cref="Activity.Value"/> exactly as they read a tapped button. A tap on such a card writes the chosen answer into it
/// (<see cref="AnsweredCards"/>), as a Telegram question is edited. A message with a picture on an https address
/// (an exercise's) becomes a card too, the picture inside it.
/// </summary>
public sealed class TeamsMessageShaper(AnsweredCards cards, ILogger<TeamsMessageShaper> logger) : IMiddleware
{
    /// <summary>For tests of the shape alone.</summary>
    public TeamsMessageShaper() : this(new AnsweredCards(), NullLogger<TeamsMessageShaper>.Instance)
    {
    }

    /// <summary>Channels whose clients follow the Teams rules (Agents Playground also speaks as "msteams").</summary>
    public static readonly IReadOnlySet<string> ChannelIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "msteams" };

    /// <summary>Teams shows no more suggested actions than this.</summary>
    public const int MaxSuggestedActions = 3;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        if (!ChannelIds.Contains(turnContext.Activity.ChannelId ?? ""))
        {
            await next(cancellationToken);
            return;
        }
        var conversationId = turnContext.Activity.Conversation?.Id;
        turnContext.OnSendActivities(async (_, activities, nextSend) =>
        {
            var sentCards = activities.Select(Shape).ToList();
            var responses = await nextSend();
            for (var i = 0; i < sentCards.Count && i < responses.Length; i++)
            {
                if (sentCards[i] is { } card && conversationId is not null && responses[i]?.Id is { Length: > 0 } id)
                    cards.Remember(conversationId, id, card);
            }
            return responses;
        });
        // A message edited in place (a guided set) is a card from its first send, and each edit is a card again.
        turnContext.OnUpdateActivity(async (_, activity, nextUpdate) =>
        {
            var card = Shape(activity);
            var response = await nextUpdate();
            if (card is not null && conversationId is not null && activity.Id is { Length: > 0 } id)
                cards.Remember(conversationId, id, card);
            return response;
        });
        await ShowAnswerAsync(turnContext, cancellationToken);
        await next(cancellationToken);
    }

    /// <summary>Writes the tapped answer into the card it came from, before the next question is sent.</summary>
    private async Task ShowAnswerAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Message || activity.Value is not JObject submit || activity.Conversation?.Id is not { } conversationId
            || string.IsNullOrEmpty(activity.ReplyToId) || submit.GetValue("choice", StringComparison.OrdinalIgnoreCase)?.ToString() is not { } choice)
            return;
        if (cards.Take(conversationId, activity.ReplyToId) is not { } card || ChoiceCard.Answered(card, choice) is not { } answered)
            return;
        var update = activity.CreateReply();
        update.Id = activity.ReplyToId;
        update.ReplyToId = null;
        update.Text = null;
        update.AttachmentLayout = AttachmentLayoutTypes.List;
        update.Attachments = [new Attachment { ContentType = ChoiceCard.ContentType, Content = answered }];
        try
        {
            await turnContext.UpdateActivityAsync(update, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answer still counts; buttons left on an old card are only cosmetic, and a second tap is refused by the prompt's id.
            logger.LogWarning(e, "The answered card could not be updated in Teams");
        }
    }

    /// <summary>Rewrites <paramref name="activity"/> in place when Teams could not show its buttons.</summary>
    /// <returns>The card it became, or null when the activity was left as it was.</returns>
    public static JObject? Shape(Activity activity)
    {
        var inPlace = GuidedSetRunner.IsInPlace(activity);
        activity.Properties?.Remove(GuidedSetRunner.InPlaceProperty);
        if (activity.Type != ActivityTypes.Message)
            return null;
        var actions = activity.SuggestedActions?.Actions ?? [];
        var attachments = activity.Attachments ?? [];
        // A message edited in place (a guided set) is a card from its first send, whatever it holds. Otherwise: a message with
        // a picture on the web (an exercise card) is its text and picture as one card, the picture with its alt text; a
        // question is a card when Teams cannot show its buttons as suggested actions.
        if (!inPlace && actions.Count == 0 && !attachments.Any(ChoiceCard.IsWebImage))
            return null;
        if (!inPlace && actions.Count is > 0 and <= MaxSuggestedActions && attachments.Count == 0)
            return null;

        var (card, kept) = ChoiceCard.Build(activity.Text, [.. actions], [.. attachments]);
        activity.Text = null;
        activity.SuggestedActions = null;
        activity.AttachmentLayout = AttachmentLayoutTypes.List;
        activity.Attachments = [new Attachment { ContentType = ChoiceCard.ContentType, Content = card }, .. kept];
        return card;
    }
}
