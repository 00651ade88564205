namespace HepBot.Core.Safety;

/// <summary>
/// One language's words for warning signs and pain, as a clinic writes them in
/// dialogs/&lt;language&gt;/symptoms.yaml. Every list is comma-separated phrases; a phrase is words in
/// order (other words may sit between them), a word ending in <c>*</c> also matches longer words
/// ("faint*": faint, fainted, fainting), words joined by <c>|</c> are alternatives ("calf|calves swollen"), and
/// phrases separated by <c> | </c> with spaces are alternatives as a whole ("no puedo | no consigo | apenas").
/// A word class (<see cref="WordClassesKey"/>, one "name = words" line each) stands for any of its words
/// where a phrase says <c>@name</c>; phrases joined by <c>+</c> ("@chest + @discomfort") are found when
/// each is said in one clause, in any order and at any distance, none of them denied.
/// </summary>
public sealed class SymptomLexicon
{
    /// <summary>The lexicon's keys besides one per finding (camel-case finding name).</summary>
    public const string DenialsKey = "denials", NotDenialsKey = "notDenials", ClauseBreaksKey = "clauseBreaks",
        PainWordsKey = "painWords", ScaleWordsKey = "scaleWords", NotPainNumbersKey = "notPainNumbers",
        NumberWordsKey = "numberWords", EverydayWordsKey = "everydayWords", NotSymptomsKey = "notSymptoms",
        ScoreBeforeKey = "scoreBefore", ScoreAboveKey = "scoreAbove", SoundAlikeKey = "soundAlike", WordClassesKey = "wordClasses",
        ListWordsKey = "listWords", NewStatementKey = "newStatement", HistoryKey = "history", NowKey = "now",
        OtherPeopleKey = "otherPeople", FirstPersonKey = "firstPerson", SettlingKey = "settling", SettlingSignsKey = "settlingSigns",
        AskedAboutKey = "askedAbout", ScoreAfterKey = "scoreAfter", RangeWordsKey = "rangeWords", UnsureAnswersKey = "unsureAnswers",
        EmojiWordsKey = "emojiWords", ListAnswersKey = "listAnswers",
        CannotKey = "cannot", WithoutKey = "without";

    /// <summary>More expansions than this from one phrase's word classes is a mistake in the file, not a phrase.</summary>
    public const int MaxExpansions = 400;

    private SymptomLexicon(
        IReadOnlyDictionary<SymptomFinding, IReadOnlyList<Phrase>> findings,
        IReadOnlyList<Phrase> denials, IReadOnlyList<Phrase> notDenials, IReadOnlySet<string> clauseBreaks,
        IReadOnlyList<Phrase> painWords, IReadOnlySet<string> scaleWords, IReadOnlySet<string> notPainNumbers,
        IReadOnlyList<string> numberWords, IReadOnlySet<string> everydayWords, IReadOnlyList<Phrase> notSymptoms,
        IReadOnlySet<string> scoreBefore, IReadOnlySet<string> scoreAbove, IReadOnlyList<(string Letters, string SoundsAs)> soundAlike,
        IReadOnlySet<string> listWords, IReadOnlySet<string> newStatement, IReadOnlyList<Phrase> history, IReadOnlyList<Phrase> now,
        IReadOnlyList<Phrase> otherPeople, IReadOnlySet<string> firstPerson, IReadOnlyList<Phrase> settling, IReadOnlySet<SymptomFinding> settlingSigns,
        IReadOnlyList<Phrase> askedAbout, IReadOnlyList<Phrase> scoreAfter, IReadOnlySet<string> rangeWords, IReadOnlyList<Phrase> unsureAnswers)
    {
        ScoreAfter = scoreAfter;
        RangeWords = rangeWords;
        UnsureAnswers = unsureAnswers;
        AskedAbout = askedAbout;
        Settling = settling;
        SettlingSigns = settlingSigns;

        ListWords = listWords;
        NewStatement = newStatement;
        History = history;
        Now = now;
        OtherPeople = otherPeople;
        FirstPerson = firstPerson;
        ScoreBefore = scoreBefore;
        ScoreAbove = scoreAbove;
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

    /// <summary>
    /// Words that deny what follows in the same clause ("no", "not", "sin"). A slip is forgiven here as anywhere ("didint"),
    /// so the everyday words one slip away from a denial ("want", "agent", "haven", "ganas") belong in <see cref="EverydayWords"/>.
    /// </summary>
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

    /// <summary>The numbers from zero as words, in order: to ten at least (a score), up to twenty (a score out of scale, "a twelve").</summary>
    public IReadOnlyList<string> NumberWords { get; }

    /// <summary>Everyday words never read as a misspelling of a lexicon word ("fewer" is not "fever").</summary>
    public IReadOnlySet<string> EverydayWords { get; }

    /// <summary>Everyday sayings that use symptom words but report nothing ("fell asleep", "pain free").</summary>
    public IReadOnlyList<Phrase> NotSymptoms { get; }

    /// <summary>
    /// Words that join the items of a list ("or", "nor", "ni"): a denial reaches over them ("never felt faint or
    /// lightheaded") and, after a comma, carries on into the rest of its list ("no dizziness, nausea or chest pain").
    /// </summary>
    public IReadOnlySet<string> ListWords { get; }

    /// <summary>Words that start a new statement after a comma ("my", "is", "tengo"): a denied list stops before them.</summary>
    public IReadOnlySet<string> NewStatement { get; }

    /// <summary>Long-ago history ("two years ago", "as a child", "hace años"): a clause that says one reports no sign, unless it also says <see cref="Now"/>.</summary>
    public IReadOnlyList<Phrase> History { get; }

    /// <summary>Words that bring a clause back to the present ("now", "again", "otra vez"): history does not silence it.</summary>
    public IReadOnlyList<Phrase> Now { get; }

    /// <summary>
    /// People outside the patient's household ("my neighbour", "a friend", "mi vecina"): a sign said after one of them is
    /// theirs, not the patient's, unless a <see cref="FirstPerson"/> word comes between. Family stays out of this list:
    /// a relative often writes for the patient ("mum fainted").
    /// </summary>
    public IReadOnlyList<Phrase> OtherPeople { get; }

    /// <summary>
    /// Words that say something is getting better ("going down", "settling", "ya se me pasa"). A part of a message that says
    /// one does not report the <see cref="SettlingSigns"/> (swelling after exercise that is going down is healing, not a
    /// warning) and its pain words do not ask for the score. A denied one ("not going down") settles nothing.
    /// </summary>
    public IReadOnlyList<Phrase> Settling { get; }

    /// <summary>The signs a settling part does not report; the others (dizziness, chest pain…) are reported even when they pass.</summary>
    public IReadOnlySet<SymptomFinding> SettlingSigns { get; }

    /// <summary>
    /// A question someone else asked, reported ("the nurse asked if", "me preguntó si"): the clause that says one is
    /// read as a question, so a short denial after it ("no to both", "ninguno") denies its signs like "chest pain? no".
    /// </summary>
    public IReadOnlyList<Phrase> AskedAbout { get; }

    /// <summary>Phrases right after a bare number that make it a score: "seven ish", "siete mas o menos".</summary>
    public IReadOnlyList<Phrase> ScoreAfter { get; }

    /// <summary>
    /// Words between the two numbers of a range ("6 or 7", "entre 5 y 6"): the second number of a range that starts with
    /// a score is a score too, and the higher one counts.
    /// </summary>
    public IReadOnlySet<string> RangeWords { get; }

    /// <summary>
    /// Answers that say the patient does not know ("not sure", "no se"): an answer to a question about a sign that is
    /// exactly one of these does not deny it, so "chest pain? not sure" is the sign (in doubt, safety wins).
    /// </summary>
    public IReadOnlyList<Phrase> UnsureAnswers { get; }

    /// <summary>
    /// Answers that deny a whole list of signs ("none of those", "nada de eso"): "fever, chills, calf pain: none of those"
    /// denies every item, where a bare "no" after a list of statements ("dizzy since lunch, fever? no") denies only the
    /// question it answers.
    /// </summary>
    public IReadOnlyList<Phrase> ListAnswers { get; private set; } = [];

    /// <summary>
    /// Words that say the patient cannot do something ("cant", "no puedo"). Said earlier in a clause, they turn a later
    /// <see cref="Without"/> into a yes: "can't say two words without gasping" is gasping, "no puedo terminar una frase
    /// sin ahogarme" is choking.
    /// </summary>
    public IReadOnlyList<Phrase> Cannot { get; private set; } = [];

    /// <summary>The denials that a <see cref="Cannot"/> before them undoes ("without", "sin").</summary>
    public IReadOnlySet<string> Without { get; private set; } = new HashSet<string>();

    /// <summary>Words that bring a sentence back to the patient ("i", "my", "me", "tengo").</summary>
    public IReadOnlySet<string> FirstPerson { get; }

    /// <summary>Words before a bare number that make it a score: "a 6", "un 7".</summary>
    public IReadOnlySet<string> ScoreBefore { get; }

    /// <summary>
    /// The <see cref="ScoreBefore"/> words after which a number above the scale (up to the last of <see cref="NumberWords"/>)
    /// is still a score, read as the top of the scale and confirmed: "its a 20", "un doce". Not "about 15": that is a count.
    /// </summary>
    public IReadOnlySet<string> ScoreAbove { get; }

    /// <summary>
    /// Spellings that sound the same ("v=b", "h=" for a silent h), for languages whose patients often spell
    /// by ear; then doubled consonants count once. Empty: words are compared as written.
    /// </summary>
    public IReadOnlyList<(string Letters, string SoundsAs)> SoundAlike { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _lexiconSounds = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Sound"/> of one of this lexicon's own words or stems (a "*" stays at the end). Kept once worked out:
    /// the lexicon's words are a fixed few hundred and every typed word is compared with them.
    /// </summary>
    public string SoundOfLexiconWord(string lexiconWord) => SoundAlike.Count == 0 ? lexiconWord
        : _lexiconSounds.GetOrAdd(lexiconWord, w => w.EndsWith('*') ? Sound(w[..^1]) + "*" : Sound(w));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _typedSounds = new(StringComparer.Ordinal);

    /// <summary>How many typed words' sounds are kept before the memory starts again (a patient's vocabulary is a few thousand words).</summary>
    public const int TypedSoundsKept = 20_000;

    /// <summary>
    /// <see cref="Sound"/> of a typed word, kept: one message compares each of its words with every word of the lexicon, and
    /// working the sound out again each time was most of the recogniser's time in Spanish.
    /// </summary>
    public string SoundOfTypedWord(string word)
    {
        if (SoundAlike.Count == 0)
            return word;
        if (_typedSounds.TryGetValue(word, out var sound))
            return sound;
        if (_typedSounds.Count >= TypedSoundsKept)
            _typedSounds.Clear();
        return _typedSounds.GetOrAdd(word, Sound);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _alternatives = new(StringComparer.Ordinal);

    /// <summary>The words a lexicon word stands for: "calf|calves" is calf and calves. Kept: the lexicon's words are fixed.</summary>
    public string[] AlternativesOf(string lexiconWord) => _alternatives.GetOrAdd(lexiconWord, w => w.Split('|'));

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

    /// <summary>
    /// Emojis that say a word ("🤢 = feel sick", "❤️ = heart"), longest first, without variation selectors. They are read as
    /// their words before anything else (words ending in a full stop, "😖 = awful.", also end the sentence); any other
    /// emoji ends a sentence as a full stop would.
    /// </summary>
    public IReadOnlyList<(string Emoji, string Words)> EmojiWords { get; private set; } = [];

    /// <summary><paramref name="text"/> with every emoji of <see cref="EmojiWords"/> written as its words.</summary>
    public string SayEmoji(string text)
    {
        if (EmojiWords.Count == 0)
            return text;
        var said = WithoutVariationSelectors(text);
        foreach (var (emoji, words) in EmojiWords)
            said = said.Replace(emoji, " " + words + " ", StringComparison.Ordinal);
        return said;
    }

    /// <summary>"❤️" and "❤" are the same emoji: U+FE0E/U+FE0F only choose how it is drawn.</summary>
    private static string WithoutVariationSelectors(string text) =>
        text.Contains('\uFE0F') || text.Contains('\uFE0E') ? text.Replace("\uFE0F", "", StringComparison.Ordinal).Replace("\uFE0E", "", StringComparison.Ordinal) : text;

    /// <summary>The key of a finding's entry: its name in camel case ("chestPain").</summary>
    public static string KeyOf(SymptomFinding finding) =>
        char.ToLowerInvariant(finding.ToString()[0]) + finding.ToString()[1..];

    /// <summary>Every key a lexicon has.</summary>
    public static IEnumerable<string> Keys =>
        Enum.GetValues<SymptomFinding>().Select(KeyOf).Concat(
            [DenialsKey, NotDenialsKey, ClauseBreaksKey, PainWordsKey, ScaleWordsKey, NotPainNumbersKey, NumberWordsKey, EverydayWordsKey, NotSymptomsKey, ScoreBeforeKey, ScoreAboveKey, SoundAlikeKey, WordClassesKey,
             ListWordsKey, NewStatementKey, HistoryKey, NowKey, OtherPeopleKey, FirstPersonKey, SettlingKey, SettlingSignsKey, AskedAboutKey,
             ScoreAfterKey, RangeWordsKey, UnsureAnswersKey, EmojiWordsKey, ListAnswersKey, CannotKey, WithoutKey]);

    /// <summary>Builds a lexicon from its entries (key → comma-separated list), or lists every problem.</summary>
    /// <param name="entry">The text of a key, or null when the key is missing.</param>
    public static SymptomLexicon Parse(Func<string, string?> entry, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var classes = ParseWordClasses(entry(WordClassesKey), found);
        var denialWords = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<Phrase> Phrases(string key, bool allowTogether = false)
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
                var sides = part.Split('+', StringSplitOptions.TrimEntries);
                if (sides.Length > 1 && !allowTogether)
                {
                    found.Add($"'{key}': '{part}' joins phrases with '+', which only the warning signs and '{PainWordsKey}' may do.");
                    continue;
                }
                var together = new List<IReadOnlyList<Phrase>>();
                foreach (var side in sides)
                {
                    // " | " with spaces separates whole phrases ("no puedo | no consigo | apenas"); "a|b" without spaces, single words.
                    var expanded = new List<string>();
                    foreach (var alternative in PhraseAlternatives.Split(side))
                    {
                        if (Expand(alternative.Trim(), classes, key, found) is not { } spelt)
                        {
                            expanded = null;
                            break;
                        }
                        expanded.AddRange(spelt);
                    }
                    if (expanded is null)
                        break;
                    if (expanded.Count == 0)
                    {
                        found.Add($"'{key}': '{part}' has an empty side of '+'.");
                        break;
                    }
                    var alternatives = new List<Phrase>();
                    foreach (var wordsText in expanded)
                    {
                        var words = SymptomText.Words(wordsText);
                        if (!IsPhrase(words))
                        {
                            found.Add($"'{key}': '{part}' is not a phrase of words (a '*' may only end a word, '|' separates words that mean the same, '+' joins phrases said in one clause, '@' names a word class).");
                            alternatives.Clear();
                            break;
                        }
                        alternatives.Add(new Phrase(words));
                    }
                    if (alternatives.Count == 0)
                        break;
                    together.Add(alternatives);
                }
                if (together.Count != sides.Length)
                    continue;
                if (sides.Length == 1 && together[0].Count == 1)
                    phrases.Add(together[0][0]);
                else if (sides.Length == 1)
                    phrases.AddRange(together[0]);
                else
                {
                    // A side that says a denial itself ("no siento + @zona") is looked for first: its "no" is its own, not a denial of the other sides.
                    var ordered = together.OrderBy(side => side.Any(a => a.Words.Any(denialWords.Contains)) ? 0 : 1).ToList();
                    phrases.Add(new Phrase(together.SelectMany(t => t[0].Words).ToList()) { Together = ordered });
                }
            }
            if (phrases.Count == 0)
                found.Add($"'{key}' lists no words.");
            return phrases;
        }
        IReadOnlySet<string> Words(string key) => Phrases(key).SelectMany(p => p.Words).ToHashSet();

        var denials = Phrases(DenialsKey);
        denialWords.UnionWith(denials.Where(d => d.Words.Count == 1).Select(d => d.Words[0]));
        var findings = Enum.GetValues<SymptomFinding>().ToDictionary(f => f, f => Phrases(KeyOf(f), allowTogether: true));
        var settlingSigns = new HashSet<SymptomFinding>();
        if (entry(SettlingSignsKey) is not { } settles)
            found.Add($"'{SettlingSignsKey}' is missing (write \"\" for none).");
        else
            foreach (var name in settles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var finding = Enum.GetValues<SymptomFinding>().Where(f => KeyOf(f) == name).Cast<SymptomFinding?>().FirstOrDefault();
                if (finding is null)
                    found.Add($"'{SettlingSignsKey}': '{name}' is not a warning sign's key ({string.Join(", ", Enum.GetValues<SymptomFinding>().Select(KeyOf))}).");
                else if (UrgencyRule.TierOf(finding.Value) == UrgencyTier.Emergency)
                    found.Add($"'{SettlingSignsKey}': '{name}' is an emergency sign; an emergency is reported even when it passes.");
                else
                    settlingSigns.Add(finding.Value);
            }
        var numbers = Phrases(NumberWordsKey).Select(p => string.Join(' ', p.Words)).ToList();
        if (numbers.Count is not (0 or (>= 11 and <= 21)))
            found.Add($"'{NumberWordsKey}' must list the numbers from zero in order, to ten at least and twenty at most (it lists {numbers.Count}).");
        var soundAlike = new List<(string, string)>();
        foreach (var (pair, sides) in Pairs(SoundAlikeKey, entry, found))
        {
            if (sides.Length != 2 || sides[0].Length == 0 || !sides.All(side => side.All(char.IsLetter)))
                found.Add($"'{SoundAlikeKey}': '{pair}' must be letters = letters, like 'v=b' (or 'h=' for a silent h).");
            else
                soundAlike.Add((SymptomText.Fold(sides[0]), SymptomText.Fold(sides[1])));
        }
        var emojiWords = new List<(string, string)>();
        foreach (var (pair, sides) in Pairs(EmojiWordsKey, entry, found))
        {
            var emoji = sides.Length == 2 ? WithoutVariationSelectors(sides[0]) : "";
            if (sides.Length != 2 || emoji.Length == 0 || emoji.Any(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c))
                || SymptomText.Words(sides[1]) is not { Count: > 0 } said || !IsPhrase(said))
                found.Add($"'{EmojiWordsKey}': '{pair}' must be an emoji = words, like '🤢 = feel sick'.");
            else if (emojiWords.Any(e => e.Item1 == emoji))
                found.Add($"'{EmojiWordsKey}': '{sides[0]}' is listed twice.");
            else
                emojiWords.Add((emoji, sides[1]));
        }
        var lexicon = new SymptomLexicon(findings, denials, Phrases(NotDenialsKey), Words(ClauseBreaksKey),
            Phrases(PainWordsKey, allowTogether: true), Words(ScaleWordsKey), Words(NotPainNumbersKey), numbers, Words(EverydayWordsKey), Phrases(NotSymptomsKey),
            Words(ScoreBeforeKey), Words(ScoreAboveKey), soundAlike, Words(ListWordsKey), Words(NewStatementKey), Phrases(HistoryKey), Phrases(NowKey),
            Phrases(OtherPeopleKey), Words(FirstPersonKey), Phrases(SettlingKey), settlingSigns, Phrases(AskedAboutKey),
            Phrases(ScoreAfterKey), Words(RangeWordsKey), Phrases(UnsureAnswersKey));
        lexicon.EmojiWords = [.. emojiWords.OrderByDescending(e => e.Item1.Length)];
        lexicon.ListAnswers = Phrases(ListAnswersKey);
        lexicon.Cannot = Phrases(CannotKey);
        lexicon.Without = Words(WithoutKey);
        problems = found;
        return lexicon;
    }

    /// <summary>An entry of "left = right" pairs separated by commas, each with its two sides trimmed; a missing entry is a problem (write "" for none).</summary>
    private static IEnumerable<(string Pair, string[] Sides)> Pairs(string key, Func<string, string?> entry, List<string> found)
    {
        if (entry(key) is not { } text)
        {
            found.Add($"'{key}' is missing (write \"\" for none).");
            return [];
        }
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => (pair, pair.Split('=', StringSplitOptions.TrimEntries)));
    }

    private static readonly System.Text.RegularExpressions.Regex PhraseAlternatives = new(@"\s+\|\s+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool IsPhrase(IReadOnlyList<string> words) =>
        words.Count > 0 && !words.SelectMany(w => w.Split('|')).Any(w => w.TrimEnd('*').Length == 0 || w.IndexOf('*') is >= 0 and var at && at != w.Length - 1);

    /// <summary>"chest = chest, breastbone" lines (or ';'-separated) → class name → its phrases as written.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ParseWordClasses(string? text, List<string> found)
    {
        var classes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (text is null)
        {
            found.Add($"'{WordClassesKey}' is missing (write \"\" for none).");
            return classes;
        }
        foreach (var line in text.Split(['\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = line.IndexOf('=');
            var name = at < 0 ? "" : line[..at].Trim();
            var members = at < 0 ? [] : line[(at + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(name[0]))
                found.Add($"'{WordClassesKey}': '{line}' must be a name of letters, '=', then words separated by commas, like 'chest = chest, breastbone'.");
            else if (members.Length == 0)
                found.Add($"'{WordClassesKey}': '{name}' lists no words.");
            else if (members.FirstOrDefault(m => m.Contains('@') || m.Contains('+')) is { } nested)
                found.Add($"'{WordClassesKey}': '{name}' has '{nested}'; a class lists words and phrases, not other classes or '+'.");
            else if (members.FirstOrDefault(m => !IsPhrase(SymptomText.Words(m))) is { } wrong)
                found.Add($"'{WordClassesKey}': '{name}' has '{wrong}', which is not a phrase of words.");
            else if (!classes.TryAdd(name, members))
                found.Add($"'{WordClassesKey}': '{name}' is defined twice.");
        }
        return classes;
    }

    /// <summary>
    /// A phrase with its <c>@class</c> references spelt out: a class of single words becomes one word of
    /// alternatives ("chest|breastbone"), a class with longer phrases one phrase per member. Null when wrong.
    /// </summary>
    private static List<string>? Expand(string phrase, Dictionary<string, IReadOnlyList<string>> classes, string key, List<string> found)
    {
        var results = new List<string> { "" };
        foreach (var token in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var options = new List<string>();
            foreach (var alternative in token.Split('|'))
            {
                if (!alternative.StartsWith('@'))
                {
                    options.Add(alternative);
                    continue;
                }
                if (!classes.TryGetValue(alternative[1..], out var members))
                {
                    found.Add($"'{key}': '{phrase}' names '{alternative}', which is not in '{WordClassesKey}'" +
                        (classes.Count == 0 ? "." : $" ({string.Join(", ", classes.Keys.Order(StringComparer.Ordinal).Select(c => "@" + c))})."));
                    return null;
                }
                options.AddRange(members);
            }
            var single = options.Where(o => !o.Contains(' ')).ToList();
            var longer = options.Where(o => o.Contains(' ')).ToList();
            var choices = (single.Count > 0 ? [string.Join('|', single)] : new List<string>()).Concat(longer).ToList();
            results = [.. results.SelectMany(r => choices.Select(c => r.Length == 0 ? c : r + " " + c))];
            if (results.Count > MaxExpansions)
            {
                found.Add($"'{key}': '{phrase}' spells out to more than {MaxExpansions} phrases; split it or use fewer multi-word class members.");
                return null;
            }
        }
        return results.Count == 1 && results[0].Length == 0 ? [] : results;
    }

    /// <summary>A phrase's words, folded (lower case, no accents); a word may end in <c>*</c>.</summary>
    public sealed record Phrase(IReadOnlyList<string> Words)
    {
        /// <summary>For "a + b": each side's alternatives, all to be said in one clause, in any order. Empty for a plain phrase.</summary>
        public IReadOnlyList<IReadOnlyList<Phrase>> Together { get; init; } = [];

        public override string ToString() => Together.Count > 0
            ? string.Join(" + ", Together.Select(t => t.Count == 1 ? t[0].ToString() : "(" + string.Join(" / ", t) + ")"))
            : string.Join(' ', Words);
    }
}
