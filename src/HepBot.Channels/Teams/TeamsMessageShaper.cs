using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Channels.Teams;

/// <summary>
/// Fits the dialogs' channel-neutral replies to Teams on the way out. Teams shows at most three
/// suggested actions and none on a message with attachments, so any other question with buttons is
/// sent as an Adaptive Card whose submits carry <c>{ "choice": value }</c>: the prompts read that from
/// <see cref="Activity.Value"/> exactly as they read a tapped button.
/// </summary>
public sealed class TeamsMessageShaper : IMiddleware
{
    /// <summary>Channels whose clients follow the Teams rules (Agents Playground also speaks as "msteams").</summary>
    public static readonly IReadOnlySet<string> ChannelIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "msteams" };

    /// <summary>Teams shows no more suggested actions than this.</summary>
    public const int MaxSuggestedActions = 3;

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        if (ChannelIds.Contains(turnContext.Activity.ChannelId ?? ""))
        {
            turnContext.OnSendActivities(async (_, activities, nextSend) =>
            {
                foreach (var activity in activities)
                    Shape(activity);
                return await nextSend();
            });
        }
        return next(cancellationToken);
    }

    /// <summary>Rewrites <paramref name="activity"/> in place when Teams could not show its buttons.</summary>
    public static void Shape(Activity activity)
    {
        if (activity.Type != ActivityTypes.Message || activity.SuggestedActions?.Actions is not { Count: > 0 } actions)
            return;
        var attachments = activity.Attachments ?? [];
        if (actions.Count <= MaxSuggestedActions && attachments.Count == 0)
            return;

        var (card, kept) = ChoiceCard.Build(activity.Text, [.. actions], [.. attachments]);
        activity.Text = null;
        activity.SuggestedActions = null;
        activity.AttachmentLayout = AttachmentLayoutTypes.List;
        activity.Attachments = [new Attachment { ContentType = ChoiceCard.ContentType, Content = card }, .. kept];
    }
}
