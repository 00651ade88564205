namespace HepBot.Core.Safety;

/// <summary>
/// One language's words for warning signs and pain, as a clinic writes them in
/// dialogs/&lt;language&gt;/symptoms.yaml. Every list is comma-separated phrases; a phrase is words in
/// order (other words may sit between them), a word ending in <c>*</c> also matches longer words
/// ("faint*": faint, fainted, fainting), and words joined by <c>|</c> are alternatives ("calf|calves swollen").
/// </summary>
public sealed class SymptomLexicon
{
    /// <summary>The lexicon's keys besides one per finding (camel-case finding name).</summary>
    public const string DenialsKey = "denials", NotDenialsKey = "notDenials", ClauseBreaksKey = "clauseBreaks",
        PainWordsKey = "painWords", ScaleWordsKey = "scaleWords", NotPainNumbersKey = "notPainNumbers",
        NumberWordsKey = "numberWords", EverydayWordsKey = "everydayWords", NotSymptomsKey = "notSymptoms",
        ScoreBeforeKey = "scoreBefore", SoundAlikeKey = "soundAlike";

    private SymptomLexicon(
        IReadOnlyDictionary<SymptomFinding, IReadOnlyList<Phrase>> findings,
        IReadOnlyList<Phrase> denials, IReadOnlyList<Phrase> notDenials, IReadOnlySet<string> clauseBreaks,
        IReadOnlyList<Phrase> painWords, IReadOnlySet<string> scaleWords, IReadOnlySet<string> notPainNumbers,
        IReadOnlyList<string> numberWords, IReadOnlySet<string> everydayWords, IReadOnlyList<Phrase> notSymptoms,
        IReadOnlySet<string> scoreBefore, IReadOnlyList<(string Letters, string SoundsAs)> soundAlike)
    {
        ScoreBefore = scoreBefore;
        SoundAlike = soundAlike;
        NotSymptoms = notSymptoms;
        Findings = findings;
        Denials = denials;
        NotDenials = notDenials;
        ClauseBreaks = clauseBreaks;
        PainWords = painWords;
        ScaleWords = scaleWords;
        NotPainNumbers = notPainNumbers;
        NumberWords = numberWords;
        EverydayWords = everydayWords;
    }

    public IReadOnlyDictionary<SymptomFinding, IReadOnlyList<Phrase>> Findings { get; }

    /// <summary>Words that deny what follows in the same clause ("no", "not", "sin").</summary>
    public IReadOnlyList<Phrase> Denials { get; }

    /// <summary>Phrases that start with a denial word but deny nothing ("not sure", "no se").</summary>
    public IReadOnlyList<Phrase> NotDenials { get; }

    /// <summary>Words that end a denial's reach ("but", "and", "pero").</summary>
    public IReadOnlySet<string> ClauseBreaks { get; }

    public IReadOnlyList<Phrase> PainWords { get; }

    /// <summary>Words between a score and the top of the scale ("7 out of 10", "7 de 10").</summary>
    public IReadOnlySet<string> ScaleWords { get; }

    /// <summary>Words beside a number that make it something else than pain ("10 reps", "set 2").</summary>
    public IReadOnlySet<string> NotPainNumbers { get; }

    /// <summary>The numbers zero to ten as words, in order.</summary>
    public IReadOnlyList<string> NumberWords { get; }

    /// <summary>Everyday words never read as a misspelling of a lexicon word ("fewer" is not "fever").</summary>
    public IReadOnlySet<string> EverydayWords { get; }

    /// <summary>Everyday sayings that use symptom words but report nothing ("fell asleep", "pain free").</summary>
    public IReadOnlyList<Phrase> NotSymptoms { get; }

    /// <summary>Words before a bare number that make it a score: "a 6", "un 7".</summary>
    public IReadOnlySet<string> ScoreBefore { get; }

    /// <summary>
    /// Spellings that sound the same ("v=b", "h=" for a silent h), for languages whose patients often spell
    /// by ear; then doubled consonants count once. Empty: words are compared as written.
    /// </summary>
    public IReadOnlyList<(string Letters, string SoundsAs)> SoundAlike { get; }

    /// <summary>A word as it sounds, by <see cref="SoundAlike"/>: "jemelo" and "gemelo", "inchada" and "hinchada" are the same.</summary>
    public string Sound(string word)
    {
        if (SoundAlike.Count == 0)
            return word;
        var sound = word.Replace("ch", "", StringComparison.Ordinal);
        foreach (var (letters, soundsAs) in SoundAlike)
            sound = sound.Replace(letters, soundsAs, StringComparison.Ordinal);
        sound = sound.Replace("", "ch", StringComparison.Ordinal);
        var collapsed = new System.Text.StringBuilder(sound.Length);
        foreach (var c in sound)
        {
            if (collapsed.Length > 0 && collapsed[^1] == c && char.IsLetter(c) && !"aeiou".Contains(c))
                continue;
            collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    /// <summary>The key of a finding's entry: its name in camel case ("chestPain").</summary>
    public static string KeyOf(SymptomFinding finding) =>
        char.ToLowerInvariant(finding.ToString()[0]) + finding.ToString()[1..];

    /// <summary>Every key a lexicon has.</summary>
    public static IEnumerable<string> Keys =>
        Enum.GetValues<SymptomFinding>().Select(KeyOf).Concat(
            [DenialsKey, NotDenialsKey, ClauseBreaksKey, PainWordsKey, ScaleWordsKey, NotPainNumbersKey, NumberWordsKey, EverydayWordsKey, NotSymptomsKey, ScoreBeforeKey, SoundAlikeKey]);

    /// <summary>Builds a lexicon from its entries (key → comma-separated list), or lists every problem.</summary>
    /// <param name="entry">The text of a key, or null when the key is missing.</param>
    public static SymptomLexicon Parse(Func<string, string?> entry, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        IReadOnlyList<Phrase> Phrases(string key, bool required = true)
        {
            var text = entry(key);
            if (text is null)
            {
                found.Add($"'{key}' is missing.");
                return [];
            }
            var phrases = new List<Phrase>();
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var words = SymptomText.Words(part);
                if (words.Count == 0 || words.SelectMany(w => w.Split('|')).Any(w => w.TrimEnd('*').Length == 0 || w.IndexOf('*') is >= 0 and var at && at != w.Length - 1))
                    found.Add($"'{key}': '{part}' is not a phrase of words (a '*' may only end a word, and '|' separates words that mean the same).");
                else
                    phrases.Add(new Phrase(words));
            }
            if (required && phrases.Count == 0)
                found.Add($"'{key}' lists no words.");
            return phrases;
        }
        IReadOnlySet<string> Words(string key) => Phrases(key).SelectMany(p => p.Words).ToHashSet();

        var findings = Enum.GetValues<SymptomFinding>().ToDictionary(f => f, f => Phrases(KeyOf(f)));
        var numbers = Phrases(NumberWordsKey).Select(p => string.Join(' ', p.Words)).ToList();
        if (numbers.Count is not (0 or 11))
            found.Add($"'{NumberWordsKey}' must list the numbers zero to ten, 11 words in order (it lists {numbers.Count}).");
        var soundAlike = new List<(string, string)>();
        if (entry(SoundAlikeKey) is not { } sounds)
            found.Add($"'{SoundAlikeKey}' is missing (write \"\" for none).");
        else
            foreach (var pair in sounds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var sides = pair.Split('=', StringSplitOptions.TrimEntries);
                if (sides.Length != 2 || sides[0].Length == 0 || !sides.All(side => side.All(char.IsLetter)))
                    found.Add($"'{SoundAlikeKey}': '{pair}' must be letters = letters, like 'v=b' (or 'h=' for a silent h).");
                else
                    soundAlike.Add((SymptomText.Fold(sides[0]), SymptomText.Fold(sides[1])));
            }
        var lexicon = new SymptomLexicon(findings, Phrases(DenialsKey), Phrases(NotDenialsKey), Words(ClauseBreaksKey),
            Phrases(PainWordsKey), Words(ScaleWordsKey), Words(NotPainNumbersKey), numbers, Words(EverydayWordsKey), Phrases(NotSymptomsKey),
            Words(ScoreBeforeKey), soundAlike);
        problems = found;
        return lexicon;
    }

    /// <summary>A phrase's words, folded (lower case, no accents); a word may end in <c>*</c>.</summary>
    public sealed record Phrase(IReadOnlyList<string> Words)
    {
        public override string ToString() => string.Join(' ', Words);
    }
}
