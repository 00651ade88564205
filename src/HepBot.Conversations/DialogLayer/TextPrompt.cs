using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>Asks for free text of at most <see cref="MaxLength"/> characters; returns it trimmed.</summary>
public class TextPrompt : Prompt<string>
{
    public TextPrompt(string dialogId, int maxLength, PromptValidator<string>? validator = null)
        : base(dialogId, validator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        MaxLength = maxLength;
    }

    public int MaxLength { get; }

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text) || text.Length > MaxLength
            ? PromptRecognizerResult<string>.Failure()
            : PromptRecognizerResult<string>.Success(text));
    }
}
