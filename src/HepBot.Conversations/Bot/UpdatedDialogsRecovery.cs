using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;

namespace HepBot.Conversations.Bot;

/// <summary>
/// After a deploy renamed or removed a dialog, a chat's saved stack is reset by the runner. The patient
/// hears why in one sentence, and the database, which holds every answer, says where to go on: today's
/// unfinished session continues at its next question on this same turn; otherwise the menu.
/// </summary>
public sealed class UpdatedDialogsRecovery(Phrases phrases) : IStackResetHandler
{
    public async Task<DialogTurnResult> OnStackResetAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        await phrases.SayAsync(dc.Context, "common.updated", cancellationToken);
        var person = ChatPerson.Of(dc.Context);
        if (person.Patient is null)
        {
            if (!person.IsLinked)
                await phrases.SayAsync(dc.Context, "linking.askCode", cancellationToken);
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }
        var session = await dc.BeginDialogAsync(DailySessionDialog.DialogId, new DailySessionDialog.Options(Continuing: true), cancellationToken);
        return session.Status == DialogTurnStatus.Waiting
            ? session
            : await dc.BeginDialogAsync(MenuDialog.DialogId, null, cancellationToken);
    }
}
