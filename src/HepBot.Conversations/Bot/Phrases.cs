using HepBot.Conversations.Content;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Bot;

/// <summary>
/// The text catalog in the language of the current turn. <see cref="HepBotBot"/> sets the turn's
/// locale to the patient's language before dialogs run, so every sentence comes out in it.
/// </summary>
public sealed class Phrases(DialogTextCatalog catalog)
{
    public DialogTextCatalog Catalog => catalog;

    public string Get(ITurnContext turn, string key, params (string Name, object? Value)[] args) =>
        catalog.Get(turn.Activity.Locale, key, args);

    public IMessageActivity Message(ITurnContext turn, string key, params (string Name, object? Value)[] args) =>
        MessageFactory.Text(Get(turn, key, args));

    public Task SayAsync(ITurnContext turn, string key, CancellationToken ct, params (string Name, object? Value)[] args) =>
        turn.SendActivityAsync(Message(turn, key, args), ct);

    /// <summary>A comma-separated word list ("start, today, go") as trimmed, lower-case words; split once per language and key (the catalog does not change while the host runs).</summary>
    public IReadOnlyList<string> Words(string language, string key) =>
        _words.GetOrAdd((language, key), k => catalog.Get(k.Language, k.Key)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLowerInvariant()).ToList().AsReadOnly());

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Language, string Key), IReadOnlyList<string>> _words = new();

    /// <summary>A question with buttons, and the same question after "Sorry, I didn't understand that."</summary>
    public PromptOptions Choices(ITurnContext turn, string questionKey, IEnumerable<Choice> choices,
        params (string Name, object? Value)[] args)
    {
        var question = Get(turn, questionKey, args);
        return new PromptOptions
        {
            Prompt = MessageFactory.Text(question),
            RetryPrompt = MessageFactory.Text($"{Get(turn, "common.notUnderstood")} {question}"),
            Choices = choices.ToList(),
        };
    }

    /// <summary>A question whose retry says what a valid answer looks like.</summary>
    public PromptOptions Question(ITurnContext turn, string questionKey, string retryKey,
        params (string Name, object? Value)[] args) => new()
        {
            Prompt = MessageFactory.Text(Get(turn, questionKey, args)),
            RetryPrompt = MessageFactory.Text(Get(turn, retryKey, args)),
        };

    public Choice Choice(ITurnContext turn, string value, string labelKey, params (string Name, object? Value)[] args) =>
        new(value, Get(turn, labelKey, args));
}
