using System.Text.RegularExpressions;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using HepBot.Conversations.Dialogs;
using HepBot.Core.Exercises;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;
using HepBot.Data.ExerciseLibrary;
using HepBot.Testing;

namespace HepBot.Conversations.Tests.Content;

/// <summary>
/// Content completeness: every sentence the patient conversations can send is in dialogs/ in every
/// language (the catalog refuses to load when a language lacks a key of the default one), and every
/// exercise in the library can be shown in every language the bot speaks.
/// </summary>
public sealed partial class ConversationContentTests
{
    private static readonly DialogTextCatalog Catalog = DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs"));

    public static TheoryData<string> KeysNamedInTheCode()
    {
        var sections = Catalog.Keys.Select(k => k.Split('.')[0]).Distinct().ToList();
        var keys = Directory.EnumerateFiles(RepositoryPaths.Combine("src", "HepBot.Conversations"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)) // examples in doc comments
            .SelectMany(line => QuotedKey().Matches(line).Select(m => m.Groups["key"].Value))
            .Where(key => sections.Contains(key.Split('.')[0]) && !key.EndsWith('.'))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return [.. keys];
    }

    public static TheoryData<string> KeysBuiltFromChoices()
    {
        var keys = new List<string>();
        foreach (var reason in Enum.GetValues<SkipReason>())
            keys.AddRange(["skip.reason." + SkipReasonDialog.Key(reason), "skip.answer." + SkipReasonDialog.Key(reason)]);
        keys.AddRange(Enum.GetValues<SymptomFinding>().Select(f => "safety.finding." + SafetyCheckDialog.Key(f)));
        keys.AddRange(Enum.GetValues<UrgencyTier>().Select(t => "alerts.tier." + Camel(t.ToString())));
        keys.AddRange(Enum.GetValues<UrgencyTier>().Where(t => t != UrgencyTier.None).Select(t => "safety.advice." + Camel(t.ToString())));
        keys.AddRange(SymptomLexicon.Keys.Select(k => "symptoms." + k));
        keys.AddRange(Enum.GetValues<Difficulty>().Select(d => "session.difficulty." + Camel(d.ToString())));
        keys.AddRange(Enum.GetValues<SessionStatus>().Select(s => "data.status." + Camel(s.ToString())));
        keys.AddRange(Enum.GetValues<Side>().Where(s => s != Side.Both)
            .SelectMany(s => Enum.GetValues<BodyRegion>().Select(r => (BodyRegion?)r).Append(null).Select(r => DoseWords.SideKey(s, r))));
        keys.AddRange(Enum.GetValues<PatientCommand>().Select(CommandRecognizer.WordsKey));
        keys.AddRange(MenuDialog.Items.Select(c => "menu.items." + Camel(c.ToString())));
        return [.. keys];
    }

    [Fact]
    public void The_code_names_dialog_texts()
    {
        // Guards the theory below against a pattern that silently matches nothing.
        Assert.True(KeysNamedInTheCode().Count > 80, $"Only {KeysNamedInTheCode().Count} keys found in the code.");
    }

    [Theory]
    [MemberData(nameof(KeysNamedInTheCode))]
    [MemberData(nameof(KeysBuiltFromChoices))]
    public void Every_text_the_conversations_send_is_there_in_every_language(string key)
    {
        Assert.Contains(key, Catalog.Keys);
        foreach (var language in Catalog.Languages)
        {
            // Get resolves in that language only; a missing key throws rather than falling back.
            var exception = Record.Exception(() => Catalog.Get(language, key));
            Assert.True(exception is null or ArgumentException, $"{language}: {exception?.Message}");
        }
    }

    [Fact]
    public void Every_library_exercise_has_its_name_steps_cues_and_cautions_in_every_language()
    {
        var library = ExerciseLibraryFile.Load(RepositoryPaths.Combine("library", "exercises.yaml"));
        Assert.NotEmpty(library);
        var gaps = from exercise in library
                   from language in Catalog.Languages
                   let text = exercise.Texts.SingleOrDefault(t => t.Locale == language)
                   let english = exercise.TextFor(Exercise.DefaultLocale)
                   where text is null || string.IsNullOrWhiteSpace(text.Name) || text.Steps.Count != english.Steps.Count
                         || text.Cues.Count != english.Cues.Count || text.Cautions.Count != english.Cautions.Count
                   select $"{exercise.Slug} ({language})";
        Assert.Empty(gaps);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex("\"(?<key>[a-z]+\\.[a-zA-Z.]+)\"")]
    private static partial Regex QuotedKey();
}
