using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HepBot.Conversations.Content;

/// <summary>
/// Every sentence the bot says, per language, loaded from the dialogs/ folder:
/// <c>dialogs/{language}/{file}.yaml</c>, where key <c>painNow</c> in <c>session.yaml</c> is
/// <c>session.painNow</c> and nested maps add more dots. Loading checks that every language has
/// exactly the default language's keys with the same placeholders, and reports all problems at once.
/// </summary>
public sealed partial class DialogTextCatalog
{
    private readonly Dictionary<string, Dictionary<string, DialogText>> _texts;

    private DialogTextCatalog(string defaultLanguage, Dictionary<string, Dictionary<string, DialogText>> texts)
    {
        DefaultLanguage = defaultLanguage;
        _texts = texts;
        Languages = texts.Keys.Order(StringComparer.Ordinal).ToList();
        Keys = texts[defaultLanguage].Keys.Order(StringComparer.Ordinal).ToList();
    }

    public string DefaultLanguage { get; }

    /// <summary>The language folders, e.g. ["en", "es"].</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Every key, e.g. "common.notUnderstood"; the same in every language.</summary>
    public IReadOnlyList<string> Keys { get; }

    public static DialogTextCatalog Load(string dialogsFolder, string defaultLanguage = "en")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogsFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultLanguage);
        defaultLanguage = LanguageFallback.Normalize(defaultLanguage);

        if (!Directory.Exists(dialogsFolder))
        {
            throw new DialogContentException(dialogsFolder, ["The folder does not exist."]);
        }

        var problems = new List<string>();
        var texts = new Dictionary<string, Dictionary<string, DialogText>>(StringComparer.Ordinal);
        foreach (var languageFolder in Directory.GetDirectories(dialogsFolder).Order(StringComparer.Ordinal))
        {
            var language = Path.GetFileName(languageFolder);
            if (!LanguagePattern().IsMatch(language))
            {
                problems.Add($"Folder '{language}' is not a language tag in lower case like 'en', 'es' or 'pt-br'.");
                continue;
            }

            texts[language] = LoadLanguage(languageFolder, language, problems);
        }

        if (!texts.TryGetValue(defaultLanguage, out var reference))
        {
            problems.Add($"There is no folder for the default language '{defaultLanguage}'.");
            throw new DialogContentException(dialogsFolder, problems);
        }

        foreach (var (language, languageTexts) in texts.Where(t => t.Key != defaultLanguage))
        {
            CompareWithDefault(language, languageTexts, defaultLanguage, reference, problems);
        }

        if (problems.Count > 0)
        {
            throw new DialogContentException(dialogsFolder, problems);
        }

        return new DialogTextCatalog(defaultLanguage, texts);
    }

    /// <summary>The language that serves <paramref name="locale"/>: es-MX → es → the default language.</summary>
    public string ResolveLanguage(string? locale) =>
        LanguageFallback.Chain(locale, DefaultLanguage).First(_texts.ContainsKey);

    /// <summary>
    /// The text for <paramref name="key"/> in the language that serves <paramref name="locale"/>,
    /// with every placeholder filled: <c>Get("es-MX", "session.greeting", ("firstName", "Ana"))</c>.
    /// Numbers and dates are formatted for the locale.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The key is not in the catalog.</exception>
    /// <exception cref="ArgumentException">A placeholder has no value, or a value has no placeholder.</exception>
    public string Get(string? locale, string key, params (string Name, object? Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(key);
        var language = ResolveLanguage(locale);
        if (!_texts[language].TryGetValue(key, out var text))
        {
            throw new KeyNotFoundException(
                $"There is no dialog text '{key}'. Keys are '<file>.<key>', e.g. 'common.notUnderstood' from dialogs/{DefaultLanguage}/common.yaml.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            if (!text.Placeholders.Contains(name))
            {
                throw new ArgumentException($"Dialog text '{key}' has no placeholder {{{name}}}; it has {Describe(text.Placeholders)}.", nameof(args));
            }

            if (!values.TryAdd(name, value))
            {
                throw new ArgumentException($"Dialog text '{key}': {{{name}}} was given twice.", nameof(args));
            }
        }

        var culture = CultureFor(locale, language);
        return text.Format(name => values.GetValueOrDefault(name) switch
        {
            null => throw new ArgumentException($"Dialog text '{key}' needs a value for {{{name}}}.", nameof(args)),
            IFormattable formattable => formattable.ToString(null, culture),
            var value => value.ToString() ?? string.Empty,
        });
    }

    private static Dictionary<string, DialogText> LoadLanguage(string folder, string language, List<string> problems)
    {
        var texts = new Dictionary<string, DialogText>(StringComparer.Ordinal);
        foreach (var subfolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            problems.Add($"{language}/{Path.GetFileName(subfolder)}: folders inside a language folder are not read; " +
                "put the .yaml files directly in the language folder and group keys inside a file instead.");
        }

        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            var where = $"{language}/{fileName}";
            if (fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: rename the file to end in .yaml.");
                continue;
            }

            if (!fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var prefix = Path.GetFileNameWithoutExtension(path);
            if (!KeyPattern().IsMatch(prefix))
            {
                problems.Add($"{where}: the file name must be letters, digits or _ (it becomes the first part of every key).");
                continue;
            }

            var root = ReadYaml(path, where, problems);
            switch (root)
            {
                case null:
                    break;
                case YamlMappingNode map:
                    Flatten(map, prefix, where, texts, problems);
                    break;
                default:
                    problems.Add($"{where} (line {root.Start.Line}): the file must be a list of 'key: text' lines.");
                    break;
            }
        }

        return texts;
    }

    private static YamlNode? ReadYaml(string path, string where, List<string> problems)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException ?? e).Message.TrimEnd('.');
            problems.Add($"{where} (line {e.Start.Line}): {reason}. " +
                "If a text starts with '{' or a quote, or contains ': ' or ' #', put it in double quotes.");
            return null;
        }
    }

    private static void Flatten(
        YamlMappingNode map, string prefix, string where, Dictionary<string, DialogText> texts, List<string> problems)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value;
            if (name is null || !KeyPattern().IsMatch(name))
            {
                problems.Add($"{where} (line {keyNode.Start.Line}): key '{keyNode}' must be letters, digits or _ (no spaces or dots).");
                continue;
            }

            var key = $"{prefix}.{name}";
            switch (valueNode)
            {
                case YamlMappingNode nested:
                    Flatten(nested, key, where, texts, problems);
                    break;

                case YamlScalarNode scalar when !IsMissing(scalar):
                    var text = DialogText.Parse(scalar.Value!.Trim(), out var problem);
                    if (text is null)
                    {
                        problems.Add($"{where} (line {valueNode.Start.Line}): '{key}' {problem}.");
                    }
                    else
                    {
                        texts[key] = text;
                    }

                    break;

                case YamlScalarNode:
                    problems.Add($"{where} (line {valueNode.Start.Line}): '{key}' has no text.");
                    break;

                default:
                    problems.Add($"{where} (line {valueNode.Start.Line}): '{key}' must be a text or a group of keys, not a list.");
                    break;
            }
        }
    }

    /// <summary>
    /// A key with nothing after it (or YAML's ~ / null) is a forgotten text. A quoted empty text
    /// ("") is deliberate: the bot says nothing there, e.g. no side note for exercises on both sides.
    /// </summary>
    private static bool IsMissing(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
            ? scalar.Value is null
            : string.IsNullOrWhiteSpace(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL";

    private static void CompareWithDefault(
        string language,
        Dictionary<string, DialogText> texts,
        string defaultLanguage,
        Dictionary<string, DialogText> reference,
        List<string> problems)
    {
        foreach (var key in reference.Keys.Where(k => !texts.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{language}: '{key}' is missing (it is in {defaultLanguage}).");
        }

        foreach (var key in texts.Keys.Where(k => !reference.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{language}: '{key}' is not in {defaultLanguage}; add it there too or remove it.");
        }

        foreach (var (key, text) in texts.Where(t => reference.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var expected = reference[key].Placeholders;
            if (expected.SetEquals(text.Placeholders))
            {
                continue;
            }

            var missing = expected.Except(text.Placeholders).ToList();
            var extra = text.Placeholders.Except(expected).ToList();
            var differences = new List<string>();
            if (missing.Count > 0)
            {
                differences.Add($"lacks {Describe(missing)}");
            }

            if (extra.Count > 0)
            {
                differences.Add($"has {Describe(extra)} which {defaultLanguage} does not");
            }

            problems.Add($"{language}: '{key}' placeholders differ from {defaultLanguage}: {string.Join("; ", differences)}.");
        }
    }

    private static string Describe(IEnumerable<string> placeholders)
    {
        var list = placeholders.Select(p => $"{{{p}}}").ToList();
        return list.Count == 0 ? "no placeholders" : string.Join(", ", list);
    }

    private static CultureInfo CultureFor(string? locale, string language)
    {
        foreach (var name in new[] { locale, language })
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            try
            {
                return CultureInfo.GetCultureInfo(name.Replace('_', '-'));
            }
            catch (CultureNotFoundException)
            {
                // Not a culture .NET knows; try the language, then format invariantly.
            }
        }

        return CultureInfo.InvariantCulture;
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
