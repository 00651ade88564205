using System.Globalization;
using System.Text.Json;
using HepBot.Conversations.Sessions;
using HepBot.Data.Outbound;
using HepBot.Scheduling.Reminders;
using Microsoft.Bot.Builder;

namespace HepBot.Scheduling.Outbound;

/// <summary>
/// What each kind of queued message says: its arguments as the decision stores them, and the message
/// composed from them in the recipient's turn (so in their language) when the sender gets to it.
/// </summary>
public sealed class OutboundContent(ReminderMessages reminders, WeekSummary week)
{
    public static string ReminderArguments(int exercises, int minutes) =>
        JsonSerializer.Serialize(new ReminderArgs(exercises, minutes));

    public static string CheckInArguments(DateOnly day) =>
        JsonSerializer.Serialize(new CheckInArgs(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public Func<ITurnContext, CancellationToken, Task> Compose(OutboundMessage message)
    {
        switch (message.Kind)
        {
            case OutboundKind.Reminder:
                var reminder = Read<ReminderArgs>(message);
                return (turn, ct) => reminders.SendReminderAsync(turn, reminder.Exercises, reminder.Minutes, ct);
            case OutboundKind.Nudge:
                return reminders.SendNudgeAsync;
            case OutboundKind.WeeklyCheckIn:
                var day = DateOnly.ParseExact(Read<CheckInArgs>(message).Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return async (turn, ct) =>
                {
                    var report = await week.ReadAsync(message.PatientId, day, ct);
                    await turn.SendActivityAsync(week.CheckIn(turn, message.PatientId, report), ct);
                };
            default:
                throw new InvalidOperationException($"No content for outbound kind {message.Kind}.");
        }
    }

    private static T Read<T>(OutboundMessage message) =>
        JsonSerializer.Deserialize<T>(message.Arguments ?? "null")
        ?? throw new InvalidOperationException($"Outbound message {message.Id} ({message.Kind}) has no arguments.");

    private sealed record ReminderArgs(int Exercises, int Minutes);

    private sealed record CheckInArgs(string Day);
}
