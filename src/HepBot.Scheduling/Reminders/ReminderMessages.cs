using HepBot.Conversations.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Scheduling.Reminders;

/// <summary>
/// The reminder and nudge as the patient sees them, from dialogs/&lt;language&gt;/reminders.yaml. The
/// buttons send commands the bot already routes: /today starts the session, /snooze and /skipday.
/// </summary>
public sealed class ReminderMessages(Phrases phrases)
{
    public const string StartValue = "/today", SnoozeValue = "/snooze", SkipDayValue = "/skipday";

    public Task SendReminderAsync(ITurnContext turn, int exercises, int minutes, CancellationToken ct) =>
        SendAsync(turn, exercises == 1
            ? phrases.Get(turn, "reminders.reminderOne", ("minutes", Math.Max(1, minutes)))
            : phrases.Get(turn, "reminders.reminder", ("count", exercises), ("minutes", Math.Max(1, minutes))), ct);

    public Task SendNudgeAsync(ITurnContext turn, CancellationToken ct) =>
        SendAsync(turn, phrases.Get(turn, "reminders.nudge"), ct);

    private Task SendAsync(ITurnContext turn, string text, CancellationToken ct)
    {
        var message = MessageFactory.Text(text);
        message.SuggestedActions = new SuggestedActions
        {
            Actions =
            [
                new CardAction(ActionTypes.ImBack, phrases.Get(turn, "reminders.start"), value: StartValue),
                new CardAction(ActionTypes.ImBack, phrases.Get(turn, "reminders.snooze"), value: SnoozeValue),
                new CardAction(ActionTypes.ImBack, phrases.Get(turn, "reminders.skipDay"), value: SkipDayValue),
            ],
        };
        return turn.SendActivityAsync(message, ct);
    }
}
