using Newtonsoft.Json;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// One entry on the dialog stack: the dialog's id and its state.
/// </summary>
/// <remarks>
/// State is stored as a JSON string and read through <see cref="GetState{T}"/> into the dialog's
/// own class, so an int stays an int and nested objects keep their types however the storage
/// serialises the stack. Within a turn the typed object is live: change it and the change is
/// written out when conversation state is saved.
/// </remarks>
public sealed class DialogInstance
{
    private string _stateJson = "{}";
    private object? _live;

    public DialogInstance()
    {
    }

    public DialogInstance(string id) => Id = id;

    public string Id { get; set; } = string.Empty;

    /// <summary>The persisted form of the state. Reading it serialises the live typed state.</summary>
    [JsonProperty("state")]
    public string StateJson
    {
        get => _live is null ? _stateJson : DialogStateSerializer.Serialize(_live);
        set
        {
            _stateJson = string.IsNullOrWhiteSpace(value) ? "{}" : value;
            _live = null;
        }
    }

    /// <summary>
    /// The dialog's state as <typeparamref name="T"/>; a new <typeparamref name="T"/> when nothing
    /// was stored yet. Returns the same object for the rest of the turn.
    /// </summary>
    public T GetState<T>()
        where T : class, new()
    {
        switch (_live)
        {
            case T live:
                return live;
            case not null:
                throw new InvalidOperationException(
                    $"Dialog '{Id}' keeps its state as {_live.GetType().Name}, not {typeof(T).Name}.");
        }

        var state = DialogStateSerializer.Deserialize<T>(_stateJson) ?? new T();
        _live = state;
        return state;
    }

    public void SetState<T>(T state)
        where T : class =>
        _live = state ?? throw new ArgumentNullException(nameof(state));
}
