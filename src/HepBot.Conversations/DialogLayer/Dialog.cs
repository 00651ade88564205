using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>Base class of every dialog, modelled on Bot Framework's <c>Dialog</c>.</summary>
public abstract class Dialog
{
    /// <summary>Returned by a dialog that has asked something and waits for the user's reply.</summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    protected Dialog(string dialogId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        Id = dialogId;
    }

    public string Id { get; }

    /// <summary>Called when the dialog is pushed onto the stack.</summary>
    public abstract Task<DialogTurnResult> BeginDialogAsync(
        DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    /// <summary>Called with the user's next activity while this dialog is active. Ends the dialog by default.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(
        DialogContext dc, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(null, cancellationToken);

    /// <summary>Called when a dialog this one started has ended. Ends this dialog with the child's result by default.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(result, cancellationToken);

    /// <summary>Asks the dialog to repeat its current question, e.g. after an interruption.</summary>
    public virtual Task RepromptDialogAsync(
        ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>Called when the dialog leaves the stack (ended, replaced or cancelled).</summary>
    public virtual Task EndDialogAsync(
        ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
