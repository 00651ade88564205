using HepBot.Testing;

namespace HepBot.Core.Tests.Safety;

/// <summary>
/// Which typed-symptom corpus files (Safety/Corpus/*.tsv) are development and which are held out, decided here
/// only. A blind set is scored once while held out (<c>unseen-N.tsv</c>), its first figures are recorded in the
/// corpus README, then it is renamed <c>retired-unseen-N.tsv</c> and joins the development set: the lexicon may
/// be tuned on it and it is held to the goals like <see cref="Labelled"/>.
/// </summary>
public static class CorpusFiles
{
    /// <summary>The development set the corpus was built around; the only one held to the shares and the coverage.</summary>
    public const string Labelled = "labelled.tsv";

    /// <summary>The name a held-out set takes once its first score is recorded.</summary>
    public const string RetiredPrefix = "retired-";

    public static string Folder => RepositoryPaths.Combine("tests", "HepBot.Core.Tests", "Safety", "Corpus");

    public static string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Every .tsv in the folder, by name.</summary>
    public static IReadOnlyList<string> All => Directory.EnumerateFiles(Folder, "*.tsv")
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static bool IsDevelopment(string file) =>
        file == Labelled || file.StartsWith(RetiredPrefix, StringComparison.Ordinal);

    /// <summary>labelled.tsv and every retired blind set: tuned on, held to the goals, misses printed row by row.</summary>
    public static IReadOnlyList<string> Development => All.Where(IsDevelopment).ToList();

    /// <summary>Every other .tsv: a blind set not scored yet, printed without its rows. There may be none.</summary>
    public static IReadOnlyList<string> HeldOut => All.Where(f => !IsDevelopment(f)).ToList();
}
