using System.Globalization;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>, shown as buttons. Accepts a
/// choice's value, title or synonym (case-insensitive, trimmed), its 1-based number, or a button
/// or card submit carrying the value.
/// </summary>
public class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null)
    : Prompt<FoundChoice>(dialogId, validator)
{
    protected override void ValidateOptions(PromptOptions options)
    {
        if (options.Choices is not { Count: > 0 })
        {
            throw new ArgumentException($"Choice prompt '{Id}' needs at least one choice.", nameof(options));
        }

        var duplicate = options.Choices.GroupBy(c => c.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Choice prompt '{Id}' offers the value '{duplicate.Key}' twice.", nameof(options));
        }
    }

    protected override IReadOnlyList<Choice> GetButtons(ITurnContext turnContext, PromptOptions options) =>
        options.Choices ?? [];

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var choices = options.Choices ?? [];
        var found = Recognize(choices, UserAnswer.Submitted(turnContext.Activity))
            ?? Recognize(choices, UserAnswer.Normalize(turnContext.Activity.Text));

        return Task.FromResult(found is null
            ? PromptRecognizerResult<FoundChoice>.Failure()
            : PromptRecognizerResult<FoundChoice>.Success(found));
    }

    internal static FoundChoice? Recognize(IReadOnlyList<Choice> choices, string? answer, bool acceptNumbers = true)
    {
        if (answer is null)
        {
            return null;
        }

        // Words first, so a choice whose value is itself a number still matches by value.
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            if (Matches(answer, choice.Value) || Matches(answer, choice.Title) || choice.Synonyms.Any(s => Matches(answer, s)))
            {
                return new FoundChoice(choice.Value, i);
            }
        }

        return acceptNumbers
            && int.TryParse(DecimalDigits.ToAscii(answer), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= choices.Count
            ? new FoundChoice(choices[number - 1].Value, number - 1)
            : null;
    }

    private static bool Matches(string answer, string? word) =>
        word is not null && string.Equals(answer, UserAnswer.Normalize(word), StringComparison.OrdinalIgnoreCase);
}
