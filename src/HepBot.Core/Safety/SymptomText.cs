using System.Globalization;
using System.Text;

namespace HepBot.Core.Safety;

/// <summary>How a clause ended: a question or a colon may be answered by the clause after it ("chest pain? none").</summary>
public enum ClauseEnd
{
    Stop,
    Comma,
    Question,
}

/// <summary>
/// Text as the recogniser reads it: lower case, accents and apostrophes dropped, a letter typed three times or more
/// kept twice, split into clauses at
/// sentence punctuation and into words; "/" stays a word so "7/10" (or "7/1o") can be read, and a decimal number
/// stays one word with a point ("38,5" and "38.5" are "38.5"; a lexicon may write "38.*").
/// </summary>
public static class SymptomText
{
    private const string ClausePunctuation = ".,;:!?¡¿()[]\n\r…";

    /// <summary>The clauses of <paramref name="text"/>, each a list of folded words.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Clauses(string text) => ClausesAndEnds(text).Select(c => c.Words).ToList();

    /// <summary>
    /// The clauses of <paramref name="text"/>, each with how it ended: after a comma a list may go on, after a
    /// question mark or a colon the next clause may answer it.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<string> Words, ClauseEnd End)> ClausesAndEnds(string text)
    {
        var clauses = new List<(IReadOnlyList<string> Words, ClauseEnd End)>();
        var words = new List<string>();
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length > 0)
                words.Add(word.ToString());
            word.Clear();
        }
        void EndClause(ClauseEnd end = ClauseEnd.Stop)
        {
            EndWord();
            if (words.Count > 0)
                clauses.Add((words, end));
            words = [];
        }

        var folded = Fold(text);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (c == 'o' && word is ['1'] && words is [.., "/"] && (i + 1 == folded.Length || !char.IsLetterOrDigit(folded[i + 1])))
            {
                word.Append('0'); // "7/1o": the letter o typed for the zero of a scale
                continue;
            }
            if (char.IsLetter(c) || c is '*' or '|')
            {
                if (char.IsLetter(c) && word.Length > 0 && char.IsDigit(word[^1]))
                    EndWord(); // "7out" → "7", "out"
                if (char.IsLetter(c) && word.Length >= 2 && word[^1] == c && word[^2] == c)
                    continue; // a letter held down counts twice at most: "felll" → "fell", "dizzzzy" → "dizzy"
                word.Append(c);
            }
            else if (char.IsDigit(c))
            {
                if (word.Length > 0 && char.IsLetter(word[^1]))
                    EndWord(); // "pain7" → "pain", "7"; a lexicon's "fast|150" stays one word
                word.Append(c);
            }
            else if (c is '\'' or '’' or '`' or '´')
            {
                // "don't" → "dont", "I'm" → "im"
            }
            else if (c == '/')
            {
                EndWord();
                words.Add("/");
            }
            else if (c is '.' or ',' && word.Length > 0 && char.IsAsciiDigit(word[^1]) && !word.ToString().Split('|')[^1].Contains('.')
                && i + 1 < folded.Length && (char.IsAsciiDigit(folded[i + 1]) || folded[i + 1] == '*'))
            {
                word.Append('.'); // "38,5" → "38.5", one number
            }
            else if (ClausePunctuation.Contains(c))
            {
                EndClause(c switch { ',' => ClauseEnd.Comma, '?' or ':' => ClauseEnd.Question, _ => ClauseEnd.Stop });
            }
            else if (c == '°')
            {
                EndWord(); // a degree sign is part of a reading, not a symbol that ends it: "102.1°F" → "102.1", "f"
            }
            else if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol)
            {
                EndClause(); // an emoji ends a sentence as a full stop would: "chest pain? no 👍 all good"
            }
            else
            {
                EndWord();
            }
        }
        EndClause();
        return clauses;
    }

    /// <summary>All the words of <paramref name="text"/>, ignoring clauses.</summary>
    public static IReadOnlyList<string> Words(string text) => Clauses(text).SelectMany(c => c).ToList();

    /// <summary>Lower case without accents: "Mareada", "MAREADA" and "mareadá" are the same.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                folded.Append(c);
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbours),
    /// stopping early above <paramref name="max"/>.
    /// </summary>
    public static int EditDistance(string a, string b, int max = 1) => EditDistance(a.AsSpan(), b.AsSpan(), max);

    /// <inheritdoc cref="EditDistance(string, string, int)"/>
    public static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max = 1)
    {
        if (Math.Abs(a.Length - b.Length) > max)
            return max + 1;
        // Words are short: the table lives on the stack (a typed word's every comparison with the lexicon used to allocate one).
        var columns = b.Length + 1;
        var size = (a.Length + 1) * columns;
        var d = size <= 1024 ? stackalloc int[size] : new int[size];
        for (var i = 0; i <= a.Length; i++) d[i * columns] = i;
        for (var j = 0; j <= b.Length; j++) d[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var at = i * columns + j;
                d[at] = Math.Min(Math.Min(d[at - columns] + 1, d[at - 1] + 1), d[at - columns - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[at] = Math.Min(d[at], d[at - 2 * columns - 2] + 1);
            }
        }
        return d[a.Length * columns + b.Length];
    }
}
