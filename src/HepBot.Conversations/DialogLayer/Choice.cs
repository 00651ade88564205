using Microsoft.Bot.Schema;

namespace HepBot.Conversations.DialogLayer;

/// <summary>An answer the user can pick: a stable value, the label shown, and other words that mean it.</summary>
public sealed class Choice
{
    public Choice()
    {
    }

    public Choice(string value, string? title = null, params IEnumerable<string> synonyms)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
        Title = title;
        Synonyms = synonyms.ToList();
    }

    /// <summary>What the bot gets back; also the button's value.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>The label shown to the user; the value when not set.</summary>
    public string? Title { get; set; }

    public List<string> Synonyms { get; set; } = [];

    public string Label => string.IsNullOrWhiteSpace(Title) ? Value : Title;
}

/// <summary>The choice a <see cref="ChoicePrompt"/> recognised: its value and zero-based position.</summary>
public sealed record FoundChoice(string Value, int Index);

/// <summary>Renders choices channel-neutrally; the Telegram and Teams adapters translate them.</summary>
public static class ChoiceFactory
{
    /// <summary>One <see cref="ActionTypes.ImBack"/> action per choice: title = label, value = choice value.</summary>
    public static SuggestedActions SuggestedActions(IEnumerable<Choice> choices) =>
        new()
        {
            Actions = choices
                .Select(c => new CardAction(ActionTypes.ImBack, title: c.Label, value: c.Value))
                .ToList(),
        };
}
