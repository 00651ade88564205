using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// The question behind a running guided set. Its first choice (Stop) is the only button on the set message; the
/// others (Done, Skip) are shown by the set's last frame and accepted at any time. Asked again (after something it did
/// not understand, or a dialog on top of it ended), it says the set is running and offers every choice, instead of
/// sending the set's first frame a second time.
/// </summary>
public sealed class GuidedSetPrompt(string dialogId) : ChoicePrompt(dialogId)
{
    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        OnPromptAsync(turnContext, instance.GetState<PromptState>().Options, isRetry: true, cancellationToken);

    protected override async Task OnPromptAsync(ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        // Only the first asking is the set message; the options are the prompt's saved state, so the mark lasts the set.
        isRetry |= options.Validations is not null;
        options.Validations ??= "shown";
        var activity = DialogStateSerializer.Clone(isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt!);
        var choices = options.Choices ?? [];
        activity.SuggestedActions = ChoiceFactory.SuggestedActions(isRetry ? choices : choices.Take(1));
        PromptIdentity.Stamp(activity, options.PromptId);
        await turnContext.SendActivityAsync(activity, cancellationToken);
    }
}
