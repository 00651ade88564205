using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Decides whether a prompt accepts the user's answer. Called on every answer, including those the
/// prompt did not recognise (check <see cref="PromptValidatorContext{T}.Recognized"/>), so it may
/// send its own explanation; the retry prompt is only sent when the validator has not replied.
/// </summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);

public sealed class PromptRecognizerResult<T>
{
    private PromptRecognizerResult(bool succeeded, T value)
    {
        Succeeded = succeeded;
        Value = value;
    }

    public bool Succeeded { get; }

    /// <summary>The recognised value; default when not <see cref="Succeeded"/>.</summary>
    public T Value { get; }

    public static PromptRecognizerResult<T> Success(T value) => new(true, value);

    public static PromptRecognizerResult<T> Failure() => new(false, default!);
}

public sealed class PromptValidatorContext<T>(
    ITurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
{
    public ITurnContext Context { get; } = context;

    public PromptRecognizerResult<T> Recognized { get; } = recognized;

    public PromptOptions Options { get; } = options;

    /// <summary>How many answers the user has given to this prompt, this one included (1 on the first answer).</summary>
    public int AttemptCount { get; } = attemptCount;
}
