using System.Collections.Frozen;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Bot;

/// <summary>
/// Recognises a whole message as a command: a slash command (the same in every language, as
/// registered with Telegram) or one of the words listed in dialogs/&lt;language&gt;/commands.yaml.
/// Only the whole message counts, so "help me with my knee" written to the therapist stays a message.
/// </summary>
public sealed class CommandRecognizer
{
    /// <summary>The warning-sign check, offered as a button wherever HepBot could not answer what was typed.</summary>
    public const string UnwellCommand = "/unwell";

    public static readonly FrozenDictionary<string, PatientCommand> SlashCommands = new Dictionary<string, PatientCommand>
    {
        ["/today"] = PatientCommand.Today,
        ["/start"] = PatientCommand.Today,
        ["/progress"] = PatientCommand.Progress,
        ["/reminder"] = PatientCommand.Reminder,
        ["/pause"] = PatientCommand.Pause,
        ["/language"] = PatientCommand.Language,
        ["/message"] = PatientCommand.Message,
        ["/mydata"] = PatientCommand.MyData,
        ["/forgetme"] = PatientCommand.ForgetMe,
        ["/help"] = PatientCommand.Help,
        ["/menu"] = PatientCommand.Menu,
        ["/stop"] = PatientCommand.Stop,
        ["/snooze"] = PatientCommand.Snooze,
        ["/skipday"] = PatientCommand.SkipDay,
        ["/barrier"] = PatientCommand.Barrier,
        [UnwellCommand] = PatientCommand.Unwell,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly Phrases _phrases;

    public CommandRecognizer(Phrases phrases) => _phrases = phrases;

    /// <summary>The command the message is, or null. Slash commands may carry a bot name suffix (/help@HepBot).</summary>
    public PatientCommand? Recognize(ITurnContext turn, out bool isSlashCommand)
    {
        isSlashCommand = false;
        var text = turn.Activity.Text?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.StartsWith('/'))
        {
            var word = text.Split(' ', 2)[0].Split('@')[0];
            isSlashCommand = SlashCommands.TryGetValue(word, out var slash);
            return isSlashCommand ? slash : null;
        }
        var language = _phrases.Catalog.ResolveLanguage(turn.Activity.Locale);
        return _byLanguage.GetOrAdd(language, CommandWords).TryGetValue(Fold(text), out var command) ? command : null;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FrozenDictionary<string, PatientCommand>> _byLanguage = new(StringComparer.Ordinal);

    /// <summary>A language's command words, folded, each to the first command (in declaration order) that lists it.</summary>
    private FrozenDictionary<string, PatientCommand> CommandWords(string language)
    {
        var words = new Dictionary<string, PatientCommand>(StringComparer.Ordinal);
        foreach (var command in Enum.GetValues<PatientCommand>())
        {
            foreach (var word in _phrases.Words(language, WordsKey(command)))
                words.TryAdd(Fold(word), command);
        }
        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Lower case, without accents or surrounding punctuation: "¿Ayúdame?" and "ayudame" are the same word.</summary>
    public static string Fold(string text)
    {
        var trimmed = text.Trim().Trim('.', '!', '¡', '¿', ',');
        if (trimmed.Length > 1)
            trimmed = trimmed.TrimEnd('?').TrimStart('?');
        var decomposed = trimmed.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c)
            != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
    }

    public static string WordsKey(PatientCommand command) =>
        "commands." + char.ToLowerInvariant(command.ToString()[0]) + command.ToString()[1..];
}
