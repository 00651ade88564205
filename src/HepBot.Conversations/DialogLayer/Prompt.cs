using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Asks one question and ends with the typed answer, retrying until the answer is recognised and
/// valid (or <see cref="PromptOptions.MaxAttempts"/> is reached, which ends with a null result).
/// </summary>
public abstract class Prompt<T> : Dialog, IPromptDialog
{
    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId) =>
        _validator = validator;

    /// <summary>Hears what this prompt did not understand (optional).</summary>
    public INotUnderstoodHandler? NotUnderstood { get; init; }

    public override async Task<DialogTurnResult> BeginDialogAsync(
        DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        if (options is not PromptOptions promptOptions)
        {
            throw new ArgumentException($"Prompt '{Id}' must be started with PromptOptions (use PromptAsync).", nameof(options));
        }

        if (promptOptions.Prompt is null)
        {
            throw new ArgumentException($"Prompt '{Id}' needs PromptOptions.Prompt: the question to ask.", nameof(options));
        }

        if (promptOptions.MaxAttempts is < 1)
        {
            throw new ArgumentException($"Prompt '{Id}': MaxAttempts must be at least 1.", nameof(options));
        }

        ValidateOptions(promptOptions);
        promptOptions.PromptId = PromptIdentity.NewId();

        var state = new PromptState { Options = promptOptions };
        dc.ActiveDialog!.SetState(state);
        await OnPromptAsync(dc.Context, promptOptions, isRetry: false, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(
        DialogContext dc, CancellationToken cancellationToken = default)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var state = dc.ActiveDialog!.GetState<PromptState>();
        if (PromptIdentity.OfAnswer(dc.Context.Activity) is { } answered && answered != state.Options.PromptId)
        {
            // A button of another question (normally caught before by the host's guard): it answers nothing here.
            await OnPromptAsync(dc.Context, state.Options, isRetry: false, cancellationToken);
            return EndOfTurn;
        }

        var recognized = await OnRecognizeAsync(dc.Context, state.Options, cancellationToken);
        state.AttemptCount++;

        var isValid = _validator is null
            ? recognized.Succeeded
            : await _validator(new PromptValidatorContext<T>(dc.Context, recognized, state.Options, state.AttemptCount), cancellationToken);

        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        if (state.AttemptCount >= state.Options.MaxAttempts)
        {
            return await dc.EndDialogAsync(null, cancellationToken);
        }

        if (!dc.Context.Responded)
        {
            var heard = NotUnderstood is { } handler && await handler.OnNotUnderstoodAsync(dc.Context, state, cancellationToken);
            await OnPromptAsync(dc.Context, state.Options, isRetry: !heard, cancellationToken);
        }

        return EndOfTurn;
    }

    /// <summary>A dialog pushed on top of the prompt has ended: ask the question again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(
        ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        OnPromptAsync(turnContext, instance.GetState<PromptState>().Options, isRetry: false, cancellationToken);

    /// <summary>Checks options that only this kind of prompt needs (e.g. choices); throws <see cref="ArgumentException"/>.</summary>
    protected virtual void ValidateOptions(PromptOptions options)
    {
    }

    /// <summary>Sends the question (or the retry prompt), with <see cref="GetButtons"/> as suggested actions.</summary>
    protected virtual async Task OnPromptAsync(
        ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        var source = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt!;

        // A copy: sending stamps conversation details onto the activity, and the stored options must stay clean.
        var activity = DialogStateSerializer.Clone(source);
        var buttons = GetButtons(turnContext, options);
        if (buttons.Count > 0)
        {
            activity.SuggestedActions = ChoiceFactory.SuggestedActions(buttons);
            PromptIdentity.Stamp(activity, options.PromptId);
        }

        await turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <summary>Answers offered as buttons; none by default.</summary>
    protected virtual IReadOnlyList<Choice> GetButtons(ITurnContext turnContext, PromptOptions options) => [];

    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken);
}

/// <summary>Marks the dialogs that wait for an answer to one question, so the stack can tell which question is open.</summary>
internal interface IPromptDialog;

/// <summary>The persisted state of a prompt.</summary>
public sealed class PromptState
{
    public PromptOptions Options { get; set; } = new();

    public int AttemptCount { get; set; }

    /// <summary>The last message this prompt did not understand, kept while it waits so it can be passed on as it is.</summary>
    public string? NotUnderstoodText { get; set; }
}
