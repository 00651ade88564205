using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// A dialog made of other dialogs, with its own inner stack kept inside its instance state, like
/// Bot Framework's <c>ComponentDialog</c>. It ends when its inner stack finishes, with the result
/// of the last inner dialog. Derive from it and call <see cref="AddDialog"/> in the constructor.
/// </summary>
public class ComponentDialog : Dialog
{
    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>The inner dialog started first; the first one added unless set.</summary>
    public string? InitialDialogId { get; set; }

    public DialogSet Dialogs { get; } = new();

    public ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(
        DialogContext outerDc, object? options = null, CancellationToken cancellationToken = default)
    {
        var innerDc = CreateInnerContext(outerDc, outerDc.ActiveDialog!);
        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken);
        return await AfterInnerTurnAsync(outerDc, turnResult, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(
        DialogContext outerDc, CancellationToken cancellationToken = default)
    {
        var innerDc = CreateInnerContext(outerDc, outerDc.ActiveDialog!);
        var turnResult = await innerDc.ContinueDialogAsync(cancellationToken);
        return await AfterInnerTurnAsync(outerDc, turnResult, cancellationToken);
    }

    /// <summary>
    /// Only reached when another dialog was pushed on top of the component (not into it) and has
    /// ended: the component is still mid-conversation, so it asks its current question again.
    /// </summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext outerDc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        await RepromptDialogAsync(outerDc.Context, outerDc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(
        ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        CreateInnerContext(turnContext, instance, parent: null).RepromptDialogAsync(cancellationToken);

    public override async Task EndDialogAsync(
        ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        if (reason == DialogReason.CancelCalled)
        {
            await CreateInnerContext(turnContext, instance, parent: null).CancelAllDialogsAsync(cancellationToken);
        }
    }

    /// <summary>Starts the inner stack; override to choose the first dialog from the options.</summary>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(
        DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        if (InitialDialogId is null)
        {
            throw new InvalidOperationException($"Component dialog '{Id}' has no dialogs.");
        }

        return innerDc.BeginDialogAsync(InitialDialogId, options, cancellationToken);
    }

    internal DialogContext CreateInnerContext(DialogContext outerDc, DialogInstance instance) =>
        CreateInnerContext(outerDc.Context, instance, outerDc);

    private DialogContext CreateInnerContext(ITurnContext turnContext, DialogInstance instance, DialogContext? parent) =>
        new(Dialogs, turnContext, instance.GetState<ComponentState>().Children, parent);

    private static async Task<DialogTurnResult> AfterInnerTurnAsync(
        DialogContext outerDc, DialogTurnResult innerResult, CancellationToken cancellationToken) =>
        innerResult.Status == DialogTurnStatus.Waiting
            ? EndOfTurn
            : await outerDc.EndDialogAsync(innerResult.Result, cancellationToken);
}

/// <summary>The persisted state of a <see cref="ComponentDialog"/>: its inner stack.</summary>
public sealed class ComponentState
{
    public DialogState Children { get; set; } = new();
}
