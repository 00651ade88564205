namespace HepBot.Conversations.DialogLayer;

/// <summary>What the runner does after an interruption handler has looked at the turn.</summary>
public enum InterruptionOutcome
{
    /// <summary>Not an interruption: the active dialog gets the message as usual.</summary>
    NotInterrupted,

    /// <summary>The handler replied (e.g. with help); the runner asks the active dialog's question again.</summary>
    Reprompt,

    /// <summary>The handler dealt with the turn itself, e.g. cancelled or replaced the stack.</summary>
    Handled,
}

/// <summary>
/// Looks at every turn before the active dialog does, so "help", "stop", "menu" or a language
/// change work the same in every dialog. Which words mean what is the handler's policy; it may
/// send replies and use the dialog context to cancel, replace or begin dialogs.
/// </summary>
public interface IInterruptionHandler
{
    Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken cancellationToken);
}
