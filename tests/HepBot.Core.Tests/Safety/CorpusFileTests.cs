using System.Globalization;
using System.Text;

namespace HepBot.Core.Tests.Safety;

/// <summary>
/// Keeps the typed-symptom corpus (Safety/Corpus/*.tsv) well-formed and labelled by the safety
/// contract's tier rule, so a row a clinic adds cannot silently skew the recogniser's figures.
/// The finding names and the rule are written out here on purpose: this check must not lean on
/// the recogniser it helps to measure.
/// </summary>
public class CorpusFileTests(ITestOutputHelper output)
{
    public const string Header = "lang\ttier\tfindings\tpain\tcategory\ttext";

    private static readonly string[] Findings =
    [
        "ChestPain", "PainSpreadingToJawOrArm", "SevereBreathlessness", "Breathlessness", "Fainting",
        "StrokeSigns", "Palpitations", "ColdSweat", "Nausea", "Dizziness", "CalfSwelling", "WoundProblem",
        "Fever", "NewNumbness", "Fall", "JointGivingWay",
    ];

    private static readonly string[] EmergencyOnTheirOwn =
        ["ChestPain", "PainSpreadingToJawOrArm", "SevereBreathlessness", "Fainting", "StrokeSigns"];

    /// <summary>A finding that is an emergency only together with one of the partners.</summary>
    private static readonly (string Finding, string[] Partners)[] EmergencyCombinations =
    [
        ("CalfSwelling", ["Breathlessness", "SevereBreathlessness", "ChestPain"]),
        ("Palpitations", ["Dizziness", "Fainting"]),
        ("ColdSweat", ["ChestPain", "Breathlessness", "Dizziness", "Nausea"]),
    ];

    private static readonly string[] SameDayFindings =
        ["CalfSwelling", "WoundProblem", "Fever", "NewNumbness", "Dizziness", "Palpitations", "ColdSweat", "Breathlessness"];

    private static readonly string[] TherapistReviewFindings = ["Fall", "JointGivingWay", "Nausea"];

    private const int StopFrom = 6;

    private static readonly string[] Tiers = ["None", "TherapistReview", "SameDay", "Emergency"];
    private static readonly string[] Languages = ["en", "es"];
    private static readonly string[] Categories =
        ["emergency", "sameDay", "therapistReview", "painNumber", "painWords", "denial", "typo", "chatter"];

    /// <summary>The development set built around the shares and coverage below.</summary>
    public const int LabelledMinimumRows = 360;

    /// <summary>Any other file, development or held out: a blind set is worth scoring from this size.</summary>
    public const int OtherMinimumRows = 150;

    /// <summary>Every corpus file in the folder with its minimum size: the format, labelling and size rules hold for each.</summary>
    public static TheoryData<string, int> Files
    {
        get
        {
            var files = new TheoryData<string, int>();
            foreach (var file in CorpusFiles.All)
                files.Add(file, file == CorpusFiles.Labelled ? LabelledMinimumRows : OtherMinimumRows);
            return files;
        }
    }

    /// <summary>
    /// Only labelled.tsv is built to the shares and coverage below. The blind sets (held out, and retired into development
    /// after their first score) were written later by sessions that read only the labelling rules, never the lexicon or
    /// the other sets; rows too close to a development row were taken out of them, so they are held to the format,
    /// labelling and size rules, not to the shares or the coverage.
    /// </summary>
    public static TheoryData<string, int> BalancedFiles => new() { { CorpusFiles.Labelled, LabelledMinimumRows } };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_line_is_the_header_a_comment_or_a_six_column_row_with_known_values(string file, int _)
    {
        var problems = new List<string>();
        var bytes = File.ReadAllBytes(CorpusFiles.PathOf(file));
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
            problems.Add("starts with a byte-order mark; save as UTF-8 without BOM");
        var lines = new UTF8Encoding(false, true).GetString(bytes).Split('\n');
        if (lines[0].TrimEnd('\r') != Header)
            problems.Add($"line 1 must be the header '{Header.Replace("\t", "<TAB>")}'");

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith('#') || (line.Length == 0 && i == lines.Length - 1))
                continue;
            if (line.Length == 0)
            {
                problems.Add($"line {i + 1}: blank line (use a # line to separate sections)");
                continue;
            }
            var cells = line.Split('\t');
            if (cells.Length != 6)
            {
                problems.Add($"line {i + 1}: {cells.Length} tab-separated columns, expected 6");
                continue;
            }
            if (cells.Any(c => c.Length == 0 || c != c.Trim()))
                problems.Add($"line {i + 1}: an empty cell or a cell with surrounding spaces");
            if (!Languages.Contains(cells[0]))
                problems.Add($"line {i + 1}: lang '{cells[0]}' is not en or es");
            if (!Tiers.Contains(cells[1]))
                problems.Add($"line {i + 1}: tier '{cells[1]}' is not one of {string.Join(", ", Tiers)}");
            if (cells[2] != "-")
            {
                var names = cells[2].Split(',');
                foreach (var name in names.Where(n => !Findings.Contains(n)))
                    problems.Add($"line {i + 1}: '{name}' is not a finding name of the safety contract");
                if (names.Distinct().Count() != names.Length)
                    problems.Add($"line {i + 1}: a finding is listed twice");
            }
            if (!IsPainValue(cells[3]))
                problems.Add($"line {i + 1}: pain '{cells[3]}' is not -, ask, 0-10 or 10!");
            if (!Categories.Contains(cells[4]))
                problems.Add($"line {i + 1}: category '{cells[4]}' is not one of {string.Join(", ", Categories)}");
        }

        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_row_carries_the_highest_tier_its_findings_and_pain_score_give(string file, int _)
    {
        var wrong = Load(file)
            .Where(r => r.Tier != TierOf(r.Findings, r.Pain))
            .Select(r => $"line {r.Line}: labelled {r.Tier}, the rule gives {TierOf(r.Findings, r.Pain)}: {r.Text}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{file}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_row_fits_its_category(string file, int _)
    {
        var wrong = Load(file)
            .Select(r => (Row: r, Problem: CategoryProblem(r)))
            .Where(x => x.Problem is not null)
            .Select(x => $"line {x.Row.Line} ({x.Row.Category}): {x.Problem}: {x.Row.Text}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{file}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_message_appears_twice_ignoring_case_accents_and_punctuation(string file, int _)
    {
        var repeated = Load(file)
            .GroupBy(r => Words(r.Text))
            .Where(g => g.Count() > 1)
            .Select(g => "lines " + string.Join(", ", g.Select(r => r.Line)) + ": " + g.First().Text)
            .ToList();
        Assert.True(repeated.Count == 0, $"{file}:\n" + string.Join("\n", repeated));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_file_has_at_least_its_minimum_number_of_rows(string file, int minimumRows)
    {
        var rows = Load(file).Count;
        Assert.True(rows >= minimumRows, $"{file}: {rows} rows, at least {minimumRows} expected");
    }

    /// <summary>A held-out row is checked against every development file, the retired blind sets included.</summary>
    [Fact]
    public void Held_out_messages_are_not_development_messages_with_one_word_changed()
    {
        var development = CorpusFiles.Development.SelectMany(Load).Select(r => Words(r.Text).Split(' ')).ToList();
        var copies = CorpusFiles.HeldOut.SelectMany(file => Load(file)
            .Where(r =>
            {
                var words = Words(r.Text).Split(' ');
                return development.Any(d => d.SequenceEqual(words) || (Math.Min(d.Length, words.Length) >= 3 && WordEdits(d, words) <= 1));
            })
            .Select(r => $"{file} line {r.Line}: {r.Text}"))
            .ToList();
        Assert.True(copies.Count == 0, "Held-out rows too close to development rows:\n" + string.Join("\n", copies));
    }

    [Theory]
    [MemberData(nameof(BalancedFiles))]
    public void The_file_is_balanced_across_languages_and_categories(string file, int _)
    {
        var rows = Load(file);
        double Share(Func<CorpusRow, bool> which) => rows.Count(which) / (double)rows.Count;

        foreach (var lang in Languages)
            Assert.InRange(Share(r => r.Lang == lang), 0.4, 0.6);
        Assert.True(Share(r => r.Category is "emergency" or "sameDay" or "therapistReview") >= 0.30, $"{file}: warning signs under 30%");
        Assert.True(Share(r => r.Category == "chatter") >= 0.20, $"{file}: chatter under 20%");
        Assert.True(Share(r => r.Category == "denial") >= 0.10, $"{file}: denials under 10%");
        Assert.True(Share(r => r.Category == "typo") >= 0.10, $"{file}: typos under 10%");
        foreach (var category in Categories)
            foreach (var lang in Languages)
                Assert.True(rows.Any(r => r.Category == category && r.Lang == lang), $"{file}: no {lang} row in {category}");
    }

    [Theory]
    [MemberData(nameof(BalancedFiles))]
    public void Every_finding_every_emergency_combination_and_every_pain_score_is_covered(string file, int _)
    {
        var rows = Load(file);
        var missing = new List<string>();

        foreach (var finding in EmergencyOnTheirOwn.Concat(SameDayFindings).Concat(TherapistReviewFindings))
            if (!rows.Any(r => r.Findings.SequenceEqual([finding])))
                missing.Add($"a row with {finding} as its only finding");

        foreach (var (finding, partners) in EmergencyCombinations)
            foreach (var partner in partners)
            {
                // Where neither is an emergency alone, the row must be an emergency by the combination only.
                var byCombinationOnly = !EmergencyOnTheirOwn.Contains(partner);
                if (!rows.Any(r => r.Findings.Contains(finding) && r.Findings.Contains(partner)
                                   && (!byCombinationOnly || !r.Findings.Intersect(EmergencyOnTheirOwn).Any())))
                    missing.Add($"a row with {finding} together with {partner}");
            }

        if (!rows.Any(r => r.Category == "therapistReview" && r.Findings.Length == 0 && r.Pain is "6" or "7"))
            missing.Add("a therapistReview row with pain 6 or 7 and no finding");
        foreach (var pain in Enumerable.Range(0, 11).Select(n => n.ToString(CultureInfo.InvariantCulture)).Append("10!"))
            if (!rows.Any(r => r.Category == "painNumber" && r.Pain == pain))
                missing.Add($"a painNumber row with pain {pain}");
        if (!rows.Any(r => r.Findings.Length > 0 && r.Pain is not ("-" or "ask")))
            missing.Add("a row with both a finding and a pain score");

        Assert.True(missing.Count == 0, $"{file} lacks:\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Counts_per_language_and_category_are_printed(string file, int _)
    {
        var rows = Load(file);
        output.WriteLine($"{file}: {rows.Count} rows");
        foreach (var lang in Languages)
            output.WriteLine($"  {lang}: {rows.Count(r => r.Lang == lang)}");
        foreach (var category in Categories)
            output.WriteLine($"  {category}: {rows.Count(r => r.Category == category)} (en {rows.Count(r => r.Category == category && r.Lang == "en")}, es {rows.Count(r => r.Category == category && r.Lang == "es")})");
        Assert.NotEmpty(rows);
    }

    /// <summary>The contract's rule: the highest tier that applies, combinations included.</summary>
    private static string TierOf(string[] findings, string pain)
    {
        bool Has(string f) => findings.Contains(f);
        if (findings.Intersect(EmergencyOnTheirOwn).Any()
            || EmergencyCombinations.Any(c => Has(c.Finding) && c.Partners.Any(Has)))
            return "Emergency";
        if (findings.Intersect(SameDayFindings).Any())
            return "SameDay";
        if (findings.Intersect(TherapistReviewFindings).Any() || PainScore(pain) >= StopFrom)
            return "TherapistReview";
        return "None";
    }

    private static string? CategoryProblem(CorpusRow r) => r.Category switch
    {
        "emergency" when r.Tier != "Emergency" => "an emergency row must have tier Emergency",
        "sameDay" when r.Tier != "SameDay" => "a sameDay row must have tier SameDay",
        "therapistReview" when r.Tier != "TherapistReview" => "a therapistReview row must have tier TherapistReview",
        "painNumber" when r.Findings.Length > 0 || PainScore(r.Pain) is null => "a painNumber row has a score and no finding",
        "painWords" when r.Findings.Length > 0 || r.Pain != "ask" => "a painWords row has pain 'ask' and no finding",
        "denial" or "chatter" when r.Tier != "None" || r.Pain == "ask" => "must raise nothing: tier None, no finding, no pain ask",
        "chatter" when r.Pain != "-" => "a chatter row carries no pain value",
        "typo" when r.Findings.Length == 0 && r.Pain == "-" => "a typo row is a misspelt warning sign or pain report",
        _ when r.Pain == "ask" && r.Findings.Length > 0 => "pain 'ask' only where no finding was recognised",
        _ => null,
    };

    private static bool IsPainValue(string pain) => pain is "-" or "ask" || PainScore(pain) is not null;

    private static int? PainScore(string pain) =>
        pain == "10!" ? 10
        : int.TryParse(pain, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 10 && pain == n.ToString(CultureInfo.InvariantCulture) ? n
        : null;

    /// <summary>The words of a message, lower case, without accents, punctuation or emojis.</summary>
    private static string Words(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            plain.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        return string.Join(' ', plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Word-level edit distance: a paraphrase made by swapping, adding or dropping one word scores 1.</summary>
    private static int WordEdits(string[] a, string[] b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static List<CorpusRow> Load(string file) =>
        File.ReadAllLines(CorpusFiles.PathOf(file))
            .Select((line, index) => (Line: index + 1, Cells: line.Split('\t')))
            .Skip(1)
            .Where(x => x.Cells is [var first, ..] && first.Length > 0 && !first.StartsWith('#') && x.Cells.Length == 6)
            .Select(x => new CorpusRow(x.Line, x.Cells[0], x.Cells[1], x.Cells[2] == "-" ? [] : x.Cells[2].Split(','), x.Cells[3], x.Cells[4], x.Cells[5]))
            .ToList();

    private sealed record CorpusRow(int Line, string Lang, string Tier, string[] Findings, string Pain, string Category, string Text);
}
