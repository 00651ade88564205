using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Bot;

/// <summary>
/// "/start WORDS": Telegram's deep link sends its payload this way (<c>/start CODE</c>), and a patient may
/// type words after /start. The words are the message, read like any typed text (a code, a warning sign,
/// a command, a remark), never dropped. The turn remembers that they came after /start: a payload shaped
/// like a code is taken as one, and words nothing else understands do what /start alone does.
/// </summary>
public static class StartPayload
{
    public const string Command = "/start";
    private const string TurnStateKey = "HepBot.StartPayload";

    /// <summary>Turns "/start WORDS" (or "/start@HepBot WORDS") into "WORDS"; a bare /start stays as it is.</summary>
    public static void Unwrap(ITurnContext turn)
    {
        if (Words(turn.Activity.Text) is not { } words)
            return;
        turn.Activity.Text = words;
        turn.TurnState[TurnStateKey] = true;
    }

    /// <summary>The words after /start, or null when the text is not /start with words.</summary>
    public static string? Words(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var end = trimmed.IndexOfAny([' ', '\t', '\n', '\r']);
        if (end < 0)
            return null;
        var first = trimmed[..end].Split('@')[0];
        var words = trimmed[end..].Trim();
        return string.Equals(first, Command, StringComparison.OrdinalIgnoreCase) && words.Length > 0 ? words : null;
    }

    /// <summary>This turn's text came after /start.</summary>
    public static bool Followed(ITurnContext turn) => turn.TurnState.Get<object>(TurnStateKey) is true;
}
