namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Picks the conversation up after the runner found a saved stack naming a dialog that no longer
/// exists (renamed or removed by a deploy) and cleared it. The turn's message answered nothing; the
/// handler tells the user and starts whatever should be asked now on the empty stack.
/// </summary>
public interface IStackResetHandler
{
    Task<DialogTurnResult> OnStackResetAsync(DialogContext dc, CancellationToken cancellationToken);
}
