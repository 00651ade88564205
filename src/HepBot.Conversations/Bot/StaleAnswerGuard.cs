using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;

namespace HepBot.Conversations.Bot;

/// <summary>
/// A button answers only the question it came with (<see cref="PromptIdentity"/>). A press from an older
/// question — a keyboard still on screen, a tap repeated after the bot moved on, the same press delivered
/// again — records nothing: the patient hears that the question has passed and gets the current one
/// (the menu when nothing is being asked).
/// Runs after <see cref="NewDayGuard"/> (yesterday's buttons are closed with the day) and before the
/// commands, so an old menu button cannot start anything either.
/// </summary>
public sealed class StaleAnswerGuard(Phrases phrases) : IInterruptionHandler
{
    public async Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken ct)
    {
        var answered = PromptIdentity.OfAnswer(dc.Context.Activity);
        if (answered is null || answered == dc.WaitingPromptId)
            return InterruptionOutcome.NotInterrupted;
        await phrases.SayAsync(dc.Context, "common.questionPassed", ct);
        if (dc.ActiveDialog is not null)
            return InterruptionOutcome.Reprompt;
        // Nothing is being asked (the session ended, a new day began): the menu is the question now.
        if (ChatPerson.Of(dc.Context).Patient is not null)
            await dc.BeginDialogAsync(MenuDialog.DialogId, null, ct);
        return InterruptionOutcome.Handled;
    }
}
