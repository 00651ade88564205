namespace HepBot.Core.Safety;

/// <summary>A warning sign found in a message, with the words that gave it away (folded).</summary>
public sealed record FindingMatch(SymptomFinding Finding, string Words);

/// <summary>A 0–10 pain score read from a message; an out-of-scale number ("11/10") is read as 10 and says so.</summary>
public sealed record PainReport(int Score, bool OutOfScale, string Words);

/// <summary>What a message says about warning signs and pain. Empty when it says nothing of either.</summary>
public sealed record SymptomRecognition(IReadOnlyList<FindingMatch> Findings, PainReport? Pain, string? PainWordsWithoutNumber)
{
    public static readonly SymptomRecognition Nothing = new([], null, null);

    public bool IsEmpty => Findings.Count == 0 && Pain is null && PainWordsWithoutNumber is null;

    public IReadOnlySet<SymptomFinding> FindingSet => Findings.Select(f => f.Finding).ToHashSet();

    /// <summary>Pain words were typed without a score: HepBot asks for the 0–10 score.</summary>
    public bool AsksForPainScore => PainWordsWithoutNumber is not null;

    public UrgencyTier Tier(PainTriageOptions options) => UrgencyRule.TierOf(FindingSet, Pain?.Score, options);
}

/// <summary>
/// Reads warning signs and pain scores out of what a patient typed, with a language's
/// <see cref="SymptomLexicon"/>. Deterministic and explainable: every finding names the words that
/// matched, so a clinician can see why it fired. Case, accents and punctuation are ignored; a word of
/// <see cref="TypoFromLength"/> letters or more also matches with one typing slip (same first letter);
/// a phrase's words may have up to <see cref="MaxGap"/> other words between them; a denial word up to
/// <see cref="DenialReach"/> words before a phrase, in the same clause, means it is not reported.
/// A "+" phrase of the lexicon (body part + sensation) is found when each side is said, undenied, in the
/// same clause (between sentence punctuation and clause breaks such as "but"), in any order and at any distance.
/// </summary>
public static class SymptomRecognizer
{
    public const int TypoFromLength = 5;
    public const int SwapFromLength = 4;
    public const int MaxGap = 2;
    public const int DenialReach = 2;

    /// <summary>A pain word is denied from a little further ("never had any chest pain"): a denied sign should not turn into a question for the score.</summary>
    public const int PainWordDenialReach = 4;

    /// <summary>Numbers above this are not read as pain, even out of scale ("pain since 2019").</summary>
    public const int LargestPainNumber = 100;

    /// <summary>A clause this short may carry the score of a pain word said in the clause beside it.</summary>
    public const int ShortClause = 4;

    public static SymptomRecognition Recognize(string? text, SymptomLexicon lexicon)
    {
        if (string.IsNullOrWhiteSpace(text))
            return SymptomRecognition.Nothing;
        var clauses = CarryDenialsIntoLists(AnsweredQuestions(SymptomText.ClausesAndEnds(lexicon.SayEmoji(text)), lexicon), lexicon).Select(c => Unmask(c, lexicon)).ToList();
        // Long-ago history ("i had a clot two years ago") reports no sign; the pain score is read from every clause.
        var parts = clauses.SelectMany(c => Split(c, lexicon)).Where(p => !IsHistory(p, lexicon)).ToList();
        var settling = parts.Select(part => lexicon.Settling.Any(s => Find(part, s, lexicon) is not null)).ToList();

        var findings = new List<FindingMatch>();
        foreach (var (finding, phrases) in lexicon.Findings)
        {
            // A sign that may settle ("the swelling is going down") is not reported from a part that says it is settling,
            // nor from the part just before a short one that does ("calf was puffy, going down now").
            var settles = lexicon.SettlingSigns.Contains(finding);
            if (FirstFound(phrases, parts, at => settles && SettlingAt(parts, settling, at), lexicon) is { } match)
                findings.Add(new FindingMatch(finding, match));
        }

        var painWordSaid = parts.Any(part => lexicon.PainWords.Any(p => Find(part, p, lexicon) is not null));
        var pain = clauses.Select(c => PainIn(c.Select(w => NumberOf(w, lexicon)).ToList(), lexicon,
                painWordSaid && c.Count <= ShortClause)).Where(p => p is not null).MaxBy(p => p!.Score);
        string? painWords = null;
        // Pain words without a number ask for the score, unless the message says it is settling ("sore but easing off").
        if (pain is null && findings.Count == 0 && !settling.Contains(true))
            painWords = lexicon.PainWords.Select(p => parts.Where(part => !HasListAnswer(part, lexicon))
                    .Select(part => Find(part, p, lexicon, PainWordDenialReach)).FirstOrDefault(m => m is not null))
                .FirstOrDefault(m => m is not null);
        return new SymptomRecognition(findings, pain, painWords);
    }

    /// <summary>The words of the first phrase found in a part (in the lexicon's order, then the parts' order), skipping the parts <paramref name="skip"/> names.</summary>
    private static string? FirstFound(IReadOnlyList<SymptomLexicon.Phrase> phrases, List<List<string>> parts, Func<int, bool> skip, SymptomLexicon lexicon)
    {
        foreach (var phrase in phrases)
        {
            for (var at = 0; at < parts.Count; at++)
            {
                if (!skip(at) && Find(parts[at], phrase, lexicon) is { } found)
                    return found;
            }
        }
        return null;
    }

    private static bool SettlingAt(List<List<string>> parts, List<bool> settling, int at) =>
        settling[at] || (at + 1 < parts.Count && settling[at + 1] && parts[at + 1].Count <= ShortClause);

    /// <summary>
    /// "chest pain? none", "¿mareo? no": a clause that answers the question (or colon) before it with a denial
    /// ("no", "none", "not really") denies that question's signs, as if the denial were said before them. A reported
    /// question is a question too ("the nurse asked if i had chest pain, no to both").
    /// </summary>
    private static List<(IReadOnlyList<string> Words, ClauseEnd End)> AnsweredQuestions(
        IReadOnlyList<(IReadOnlyList<string> Words, ClauseEnd End)> clauses, SymptomLexicon lexicon)
    {
        var result = clauses.ToList();
        for (var i = 0; i < clauses.Count; i++)
        {
            var words = clauses[i].Words.ToList();
            var reported = lexicon.AskedAbout.Any(a => Occurs(words, a, lexicon));
            // "q: any chest pain? a: no": a one-letter label before a colon is not the answer, the clause after it is.
            var next = i + 1;
            if (next + 1 < clauses.Count && clauses[next].End == ClauseEnd.Question && clauses[next].Words is [{ Length: 1 }])
                next++;
            var asked = next < clauses.Count && (clauses[i].End == ClauseEnd.Question || reported);
            var wholeList = asked && IsListAnswer(clauses[next].Words.ToList(), lexicon);
            var answered = asked && (wholeList || IsDenialAnswer(clauses[next].Words.ToList(), lexicon));
            if (!answered && !(reported && EndsWithBareDenial(words, lexicon)))
                continue;
            // A reported question is longer ("asked if i'd had any chest pain or palpitations"): the answer denies all of it.
            result[i] = reported ? ([], clauses[i].End) : ([.. lexicon.Denials[0].Words, .. clauses[i].Words], clauses[i].End);
            // "fever, chills, calf pain: none of those", "fever? chills? calf pain? no": an answer that denies a whole list,
            // or any denial after a row of questions, denies the list item by item, back to the first clause that is more
            // than a sign's name (a statement, a longer clause, a sentence's end).
            for (var item = i - 1; answered && !reported && item >= 0 && IsListItem(clauses[item], lexicon)
                && (wholeList || clauses[item].End == ClauseEnd.Question); item--)
                result[item] = ([.. lexicon.Denials[0].Words, .. clauses[item].Words], clauses[item].End);
        }
        return result;
    }

    /// <summary>The most words a clause may have to be an item of a list of signs ("dolor en el pecho").</summary>
    public const int ListItemWords = 4;

    private static bool IsListAnswer(List<string> words, SymptomLexicon lexicon)
    {
        var answer = words.SkipWhile(lexicon.FirstPerson.Contains).ToList();
        return lexicon.ListAnswers.Any(a => answer.Count > 0 && EndOf(answer, 0, a, lexicon, exact: true) == answer.Count - 1);
    }

    private static bool IsListItem((IReadOnlyList<string> Words, ClauseEnd End) clause, SymptomLexicon lexicon) =>
        clause.End is ClauseEnd.Comma or ClauseEnd.Question && clause.Words.Count is > 0 and <= ListItemWords
        && !clause.Words.Any(w => lexicon.NewStatement.Contains(w) || lexicon.FirstPerson.Contains(w));

    /// <summary>A short answer that is a denial ("no", "nope", "none at all", "no, but…"): it starts with a denial and says at most this many words from its last one on.</summary>
    public const int DenialAnswerLength = 3;

    /// <summary>
    /// "mi hijo me preguntó si me había desmayado y no": a reported question answered at its own end by a denial word
    /// that starts a new statement ("y no", "and no"). Anything else answers nothing, so safety wins: "asked if my chest
    /// hurt or not", "asked if the chest pain was new and i said no".
    /// </summary>
    private static bool EndsWithBareDenial(List<string> words, SymptomLexicon lexicon) =>
        words.Count >= 2 && lexicon.NewStatement.Contains(words[^2]) && !lexicon.ListWords.Contains(words[^2])
        && lexicon.Denials.Any(d => d.Words is [var only] && only == words[^1]);

    private static bool IsDenialAnswer(List<string> words, SymptomLexicon lexicon)
    {
        // "i hadnt", "yo no": the answer may start with the patient's own "i".
        var answer = words.SkipWhile(lexicon.FirstPerson.Contains).TakeWhile(w => !lexicon.ClauseBreaks.Contains(w)).ToList();
        // "chest pain? not sure", "¿mareos? no se": not knowing is not a denial.
        if (lexicon.UnsureAnswers.Any(u => answer.Count > 0 && EndOf(answer, 0, u, lexicon, exact: true) == answer.Count - 1))
            return false;
        // The words after the denial count, not the denial's own: "not once this week" is as short an answer as "no, never".
        // Denials in a row are one denial ("no not at all", "no i didnt"), the patient's own "i" between them included.
        var last = -1;
        for (var from = 0; from < answer.Count && DenialEnds(answer, from, lexicon).DefaultIfEmpty(-1).Max() is var end and >= 0;)
        {
            last = end;
            from = end + 1;
            while (from < answer.Count && lexicon.FirstPerson.Contains(answer[from]))
                from++;
        }
        return last >= 0 && answer.Count - last <= DenialAnswerLength;
    }

    /// <summary>
    /// "no dizziness, nausea or chest pain": the clauses after a comma that go on with a denied list (up to the clause
    /// with the list word, none of them starting a new statement) are denied too, as if the denial were said again.
    /// </summary>
    private static List<List<string>> CarryDenialsIntoLists(IReadOnlyList<(IReadOnlyList<string> Words, ClauseEnd End)> clauses, SymptomLexicon lexicon)
    {
        var result = clauses.Select(c => c.Words.ToList()).ToList();
        var denial = lexicon.Denials[0].Words;
        for (var i = 0; i < clauses.Count - 1; i++)
        {
            if (clauses[i].End != ClauseEnd.Comma || !EndsDenying(result[i], lexicon))
                continue;
            for (var j = i + 1; j < clauses.Count; j++)
            {
                var words = clauses[j].Words;
                var listWord = words.ToList().FindIndex(lexicon.ListWords.Contains);
                var before = listWord < 0 ? words : words.Take(listWord);
                if (words.Count > ListItemLength * 2 || before.Any(w => lexicon.NewStatement.Contains(w) || lexicon.ClauseBreaks.Contains(w)))
                    break;
                if (listWord >= 0)
                {
                    for (var k = i + 1; k <= j; k++)
                        result[k].InsertRange(0, denial);
                    i = j;
                    break;
                }
                if (clauses[j].End != ClauseEnd.Comma || words.Count > ListItemLength)
                    break;
            }
        }
        return result;
    }

    /// <summary>A list item after a comma is a few words ("redness", "shortness of breath").</summary>
    public const int ListItemLength = 4;

    /// <summary>A denial is said in the clause and no clause break ("but") comes after it.</summary>
    private static bool EndsDenying(List<string> words, SymptomLexicon lexicon)
    {
        var lastBreak = words.FindLastIndex(lexicon.ClauseBreaks.Contains);
        return Enumerable.Range(lastBreak + 1, words.Count - lastBreak - 1).Any(at => DenialEnds(words, at, lexicon).Any());
    }

    /// <summary>A clause about long ago ("years ago", "de pequeña") that says nothing of now ("now", "again").</summary>
    private static bool IsHistory(List<string> words, SymptomLexicon lexicon) =>
        lexicon.History.Any(h => Occurs(words, h, lexicon)) && !lexicon.Now.Any(n => Occurs(words, n, lexicon));

    private static bool Occurs(List<string> words, SymptomLexicon.Phrase phrase, SymptomLexicon lexicon) =>
        Enumerable.Range(0, words.Count).Any(start => MatchFrom(words, start, phrase, lexicon, MaxGap, exact: true) is not null);

    /// <summary>
    /// "my neighbour had a stroke", "a una amiga le dio un ictus": a person outside the household is named before the
    /// words at <paramref name="start"/>, and no first-person word ("my", "i", "tengo") comes between them.
    /// </summary>
    private static bool IsAboutSomeoneElse(List<string> words, int start, SymptomLexicon lexicon)
    {
        var end = -1;
        for (var from = 0; from < start; from++)
            foreach (var other in lexicon.OtherPeople)
            {
                var at = EndOf(words, from, other, lexicon, exact: true);
                if (at >= 0 && at < start)
                    end = Math.Max(end, at);
            }
        return end >= 0 && !words.Skip(end + 1).Take(start - end - 1).Any(lexicon.FirstPerson.Contains);
    }

    /// <summary>Everyday sayings ("fell asleep", "pain free") are taken out before anything is looked for.</summary>
    private static List<string> Unmask(List<string> words, SymptomLexicon lexicon)
    {
        for (var start = 0; start < words.Count; start++)
        {
            foreach (var saying in lexicon.NotSymptoms)
            {
                var end = EndOf(words, start, saying, lexicon);
                if (end >= 0)
                {
                    words.RemoveRange(start, end - start + 1);
                    words.Insert(start, "");
                    break;
                }
            }
        }
        return words;
    }

    /// <summary>
    /// Number words become digits ("siete" → "7") so scores read the same either way; a number word spelt by ear
    /// counts too ("nuebe" is "nueve" where the language's <see cref="SymptomLexicon.SoundAlike"/> says v=b).
    /// </summary>
    private static string NumberOf(string word, SymptomLexicon lexicon)
    {
        var index = lexicon.NumberWords.ToList().IndexOf(word);
        if (index < 0 && lexicon.SoundAlike.Count > 0 && word.Length > 0 && char.IsLetter(word[0]) && !lexicon.EverydayWords.Contains(word))
            index = lexicon.NumberWords.Select(lexicon.SoundOfLexiconWord).ToList().IndexOf(lexicon.SoundOfTypedWord(word));
        return index >= 0 ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : word;
    }

    /// <summary>
    /// The parts of a clause between its breaks ("but", "pero"). A part that is one word, after the patient's own words
    /// ("i feel", "estoy"), or one word and then a new statement ("and the floor is tilting", "y me mareo"), also finishes the
    /// part before it: "toda sudada pero fría" is a cold sweat, "sweating buckets but i feel cold" and "all sweaty but cold
    /// and the floor keeps tilting" too; the word still stands alone as its own part. A denial never finishes another part: "chest pain
    /// but i dont" does not deny the chest pain.
    /// </summary>
    private static List<List<string>> Split(List<string> clause, SymptomLexicon lexicon)
    {
        var breaks = lexicon.ClauseBreaks;
        var parts = new List<List<string>>();
        var part = new List<string>();
        foreach (var word in clause)
        {
            if (breaks.Contains(word))
            {
                if (part.Count > 0)
                    parts.Add(part);
                part = [];
            }
            else
            {
                part.Add(word);
            }
        }
        if (part.Count > 0)
            parts.Add(part);
        for (var i = parts.Count - 1; i >= 1; i--)
        {
            var rest = parts[i].SkipWhile(lexicon.FirstPerson.Contains).ToList();
            if (rest.Count > 0 && rest[0] is { Length: > 0 } first && (rest.Count == 1 || lexicon.NewStatement.Contains(rest[1]))
                && !lexicon.Denials.Any(d => d.Words is [var only] && only == first))
                parts[i - 1] = [.. parts[i - 1], first];
        }
        return parts;
    }

    /// <summary>
    /// The words of the first undenied occurrence of <paramref name="phrase"/>, or null. A "+" phrase needs every
    /// side said, undenied, somewhere in the clause, in any order; its words are given side by side ("chest … tight").
    /// </summary>
    private static string? Find(List<string> words, SymptomLexicon.Phrase phrase, SymptomLexicon lexicon, int reach = DenialReach)
    {
        if (phrase.Together.Count == 0)
            return Locate(words, phrase, lexicon, NoneTaken, reach) is { } positions ? Text(words, positions) : null;
        // Most pairs are not said at all: nothing is allocated until a first side is found.
        HashSet<int>? taken = null;
        List<List<int>>? sides = null;
        // The lexicon puts a side that says a denial itself ("no siento + @zona") first, so its words are taken
        // before the other sides are looked for and its "no" does not deny them.
        foreach (var alternatives in phrase.Together)
        {
            List<int>? side = null;
            foreach (var alternative in alternatives)
            {
                side = Locate(words, alternative, lexicon, taken ?? NoneTaken, reach);
                if (side is not null)
                    break;
            }
            if (side is null)
                return null;
            taken ??= [];
            sides ??= [];
            for (var at = side[0]; at <= side[^1]; at++)
                taken.Add(at);
            sides.Add(side);
        }
        return string.Join(" … ", sides!.OrderBy(s => s[0]).Select(s => Text(words, s)));
    }

    private static readonly IReadOnlySet<int> NoneTaken = new HashSet<int>();

    private static string Text(List<string> words, List<int> positions) =>
        string.Join(' ', words.Skip(positions[0]).Take(positions[^1] - positions[0] + 1));

    /// <summary>The positions of the first undenied occurrence of a plain phrase that uses no word in <paramref name="taken"/>.</summary>
    private static List<int>? Locate(List<string> words, SymptomLexicon.Phrase phrase, SymptomLexicon lexicon, IReadOnlySet<int> taken, int reach)
    {
        for (var start = 0; start < words.Count; start++)
        {
            var matched = MatchFrom(words, start, phrase, lexicon, MaxGap, shortSlip: phrase.Words.Count > 1);
            if (matched is not null && !matched.Any(taken.Contains) && !IsDenied(words, start, lexicon, reach, taken)
                && !DeniedInside(words, matched, lexicon, taken) && !DeniedAfter(words, matched, lexicon)
                && !IsAboutSomeoneElse(words, start, lexicon))
                return matched;
        }
        return null;
    }

    /// <returns>The positions of the phrase's words, or null.</returns>
    /// <param name="exact">Words as written (a "*" still ends a stem): history and other people silence every sign of a clause, so a slip never makes one.</param>
    /// <param name="shortSlip">
    /// One word of <see cref="ShortSlipLength"/> letters may carry one slip ("me falta el aure", "knee gve way"): only in a
    /// phrase of several words, whose other words are said as they are, so the phrase around it vouches for it.
    /// </param>
    private static List<int>? MatchFrom(List<string> words, int start, SymptomLexicon.Phrase phrase, SymptomLexicon lexicon, int maxGap,
        bool exact = false, bool shortSlip = false)
    {
        var slipUsed = false;
        bool Fits(string lexiconWord, string word)
        {
            if (Matches(lexiconWord, word, lexicon, exact))
                return true;
            if (!shortSlip || slipUsed || !IsShortSlip(lexiconWord, word, lexicon))
                return false;
            slipUsed = true;
            return true;
        }

        if (!Fits(phrase.Words[0], words[start]))
            return null;
        var positions = new List<int> { start };
        foreach (var next in phrase.Words.Skip(1))
        {
            var found = -1;
            for (var j = positions[^1] + 1; j < words.Count && j <= positions[^1] + 1 + maxGap; j++)
            {
                if (Fits(next, words[j]))
                {
                    found = j;
                    break;
                }
            }
            if (found < 0)
                return null;
            positions.Add(found);
        }
        return positions;
    }

    /// <summary>The length of a word that takes a slip only inside a longer phrase (see <see cref="MatchFrom"/>).</summary>
    public const int ShortSlipLength = 4;

    private static bool IsShortSlip(string lexiconWord, string word, SymptomLexicon lexicon) =>
        lexicon.AlternativesOf(lexiconWord).Any(w => w.Length == ShortSlipLength && !w.EndsWith('*') && word.Length >= ShortSlipLength - 1
            && word[0] == w[0] && char.IsLetter(word[0]) && !lexicon.EverydayWords.Contains(word) && SymptomText.EditDistance(word, w) <= 1);

    private static int EndOf(List<string> words, int start, SymptomLexicon.Phrase phrase, SymptomLexicon lexicon, bool exact = false) =>
        MatchFrom(words, start, phrase, lexicon, 0, exact)?[^1] ?? -1;

    /// <summary>Each list word ("or", "ni") between a denial and a phrase lets the denial reach one more item of up to this many words.</summary>
    public const int ListItemReach = 2;

    /// <param name="taken">Words another side of the same "+" phrase is made of: a denial among them is that side's own ("no siento").</param>
    private static bool IsDenied(List<string> words, int start, SymptomLexicon lexicon, int reach, IReadOnlySet<int> taken)
    {
        for (var from = Math.Max(0, start - reach - 12); from < start; from++)
        {
            if (!taken.Contains(from) && DenialEnds(words, from, lexicon).Any(end => end < start
                && start - end - 1 <= reach + ListItemReach * words.Skip(end + 1).Take(start - end - 1).Count(lexicon.ListWords.Contains))
                && !UndoneByCannot(words, from, lexicon))
                return true;
        }
        return false;
    }

    /// <summary>
    /// "can't say two words without gasping", "no puedo terminar una frase sin ahogarme": a "without" after a "cannot" in
    /// the same clause says the sign comes every time, so it denies nothing.
    /// </summary>
    private static bool UndoneByCannot(List<string> words, int denial, SymptomLexicon lexicon) =>
        lexicon.Without.Contains(words[denial])
        && Enumerable.Range(0, denial).Any(at => lexicon.Cannot.Any(c => EndOf(words, at, c, lexicon, exact: true) is var end && end >= 0 && end < denial));

    /// <summary>
    /// "calf isn't swollen", "la herida no está roja": a denial between a phrase's words. A phrase that says a denial
    /// itself ("no puedo respirar") is not undone by another one inside it ("no puedo ni respirar": not even).
    /// </summary>
    private static bool DeniedInside(List<string> words, List<int> matched, SymptomLexicon lexicon, IReadOnlySet<int> taken)
    {
        if (matched.Any(at => DenialEnds(words, at, lexicon).Any()))
            return false;
        for (var at = matched[0] + 1; at < matched[^1]; at++)
        {
            if (!matched.Contains(at) && !taken.Contains(at) && DenialEnds(words, at, lexicon).Any())
                return true;
        }
        return false;
    }

    /// <summary>
    /// "chest pain none", "mareo no", "fiebre tampoco": a denial right after the phrase that ends its clause; or, as a
    /// dictated message goes on without a stop, a one-word list answer right after it ("chest pain none breathing fine",
    /// "dolor de pecho ninguno respiro bien"). A bare "no" that goes on is not one: "chest pain no better", and "chest pain
    /// no dizziness no" stays the chest pain (said aloud it may be "chest pain, no dizziness"; in doubt, safety wins).
    /// </summary>
    private static bool DeniedAfter(List<string> words, List<int> matched, SymptomLexicon lexicon)
    {
        var after = matched[^1] + 1;
        // A phrase that says a denial itself is only stressed by one after it: "no me entra el aire para nada".
        if (after >= words.Count || matched.Any(at => DenialEnds(words, at, lexicon).Any()))
            return false;
        if (DenialEnds(words, after, lexicon).Contains(words.Count - 1))
            return true;
        if (lexicon.NotDenials.Any(n => EndOf(words, after, n, lexicon) >= 0))
            return false;
        return OneWordListAnswerAt(words, after, lexicon) || AnsweredChecklist(words, after, lexicon);
    }

    /// <summary>
    /// A one-word list answer ("none", "ninguno") at <paramref name="at"/> that says no more: not a saying ("none the
    /// less") and not the start of a longer list answer left unfinished ("none of the exercises help" is not "none of
    /// those"; "ninguno de los ejercicios" is not "ninguno de esos").
    /// </summary>
    private static bool OneWordListAnswerAt(List<string> words, int at, SymptomLexicon lexicon) =>
        !lexicon.NotDenials.Any(n => EndOf(words, at, n, lexicon) >= 0)
        && lexicon.ListAnswers.Any(a => a.Words.Count == 1 && Matches(a.Words[0], words[at], lexicon, exact: true))
        && !(at + 1 < words.Count && lexicon.ListAnswers.Any(a => a.Words.Count > 1
            && Matches(a.Words[0], words[at], lexicon, exact: true) && Matches(a.Words[1], words[at + 1], lexicon, exact: true)));

    /// <summary>"dolor de pecho ninguno": a part that answers "none" asks for no pain score.</summary>
    private static bool HasListAnswer(List<string> part, SymptomLexicon lexicon) =>
        Enumerable.Range(0, part.Count).Any(at => OneWordListAnswerAt(part, at, lexicon));

    /// <summary>The fewest signs, each followed by its own denial, that read as a dictated checklist of answers.</summary>
    public const int ChecklistSigns = 3;

    /// <summary>
    /// "dizziness no nausea no chest pain no all good": every sign followed by its own one-word denial, three or more in a
    /// row, is a checklist answered aloud. Two are not ("chest pain no dizziness no" may be "chest pain, no dizziness"),
    /// nor a row whose last sign has no denial of its own ("chest pain no dizziness no nausea").
    /// </summary>
    private static bool AnsweredChecklist(List<string> words, int after, SymptomLexicon lexicon)
    {
        var signs = 1;
        var at = after;
        while (at < words.Count && DenialEnds(words, at, lexicon).Contains(at))
        {
            if (signs >= ChecklistSigns)
                return true;
            var next = SignEndingAt(words, at + 1, lexicon);
            if (next < 0)
                return false;
            signs++;
            at = next + 1;
        }
        return false;
    }

    /// <summary>Where a plain sign phrase, typed exactly, that starts at <paramref name="start"/> ends, or -1.</summary>
    private static int SignEndingAt(List<string> words, int start, SymptomLexicon lexicon)
    {
        if (start >= words.Count)
            return -1;
        foreach (var phrases in lexicon.Findings.Values)
        {
            foreach (var phrase in phrases)
            {
                var end = phrase.Together.Count == 0 ? EndOf(words, start, phrase, lexicon, exact: true) : -1;
                if (end >= 0)
                    return end;
            }
        }
        return -1;
    }

    /// <summary>
    /// Where the denials starting at <paramref name="from"/> end: a longer denial ("no he vuelto a", "never had any")
    /// reaches from its last word, so the words it is made of do not use up the reach.
    /// </summary>
    private static IEnumerable<int> DenialEnds(List<string> words, int from, SymptomLexicon lexicon)
    {
        if (lexicon.NotDenials.Any(n => EndOf(words, from, n, lexicon) >= 0))
            yield break;
        foreach (var denial in lexicon.Denials)
        {
            var end = EndOf(words, from, denial, lexicon);
            if (end >= 0)
                yield return end;
        }
    }

    private static bool Matches(string lexiconWord, string word, SymptomLexicon lexicon, bool exact = false) =>
        lexiconWord.Contains('|') ? AnyMatches(lexicon.AlternativesOf(lexiconWord), word, lexicon, exact)
            : exact ? MatchesExactly(lexiconWord, word) : MatchesOne(lexiconWord, word, lexicon);

    private static bool AnyMatches(string[] alternatives, string word, SymptomLexicon lexicon, bool exact)
    {
        foreach (var w in alternatives)
        {
            if (exact ? MatchesExactly(w, word) : MatchesOne(w, word, lexicon))
                return true;
        }
        return false;
    }

    private static bool MatchesExactly(string lexiconWord, string word) =>
        word.Length > 0 && (lexiconWord.EndsWith('*') ? word.AsSpan().StartsWith(lexiconWord.AsSpan(0, lexiconWord.Length - 1), StringComparison.Ordinal) : word == lexiconWord);

    private static bool MatchesOne(string lexiconWord, string word, SymptomLexicon lexicon)
    {
        if (word.Length == 0)
            return false;
        if (MatchesAsWritten(lexiconWord, word, lexicon))
            return true;
        return lexicon.SoundAlike.Count > 0 && !lexicon.EverydayWords.Contains(word)
            && MatchesAsWritten(lexicon.SoundOfLexiconWord(lexiconWord), lexicon.SoundOfTypedWord(word), lexicon);
    }

    private static bool MatchesAsWritten(string lexiconWord, string word, SymptomLexicon lexicon)
    {
        if (lexiconWord.EndsWith('*'))
        {
            var stem = lexiconWord.AsSpan(0, lexiconWord.Length - 1);
            if (word.AsSpan().StartsWith(stem, StringComparison.Ordinal))
                return true;
            if (word.Length == stem.Length && IsSwap(word, stem.ToString(), lexicon))
                return true;
            if (!MaySlip(stem.Length, stem[0], word, lexicon))
                return false;
            if (word.Length == stem.Length - 1)
                return SymptomText.EditDistance(word, stem) <= 1;
            for (var length = stem.Length - 1; length <= stem.Length + 1 && length <= word.Length; length++)
            {
                if (SymptomText.EditDistance(word.AsSpan(0, length), stem) <= 1)
                    return true;
            }
            return false;
        }
        return word == lexiconWord || IsSwap(word, lexiconWord, lexicon)
            || (MaySlip(lexiconWord.Length, lexiconWord[0], word, lexicon) && SymptomText.EditDistance(word, lexiconWord) <= 1);
    }

    /// <summary>Two neighbouring letters swapped, not the first ("pian", "cnat"): forgiven in 4-letter words too, never in an everyday word ("creo" is not "cero").</summary>
    private static bool IsSwap(string word, string lexiconWord, SymptomLexicon lexicon)
    {
        if (word.Length != lexiconWord.Length || word.Length < SwapFromLength || word[0] != lexiconWord[0] || word == lexiconWord
            || lexicon.EverydayWords.Contains(word))
            return false;
        var first = Enumerable.Range(0, word.Length).First(i => word[i] != lexiconWord[i]);
        return first + 1 < word.Length && word[first] == lexiconWord[first + 1] && word[first + 1] == lexiconWord[first]
            && word[(first + 2)..] == lexiconWord[(first + 2)..];
    }

    /// <summary>Typing slips are forgiven only in long words, never in the first letter, and never for everyday words.</summary>
    private static bool MaySlip(int lexiconWordLength, char lexiconWordFirst, string word, SymptomLexicon lexicon) =>
        lexiconWordLength >= TypoFromLength && word.Length >= TypoFromLength - 1 && word[0] == lexiconWordFirst
        && char.IsLetter(word[0]) && !lexicon.EverydayWords.Contains(word);

    /// <param name="painSaidNearby">A pain word was said in another clause and this one is short ("my knee hurts, about a 6").</param>
    private static PainReport? PainIn(List<string> words, SymptomLexicon lexicon, bool painSaidNearby)
    {
        var painWordSaid = painSaidNearby || lexicon.PainWords.Any(p => Find(words, p, lexicon) is not null);
        PainReport? best = null;
        var skipUntil = -1;
        // "del 1 al 10 es un 11": once a clause names the scale, its other numbers are scores too, above it included.
        var scaleNamed = false;
        // "entre 5 y 6", "6 or 7": the number after a score and a range word is a score too.
        var lastScore = -1;
        // "did 3 sets of 10 or so": a rough number in a clause that counts something is a count, not a score.
        var countsSomething = words.Any(lexicon.NotPainNumbers.Contains);
        for (var i = 0; i < words.Count; i++)
        {
            if (i <= skipUntil || !IsNumber(words[i], out var number) || number > LargestPainNumber)
                continue;
            var outOf = OutOfTenAfter(words, i, lexicon);
            if (outOf < 0)
            {
                var besideSomethingElse = (i > 0 && (lexicon.NotPainNumbers.Contains(words[i - 1]) || words[i - 1] == "/"))
                    || (i + 1 < words.Count && (lexicon.NotPainNumbers.Contains(words[i + 1]) || words[i + 1] == "/"));
                // "id say 6.5": a decimal within the scale is a score, nobody counts reps in halves; but not the reading of
                // something named just before it ("sugar was 5.9 this morning").
                var saidAsScore = ((i > 0 && lexicon.ScoreBefore.Contains(words[i - 1]) || (words[i].Contains('.') && !ReadingOfSomethingElse(words, i, lexicon))) && number <= PainTriage.Max)
                    || (i > 0 && lexicon.ScoreAbove.Contains(words[i - 1]) && number < lexicon.NumberWords.Count)
                    || (number <= PainTriage.Max && lastScore >= 0 && lastScore == i - 2 && lexicon.RangeWords.Contains(words[i - 1]))
                    || (number <= PainTriage.Max && i + 1 < words.Count && !countsSomething && lexicon.ScoreAfter.Any(a => EndOf(words, i + 1, a, lexicon, exact: true) >= 0));
                if (besideSomethingElse || !(painWordSaid || saidAsScore || scaleNamed))
                    continue;
            }
            else
            {
                skipUntil = outOf;
                scaleNamed = true;
            }
            lastScore = outOf < 0 ? i : outOf;
            var report = new PainReport(Math.Min(number, PainTriage.Max), number > PainTriage.Max,
                string.Join(' ', words.Skip(i).Take((outOf < 0 ? i : outOf) - i + 1)));
            if (best is null || report.Score > best.Score)
                best = report;
        }
        return best;
    }

    /// <summary>How many words before a decimal may name what it is a reading of ("my blood sugar is 6.2").</summary>
    private const int ReadingReach = 3;

    private static bool ReadingOfSomethingElse(List<string> words, int i, SymptomLexicon lexicon)
    {
        for (var j = Math.Max(0, i - ReadingReach); j < i; j++)
        {
            if (lexicon.NotPainNumbers.Contains(words[j]))
                return true;
        }
        return false;
    }

    /// <summary>"7/10", "7 out of 10", "7 de 10": the index of the "10", or -1.</summary>
    private static int OutOfTenAfter(List<string> words, int i, SymptomLexicon lexicon)
    {
        var j = i + 1;
        if (j < words.Count && words[j] == "/")
            j++;
        else
            while (j < words.Count && lexicon.ScaleWords.Contains(words[j]))
                j++;
        return j > i + 1 && j < words.Count && words[j] == "10" ? j : -1;
    }

    /// <summary>A whole number, or a decimal in the scale rounded up ("6.5" is 7: in doubt, the higher score). A decimal above the scale ("38.5") is a temperature, not pain.</summary>
    private static bool IsNumber(string word, out int number)
    {
        number = 0;
        var point = word.IndexOf('.');
        var whole = point < 0 ? word : word[..point];
        var fraction = point < 0 ? "" : word[(point + 1)..];
        if (whole.Length is 0 or > 3 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (point >= 0 && fraction.Length == 0)
            || !int.TryParse(whole, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
            return false;
        if (fraction.Length == 0)
            return true;
        if (number >= PainTriage.Max)
            return false;
        if (fraction.Any(d => d != '0'))
            number++;
        return true;
    }
}
