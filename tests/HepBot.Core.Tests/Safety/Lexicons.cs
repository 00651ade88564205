using HepBot.Core.Safety;
using HepBot.Testing;
using YamlDotNet.RepresentationModel;

namespace HepBot.Core.Tests.Safety;

/// <summary>The repository's symptom lexicons (dialogs/&lt;language&gt;/symptoms.yaml), read once per language.</summary>
public static class Lexicons
{
    private static readonly Dictionary<string, SymptomLexicon> Loaded = [];

    public static SymptomLexicon For(string language)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(language, out var lexicon))
            {
                var entries = Read(RepositoryPaths.Combine("dialogs", language, "symptoms.yaml"));
                lexicon = SymptomLexicon.Parse(key => entries.GetValueOrDefault(key), out var problems);
                Assert.True(problems.Count == 0, $"{language}/symptoms.yaml: {string.Join(" ", problems)}");
                Loaded[language] = lexicon;
            }
            return lexicon;
        }
    }

    public static Dictionary<string, string> Read(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return ((YamlMappingNode)stream.Documents[0].RootNode).Children
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);
    }
}
