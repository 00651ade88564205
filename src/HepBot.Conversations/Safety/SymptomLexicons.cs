using HepBot.Conversations.Content;
using HepBot.Core.Safety;

namespace HepBot.Conversations.Safety;

/// <summary>
/// The symptom lexicon of every language, from dialogs/&lt;language&gt;/symptoms.yaml. Built (and
/// checked) with the text catalog at start-up, so a clinic's broken entry stops HepBot with its name.
/// </summary>
public sealed class SymptomLexicons
{
    public const string File = "symptoms";

    private readonly Dictionary<string, SymptomLexicon> _lexicons = [];
    private readonly DialogTextCatalog _catalog;

    public SymptomLexicons(DialogTextCatalog catalog)
    {
        _catalog = catalog;
        var problems = new List<string>();
        foreach (var language in catalog.Languages)
        {
            _lexicons[language] = SymptomLexicon.Parse(
                key => catalog.Keys.Contains($"{File}.{key}") ? catalog.Get(language, $"{File}.{key}") : null,
                out var found);
            problems.AddRange(found.Select(p => $"{language}/{File}.yaml: {p}"));
        }
        if (problems.Count > 0)
            throw new DialogContentException("dialogs", problems);
    }

    public SymptomLexicon For(string? locale) => _lexicons[_catalog.ResolveLanguage(locale)];
}
