namespace HepBot.Conversations.DialogLayer;

/// <summary>The dialog stack of one conversation. The active dialog is at index 0.</summary>
public sealed class DialogState
{
    public List<DialogInstance> DialogStack { get; set; } = [];
}
