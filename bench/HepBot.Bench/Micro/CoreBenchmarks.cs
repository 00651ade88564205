using BenchmarkDotNet.Attributes;
using HepBot.Conversations.Content;
using HepBot.Conversations.Safety;
using HepBot.Core.Adherence;
using HepBot.Core.Prescriptions;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;

namespace HepBot.Bench.Micro;

/// <summary>The pure core functions a turn or the nightly run calls per patient: adherence over 90 days and the typed-symptom recogniser.</summary>
[MemoryDiagnoser]
[InProcess]
public class CoreBenchmarks
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private AdherenceHistory _history = null!;
    private SymptomLexicon _english = null!;
    private SymptomLexicon _spanish = null!;

    [GlobalSetup]
    public void Setup()
    {
        var start = Today.AddDays(-89);
        var sessions = Enumerable.Range(0, 90)
            .Where(day => day % 7 != 3)
            .Select(day => new SessionRecord(start.AddDays(day), 1, 6, day % 5 == 0 ? 3 : 6, SessionStatus.Completed, [2 + day % 3, 1 + day % 4]))
            .ToList();
        _history = new AdherenceHistory(
            [new ProgramPeriod(start, null, new PrescriptionSchedule(1, TrainingDays.Every, start, null), 6)],
            sessions, [], []);
        var catalog = DialogTextCatalog.Load(Path.Combine(RepositoryFolder(), "dialogs"));
        var lexicons = new SymptomLexicons(catalog);
        (_english, _spanish) = (lexicons.For("en"), lexicons.For("es"));
    }

    [Benchmark]
    public AdherenceReport Adherence_30_days_of_90_days_history() => AdherenceCalculator.Calculate(_history, DateSpan.Last(30, Today), Today);

    [Benchmark]
    public SymptomRecognition Recognise_an_everyday_answer() => SymptomRecognizer.Recognize("done, that one was fine", _english);

    [Benchmark]
    public SymptomRecognition Recognise_an_emergency() => SymptomRecognizer.Recognize("my chest hurts and the pain goes down my left arm", _english);

    [Benchmark]
    public SymptomRecognition Recognise_a_Spanish_pain_report() => SymptomRecognizer.Recognize("me duele la rodilla, el dolor es de 7", _spanish);

    private static string RepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HepBot.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Run the micro benchmarks from inside the repository (dialogs/ is read from it).");
    }
}
