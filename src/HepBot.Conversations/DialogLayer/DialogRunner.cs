using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Runs one turn of the dialog system, like Bot Framework's <c>DialogManager</c>: load the stack,
/// reset a stack an older version saved with dialogs this one does not have (see
/// <see cref="IStackResetHandler"/>), let the interruption handlers look first, continue the active dialog, begin the root dialog when
/// a message arrives and nothing is active, and save conversation state.
/// </summary>
public sealed class DialogRunner
{
    public const string DialogStatePropertyName = "DialogState";

    private readonly ConversationState _conversationState;
    private readonly IReadOnlyList<IInterruptionHandler> _interruptionHandlers;
    private readonly IStackResetHandler? _stackReset;

    public DialogRunner(
        Dialog rootDialog,
        ConversationState conversationState,
        IEnumerable<IInterruptionHandler>? interruptionHandlers = null,
        IStackResetHandler? stackReset = null)
    {
        _stackReset = stackReset;
        RootDialog = rootDialog ?? throw new ArgumentNullException(nameof(rootDialog));
        _conversationState = conversationState ?? throw new ArgumentNullException(nameof(conversationState));
        _interruptionHandlers = interruptionHandlers?.ToList() ?? [];
        Dialogs = new DialogSet(conversationState.CreateProperty<DialogState>(DialogStatePropertyName)).Add(rootDialog);
    }

    public Dialog RootDialog { get; }

    /// <summary>The top-level dialogs: the root, plus any an interruption handler may begin or replace with.</summary>
    public DialogSet Dialogs { get; }

    public async Task<DialogTurnResult> RunAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var dc = await Dialogs.CreateContextAsync(turnContext, cancellationToken);

        DialogTurnResult result;
        if (dc.NamesUnknownDialog())
        {
            // The message was meant for a question this version no longer knows: it answers nothing. Typed
            // text is still heard by the interruption handlers first ("my chest hurts" must never wait for a
            // deploy); a button press belonged to the lost question and goes straight to the reset.
            dc.ForgetStack();
            var interrupted = dc.Context.Activity.Value is null
                && await InterruptAsync(dc, cancellationToken) != InterruptionOutcome.NotInterrupted;
            result = interrupted ? StatusOf(dc)
                : _stackReset is null ? new DialogTurnResult(DialogTurnStatus.Empty)
                : await _stackReset.OnStackResetAsync(dc, cancellationToken);
        }
        else
        {
            result = await InterruptAsync(dc, cancellationToken) switch
            {
                InterruptionOutcome.Reprompt => await RepromptAsync(dc, cancellationToken),
                InterruptionOutcome.Handled => StatusOf(dc),
                _ => await ContinueOrBeginAsync(dc, cancellationToken),
            };
        }

        await _conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        return result;
    }

    private async Task<InterruptionOutcome> InterruptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        foreach (var handler in _interruptionHandlers)
        {
            var outcome = await handler.OnInterruptAsync(dc, cancellationToken);
            if (outcome != InterruptionOutcome.NotInterrupted)
            {
                return outcome;
            }
        }

        return InterruptionOutcome.NotInterrupted;
    }

    private static async Task<DialogTurnResult> RepromptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        await dc.RepromptDialogAsync(cancellationToken);
        return StatusOf(dc);
    }

    private async Task<DialogTurnResult> ContinueOrBeginAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var result = await dc.ContinueDialogAsync(cancellationToken);

        // Typing indicators, reactions and installs must not start a conversation; only a message does.
        if (result.Status == DialogTurnStatus.Empty && dc.Context.Activity.Type == ActivityTypes.Message)
        {
            result = await dc.BeginDialogAsync(RootDialog.Id, null, cancellationToken);
        }

        return result;
    }

    private static DialogTurnResult StatusOf(DialogContext dc) =>
        new(dc.ActiveDialog is null ? DialogTurnStatus.Empty : DialogTurnStatus.Waiting);
}
