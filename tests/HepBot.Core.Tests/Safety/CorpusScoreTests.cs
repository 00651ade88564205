using System.Globalization;
using HepBot.Core.Safety;

namespace HepBot.Core.Tests.Safety;

/// <summary>
/// The recogniser against the typed-symptom corpus (Safety/Corpus): recall per urgency tier and the
/// false-alarm rate on everyday chatter and denials, printed on every run. The development files
/// (labelled.tsv and every retired blind set, see <see cref="CorpusFiles"/>) are the sets the lexicon is
/// tuned on and are each held to the goals of the safety contract; a held-out file (a blind set not yet
/// retired) is scored and printed without its rows, so nobody tunes the lexicon on it by reading the output.
/// </summary>
public class CorpusScoreTests(ITestOutputHelper output)
{
    public const double EmergencyGoal = 1.0, SameDayGoal = 0.95, TherapistReviewGoal = 0.95, FalseAlarmLimit = 0.05;

    private static readonly PainTriageOptions Pain = new();

    public sealed record Row(int Line, string Language, UrgencyTier Tier, string Category, string Text);

    public static TheoryData<string> DevelopmentFiles => new(CorpusFiles.Development);

    public sealed record Figures(double Emergency, double SameDay, double TherapistReview, double FalseAlarms);

    [Theory]
    [MemberData(nameof(DevelopmentFiles))]
    public void The_recogniser_meets_the_goals_on_every_development_file(string file)
    {
        var figures = Score(file, showMisses: true);
        Assert.True(figures.Emergency >= EmergencyGoal, $"{file}: Emergency recall {figures.Emergency:P1} is below {EmergencyGoal:P0}.");
        Assert.True(figures.SameDay >= SameDayGoal, $"{file}: Same-day recall {figures.SameDay:P1} is below {SameDayGoal:P0}.");
        Assert.True(figures.TherapistReview >= TherapistReviewGoal, $"{file}: Therapist-review recall {figures.TherapistReview:P1} is below {TherapistReviewGoal:P0}.");
        Assert.True(figures.FalseAlarms <= FalseAlarmLimit, $"{file}: False alarms {figures.FalseAlarms:P1} are above {FalseAlarmLimit:P0}.");
    }

    [Fact]
    public void The_development_set_is_labelled_tsv_and_every_retired_blind_set()
    {
        Assert.Equal(CorpusFiles.Labelled, CorpusFiles.Development[0]);
        // The four blind sets scored once on 2026-12-02 (first figures in Corpus/README.md) are development now.
        foreach (var retired in new[] { "retired-unseen-1.tsv", "retired-unseen-2.tsv", "retired-unseen-3.tsv", "retired-unseen-4.tsv" })
            Assert.Contains(retired, CorpusFiles.Development);
        Assert.Equal(CorpusFiles.All, CorpusFiles.Development.Concat(CorpusFiles.HeldOut).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(CorpusFiles.HeldOut, f => f.StartsWith(CorpusFiles.RetiredPrefix, StringComparison.Ordinal) || f == CorpusFiles.Labelled);
    }

    /// <summary>
    /// Held out: measured and printed (per tier and false alarms), not enforced here; the coordinator decides.
    /// Between blind sets the folder holds none, and the run says so.
    /// </summary>
    [Fact]
    public void The_recogniser_is_scored_on_every_held_out_corpus_file()
    {
        if (CorpusFiles.HeldOut.Count == 0)
            output.WriteLine("No held-out corpus file: every blind set so far has been scored and retired (Corpus/README.md).");
        // Score loads and checks each file's rows; the figures are printed, the goals are the coordinator's call.
        foreach (var file in CorpusFiles.HeldOut)
            Score(file, showMisses: false);
    }

    private Figures Score(string file, bool showMisses)
    {
        var rows = Load(file);
        Assert.NotEmpty(rows);
        var report = new List<string> { $"Safety corpus {file}: {rows.Count} messages" };
        var misses = new List<string>();

        double Recall(UrgencyTier tier)
        {
            var ofTier = rows.Where(r => r.Tier == tier).ToList();
            var caught = ofTier.Count(r =>
            {
                var read = TierOf(r);
                var ok = tier == UrgencyTier.Emergency ? read == UrgencyTier.Emergency : read >= tier;
                if (!ok)
                    misses.Add($"  line {r.Line} ({r.Language}, {tier}, read {read}): {r.Text}");
                return ok;
            });
            var recall = ofTier.Count == 0 ? 1.0 : (double)caught / ofTier.Count;
            report.Add($"  recall {tier}: {caught}/{ofTier.Count} = {recall.ToString("P1", CultureInfo.InvariantCulture)}");
            return recall;
        }

        var emergency = Recall(UrgencyTier.Emergency);
        var sameDay = Recall(UrgencyTier.SameDay);
        var review = Recall(UrgencyTier.TherapistReview);
        var everyday = rows.Where(r => r.Category is "chatter" or "denial").ToList();
        var alarms = everyday.Where(RaisesAnything).ToList();
        misses.AddRange(alarms.Select(r => $"  line {r.Line} ({r.Language}, {r.Category}, raised {Describe(r)}): {r.Text}"));
        var falseAlarms = everyday.Count == 0 ? 0 : (double)alarms.Count / everyday.Count;
        report.Add($"  false alarms (chatter and denials): {alarms.Count}/{everyday.Count} = {falseAlarms.ToString("P1", CultureInfo.InvariantCulture)}");

        // The held-out sets' rows are not shown, so nobody tunes the lexicon on them by reading the output.
        if (showMisses && misses.Count > 0)
            report.AddRange(misses.Prepend("  misses:"));
        var text = string.Join(Environment.NewLine, report);
        output.WriteLine(text);
        // Diagnostic messages (on in this project's xunit.runner.json) reach the console for passing tests too.
        TestContext.Current.SendDiagnosticMessage(text);

        return new Figures(emergency, sameDay, review, falseAlarms);
    }

    private static SymptomRecognition Read(Row row) => SymptomRecognizer.Recognize(row.Text, Lexicons.For(row.Language));

    private static UrgencyTier TierOf(Row row) => Read(row).Tier(Pain);

    /// <summary>Any finding, a pain score from the stop threshold on, or a question for the score.</summary>
    private static bool RaisesAnything(Row row)
    {
        var read = Read(row);
        return read.Findings.Count > 0 || read.Pain?.Score >= Pain.StopFrom || read.AsksForPainScore;
    }

    private static string Describe(Row row)
    {
        var read = Read(row);
        return string.Join(", ", read.Findings.Select(f => $"{f.Finding} '{f.Words}'")
            .Concat(read.Pain is { } p ? [$"pain {p.Score}"] : [])
            .Concat(read.PainWordsWithoutNumber is { } w ? [$"pain ask '{w}'"] : []));
    }

    public static List<Row> Load(string file)
    {
        var lines = File.ReadAllLines(CorpusFiles.PathOf(file));
        var rows = new List<Row>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var cells = line.Split('\t');
            Assert.True(cells.Length == 6, $"{file} line {i + 1} has {cells.Length} cells, not 6.");
            rows.Add(new Row(i + 1, cells[0], Enum.Parse<UrgencyTier>(cells[1]), cells[4], cells[5]));
        }
        return rows;
    }
}
