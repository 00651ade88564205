using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// One turn's view of a dialog stack: starts, continues, ends and replaces dialogs.
/// </summary>
public class DialogContext
{
    private readonly DialogState _state;

    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state, DialogContext? parent = null)
    {
        Dialogs = dialogs ?? throw new ArgumentNullException(nameof(dialogs));
        Context = turnContext ?? throw new ArgumentNullException(nameof(turnContext));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        Parent = parent;
    }

    /// <summary>Shares <paramref name="dc"/>'s stack; used by step contexts.</summary>
    protected DialogContext(DialogContext dc)
        : this(dc.Dialogs, dc.Context, dc._state, dc.Parent)
    {
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    /// <summary>The context of the component dialog whose inner stack this is; null for the root stack.</summary>
    public DialogContext? Parent { get; }

    /// <summary>The stack, active dialog first.</summary>
    public IReadOnlyList<DialogInstance> Stack => _state.DialogStack;

    public DialogInstance? ActiveDialog => _state.DialogStack.Count > 0 ? _state.DialogStack[0] : null;

    /// <summary>
    /// The inner stack of the active dialog when it is a <see cref="ComponentDialog"/>, else null.
    /// Follow <c>Child</c> down to find the question actually being asked, e.g. for specific help.
    /// </summary>
    public DialogContext? Child =>
        ActiveDialog is { } active && FindDialog(active.Id) is ComponentDialog component
            ? component.CreateInnerContext(this, active)
            : null;

    /// <summary>
    /// The id of the question being asked now (see <see cref="PromptIdentity"/>): the innermost active
    /// dialog's, when it is a prompt. Null when nothing is asked.
    /// </summary>
    public string? WaitingPromptId
    {
        get
        {
            var dc = this;
            while (dc.Child is { } child)
            {
                dc = child;
            }

            return dc.ActiveDialog is { } active && dc.FindDialog(active.Id) is IPromptDialog
                ? active.GetState<PromptState>().Options.PromptId
                : null;
        }
    }

    /// <summary>Finds a dialog in this stack's set, then in the parents' sets.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    public async Task<DialogTurnResult> BeginDialogAsync(
        string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        var dialog = FindDialog(dialogId) ?? throw DialogNotFound(dialogId);

        _state.DialogStack.Insert(0, new DialogInstance(dialogId));
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>Starts a prompt; the same as <see cref="BeginDialogAsync"/> with typed options.</summary>
    public Task<DialogTurnResult> PromptAsync(
        string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Hands the current activity to the active dialog; <see cref="DialogTurnStatus.Empty"/> when there is none.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var dialog = FindDialog(active.Id) ?? throw DialogNotFound(active.Id);
        return await dialog.ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog and resumes the one below it with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken);

        var next = ActiveDialog;
        if (next is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }

        var dialog = FindDialog(next.Id) ?? throw DialogNotFound(next.Id);
        return await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken);
    }

    /// <summary>Ends the active dialog without resuming its parent and starts another in its place.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(
        string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        _ = FindDialog(dialogId) ?? throw DialogNotFound(dialogId);

        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Cancels every dialog on this stack (including component children).</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (_state.DialogStack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        while (_state.DialogStack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to repeat its question.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return;
        }

        var dialog = FindDialog(active.Id) ?? throw DialogNotFound(active.Id);
        await dialog.RepromptDialogAsync(Context, active, cancellationToken);
    }

    /// <summary>
    /// True when the stack (or a component's inner stack) names a dialog this version does not have, or
    /// keeps a component state that can no longer be read: a stack saved before a deploy renamed or
    /// removed a dialog. Such a stack cannot be continued, only reset.
    /// </summary>
    public bool NamesUnknownDialog()
    {
        foreach (var instance in _state.DialogStack)
        {
            var dialog = FindDialog(instance.Id);
            if (dialog is null)
            {
                return true;
            }

            if (dialog is ComponentDialog component)
            {
                DialogContext inner;
                try
                {
                    inner = component.CreateInnerContext(this, instance);
                }
                catch (Newtonsoft.Json.JsonException)
                {
                    return true;
                }

                if (inner.NamesUnknownDialog())
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Empties the stack without ending its dialogs: a stack an older version saved cannot be trusted to end cleanly.</summary>
    internal void ForgetStack() => _state.DialogStack.Clear();

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return;
        }

        var dialog = FindDialog(active.Id);
        if (dialog is not null)
        {
            await dialog.EndDialogAsync(Context, active, reason, cancellationToken);
        }

        _state.DialogStack.RemoveAt(0);
    }

    private static InvalidOperationException DialogNotFound(string dialogId) =>
        new($"Dialog '{dialogId}' is not in this DialogSet or its parents. Add it before starting it; " +
            "a stack saved by an older version may also name a dialog that no longer exists.");
}
