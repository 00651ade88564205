using HepBot.Data.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Bot;

/// <summary>
/// Measures each turn a person started — a message, a button, a card action — on every channel: a
/// <c>hepbot.turn</c> span and the <c>hepbot.turns</c> / <c>hepbot.turn.duration</c> instruments.
/// Proactive sends (reminders, alerts) run through the same pipeline but are not turns anyone waits on,
/// so they are left out. Placed before the one-turn-at-a-time gate, so the time a turn queued behind its
/// conversation's previous one counts: that is what the person waited.
/// </summary>
public sealed class TurnMetricsMiddleware(HepBotMetrics metrics) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        if (IsProactive(activity))
        {
            await next(cancellationToken);
            return;
        }

        var channel = HepBotMetrics.Channel(activity.ChannelId);
        using var span = HepBotMetrics.Traces.StartActivity("hepbot.turn");
        span?.SetTag(HepBotMetrics.ChannelTag, channel);
        span?.SetTag("hepbot.activity.type", activity.Type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate
            ? activity.Type : "other");
        // Latency is the real time the person waited, so the stopwatch, not the (possibly faked) domain clock.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        string? errorType = null;
        try
        {
            await next(cancellationToken);
        }
        catch (Exception e)
        {
            errorType = e.GetType().FullName;
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            span?.SetTag("error.type", errorType);
            throw;
        }
        finally
        {
            metrics.TurnAnswered(activity.ChannelId, System.Diagnostics.Stopwatch.GetElapsedTime(started), errorType);
        }
    }

    /// <summary>The Bot Framework's ContinueConversation event: a turn HepBot started itself.</summary>
    private static bool IsProactive(Activity activity) =>
        activity.Type == ActivityTypes.Event && activity.Name == ActivityEventNames.ContinueConversation;
}
