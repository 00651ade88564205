namespace HepBot.Conversations.DialogLayer;

public enum DialogTurnStatus
{
    /// <summary>The stack was empty: no dialog handled the turn.</summary>
    Empty,

    /// <summary>The active dialog is waiting for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended; <see cref="DialogTurnResult.Result"/> holds its result.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}

/// <summary>Why a dialog is being resumed or ended.</summary>
public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,
}

public sealed class DialogTurnResult(DialogTurnStatus status, object? result = null)
{
    public DialogTurnStatus Status { get; } = status;

    /// <summary>
    /// The value a dialog ended with. Results travel between dialogs in memory within one turn and
    /// are never persisted, so any type works.
    /// </summary>
    public object? Result { get; } = result;
}
