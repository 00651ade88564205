using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>The dialogs that can be started from one stack.</summary>
public sealed class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    /// <param name="dialogState">Where the stack lives, normally a <see cref="ConversationState"/> property.</param>
    public DialogSet(IStatePropertyAccessor<DialogState> dialogState) =>
        _dialogState = dialogState ?? throw new ArgumentNullException(nameof(dialogState));

    /// <summary>A set whose stack is kept by its owner (a <see cref="ComponentDialog"/>).</summary>
    internal DialogSet()
    {
    }

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new InvalidOperationException($"A dialog with id '{dialog.Id}' is already in this set.");
        }

        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    public async Task<DialogContext> CreateContextAsync(
        ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (_dialogState is null)
        {
            throw new InvalidOperationException(
                "This DialogSet belongs to a ComponentDialog and has no state property of its own.");
        }

        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        return new DialogContext(this, turnContext, state);
    }
}
