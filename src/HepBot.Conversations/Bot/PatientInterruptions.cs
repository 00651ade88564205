using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Bot;

/// <summary>
/// "help", "stop", "menu", "start", "progress" and a language change work in the middle of any dialog.
/// Help and progress answer and ask the current question again; stop and menu end what was going on
/// (answers are already saved); start picks today's session up where it was (the words the bot itself
/// tells patients to type must work whatever was asked last); a language change resumes today's
/// session in the new language.
/// Slash commands always win, because a patient who types /pause means it. Other typed words are
/// left to the question being asked, so "time" can still be an answer.
/// </summary>
public sealed class PatientInterruptions(Phrases phrases, CommandRecognizer commands, CommandRouter router) : IInterruptionHandler
{
    /// <summary>A button that happens to be a command word ("Progress" in the menu) answers the question it belongs to.</summary>
    private static bool AnswersTheQuestion(DialogContext dc)
    {
        if (dc.ActiveDialog is not { Id: Prompts.Choice } prompt)
            return false;
        var choices = prompt.GetState<PromptState>().Options.Choices ?? [];
        var typed = CommandRecognizer.Fold(dc.Context.Activity.Text ?? "");
        return choices.Any(c => CommandRecognizer.Fold(c.Value) == typed || CommandRecognizer.Fold(c.Label) == typed
            || c.Synonyms.Any(s => CommandRecognizer.Fold(s) == typed));
    }

    public async Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken ct)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
            return InterruptionOutcome.NotInterrupted;
        var person = ChatPerson.Of(dc.Context);
        var command = commands.Recognize(dc.Context, out var isSlashCommand);
        if (command is null || dc.ActiveDialog is null || (!isSlashCommand && AnswersTheQuestion(dc)))
            return InterruptionOutcome.NotInterrupted;
        if (person.Patient is null)
        {
            if (command != PatientCommand.Help)
                return InterruptionOutcome.NotInterrupted;
            await phrases.SayAsync(dc.Context, "menu.unlinkedHelp", ct);
            return InterruptionOutcome.Reprompt;
        }

        switch (command)
        {
            case PatientCommand.Help:
                await phrases.SayAsync(dc.Context, "menu.help", ct);
                return InterruptionOutcome.Reprompt;
            case PatientCommand.Progress:
                await router.SendProgressAsync(dc.Context, ct);
                return InterruptionOutcome.Reprompt;
            case PatientCommand.Stop:
                await dc.CancelAllDialogsAsync(ct);
                await phrases.SayAsync(dc.Context, "menu.stopped", ct);
                return InterruptionOutcome.Handled;
            case PatientCommand.Language:
                var inSession = dc.Stack.Any(d => d.Id == DailySessionDialog.DialogId);
                await dc.CancelAllDialogsAsync(ct);
                await dc.BeginDialogAsync(LanguageDialog.DialogId, new LanguageDialog.Options(inSession), ct);
                return InterruptionOutcome.Handled;
            case PatientCommand.Menu:
            case PatientCommand.Today:
            case not null when isSlashCommand:
                await dc.CancelAllDialogsAsync(ct);
                await router.RunAsync(dc, command.Value, ct);
                return InterruptionOutcome.Handled;
            default:
                return InterruptionOutcome.NotInterrupted;
        }
    }
}
