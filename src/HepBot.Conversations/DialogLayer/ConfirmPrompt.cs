using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>The words for yes and no in one language, and the labels on the buttons.</summary>
public sealed record ConfirmVocabulary(
    string YesLabel,
    string NoLabel,
    IReadOnlyList<string> YesWords,
    IReadOnlyList<string> NoWords)
{
    /// <summary>From catalog texts: the two labels and two comma-separated word lists ("sí, si, vale").</summary>
    public static ConfirmVocabulary FromText(string yesLabel, string noLabel, string yesWords, string noWords) =>
        new(yesLabel, noLabel, SplitWords(yesWords), SplitWords(noWords));

    private static string[] SplitWords(string words) =>
        words.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Asks a yes/no question with two buttons. The language comes from the activity's locale
/// (es-MX → es → the default language); the buttons carry the stable values "yes" and "no",
/// which are accepted in every language alongside that language's labels and words.
/// </summary>
public class ConfirmPrompt : Prompt<bool>
{
    public const string YesValue = "yes";
    public const string NoValue = "no";

    private readonly Dictionary<string, ConfirmVocabulary> _vocabularies;
    private readonly string _defaultLanguage;

    /// <param name="vocabularies">Vocabulary per language tag ("en", "es", "pt-br").</param>
    public ConfirmPrompt(
        string dialogId,
        IReadOnlyDictionary<string, ConfirmVocabulary> vocabularies,
        string defaultLanguage = "en",
        PromptValidator<bool>? validator = null)
        : base(dialogId, validator)
    {
        ArgumentNullException.ThrowIfNull(vocabularies);
        _vocabularies = vocabularies.ToDictionary(v => LanguageFallback.Normalize(v.Key), v => v.Value);
        _defaultLanguage = LanguageFallback.Normalize(defaultLanguage);
        if (!_vocabularies.ContainsKey(_defaultLanguage))
        {
            throw new ArgumentException($"Confirm prompt '{dialogId}' has no vocabulary for its default language '{defaultLanguage}'.", nameof(vocabularies));
        }
    }

    protected override IReadOnlyList<Choice> GetButtons(ITurnContext turnContext, PromptOptions options) =>
        Choices(VocabularyFor(turnContext));

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var choices = Choices(VocabularyFor(turnContext));

        // No numbers here: "1" is not a safe way to say yes.
        var found = ChoicePrompt.Recognize(choices, UserAnswer.Submitted(turnContext.Activity), acceptNumbers: false)
            ?? ChoicePrompt.Recognize(choices, UserAnswer.Normalize(turnContext.Activity.Text), acceptNumbers: false);

        return Task.FromResult(found is null
            ? PromptRecognizerResult<bool>.Failure()
            : PromptRecognizerResult<bool>.Success(found.Value == YesValue));
    }

    private static List<Choice> Choices(ConfirmVocabulary vocabulary) =>
    [
        new(YesValue, vocabulary.YesLabel, vocabulary.YesWords),
        new(NoValue, vocabulary.NoLabel, vocabulary.NoWords),
    ];

    private ConfirmVocabulary VocabularyFor(ITurnContext turnContext) =>
        LanguageFallback.Chain(turnContext.Activity.Locale, _defaultLanguage)
            .Select(tag => _vocabularies.GetValueOrDefault(tag))
            .First(v => v is not null)!;
}
