using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Linking;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Bot;

/// <summary>
/// The one bot behind every channel. Each turn: find out who the chat belongs to, speak their
/// language, and let the dialogs answer. Channels only translate to and from activities.
/// </summary>
public sealed class HepBotBot(DialogRunner runner, ChatDirectory directory, Phrases phrases) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is null)
            return;
        // A broken client can send half a surrogate pair; repaired here, nothing downstream (matching, the database) chokes on it.
        if (activity.Text is { } text)
            activity.Text = WellFormedText.Repair(text);
        StartPayload.Unwrap(turnContext);
        // The patient and today's plan are read once in this turn and shared by its parts (Sessions.TurnReads).
        using var reads = Sessions.TurnReads.Begin();
        var person = await directory.IdentifySenderAsync(activity, cancellationToken);
        person.Attach(turnContext);
        // Prompts and texts read the turn's locale; the patient's saved language decides it, not the device.
        activity.Locale = phrases.Catalog.ResolveLanguage(person.Locale);
        if (person.IsOtherSender)
        {
            // Refused before any state is read: the linked person's dialog and data stay untouched.
            if (activity.Type == ActivityTypes.Message)
                await phrases.SayAsync(turnContext, "linking.otherSender", cancellationToken);
            return;
        }

        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await runner.RunAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate when !person.IsLinked && BotWasAdded(activity):
                await phrases.SayAsync(turnContext, "linking.welcome", cancellationToken);
                break;
        }
    }

    /// <summary>Teams and the Emulator announce a new chat with the members added; greet once, not per member.</summary>
    private static bool BotWasAdded(IConversationUpdateActivity activity) =>
        activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true;
}
