using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;

namespace HepBot.Conversations.Bot;

/// <summary>
/// What every adapter does when a turn fails: log it (without the message text) and tell the patient,
/// in their language, that their answers are safe. State is not reset: answers are saved as they are
/// given and the dialog state of the failed turn was never written, so the next message picks up at
/// the question that was being asked.
/// </summary>
public static class TurnErrors
{
    public static Func<ITurnContext, Exception, Task> Handler(Phrases phrases, ILogger logger) => async (turn, exception) =>
    {
        logger.LogError(exception, "A {ActivityType} turn on {Channel} failed", turn.Activity.Type, turn.Activity.ChannelId);
        try
        {
            await turn.SendActivityAsync(phrases.Message(turn, "common.error"));
        }
        catch (Exception sendFailure)
        {
            logger.LogError(sendFailure, "Could not tell the user on {Channel} that the turn failed", turn.Activity.ChannelId);
        }
    };
}
