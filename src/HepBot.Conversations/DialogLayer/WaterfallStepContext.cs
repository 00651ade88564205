using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.DialogLayer;

/// <summary>What a waterfall step sees: its values, options, index and the previous step's result.</summary>
public sealed class WaterfallStepContext<TValues> : DialogContext
    where TValues : class, new()
{
    private readonly WaterfallDialog<TValues> _waterfall;
    private readonly WaterfallState<TValues> _state;
    private bool _nextCalled;

    internal WaterfallStepContext(
        WaterfallDialog<TValues> waterfall,
        DialogContext dc,
        WaterfallState<TValues> state,
        int index,
        DialogReason reason,
        object? result)
        : base(dc)
    {
        _waterfall = waterfall;
        _state = state;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>Zero-based index of the running step.</summary>
    public int Index { get; }

    /// <summary>Why this step runs: begun, continued with the user's text, resumed after a child, or <see cref="NextAsync"/>.</summary>
    public DialogReason Reason { get; }

    /// <summary>
    /// The previous step's outcome: a child dialog's or prompt's result, the user's text, or the
    /// value passed to <see cref="NextAsync"/>.
    /// </summary>
    public object? Result { get; }

    /// <summary>The dialog's values; changes are saved with conversation state.</summary>
    public TValues Values => _state.Values;

    public bool HasOptions => _state.Options is not null && _state.Options.Type != JTokenType.Null;

    /// <summary>The options this waterfall was begun with, as <typeparamref name="T"/>.</summary>
    public T GetOptions<T>()
    {
        if (!HasOptions)
        {
            throw new InvalidOperationException($"Waterfall '{_waterfall.Id}' was begun without options; expected {typeof(T).Name}.");
        }

        return _state.Options!.ToObject<T>(DialogStateSerializer.Serializer)
            ?? throw new InvalidOperationException($"Waterfall '{_waterfall.Id}' options could not be read as {typeof(T).Name}.");
    }

    /// <summary><see cref="Result"/> as <typeparamref name="T"/>, with a clear error when it is something else.</summary>
    public T GetResult<T>() =>
        Result is T value
            ? value
            : throw new InvalidOperationException(
                $"Step {Index} of waterfall '{_waterfall.Id}' expected a {typeof(T).Name} result but got " +
                $"{(Result is null ? "nothing" : Result.GetType().Name)}.");

    /// <summary>Skips to the next step without waiting for the user.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index} of waterfall '{_waterfall.Id}'.");
        }

        _nextCalled = true;
        return _waterfall.RunStepAsync(this, Index + 1, DialogReason.NextCalled, result, cancellationToken);
    }
}
