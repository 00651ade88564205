using HepBot.Core.Alerts;
using HepBot.Data;
using HepBot.Scheduling.Adherence;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>The nightly run pages through the patients: the page size never changes an answer, and a bad row stops only its own patient.</summary>
public sealed partial class NightlyBatchTests : IAsyncLifetime
{
    // Wednesday 11 March 2026, 03:15 UTC: the nightly run.
    private static readonly DateTimeOffset Night = new(2026, 3, 11, 3, 15, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 11);
    private readonly ListLogger<NightlyAdherenceJob> _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private NightlyAdherenceJob Job(TestDatabase database, int batchSize, int parallelPages = 2) =>
        new(new CountingContexts(database), Options.Create(new AlertRuleOptions()), new FakeTimeProvider(Night), _log,
            Options.Create(new SchedulingOptions { NightlyBatchSize = batchSize, NightlyParallelPages = parallelPages }));

    /// <summary>Twelve patients with every mix of done days, in two zones, one of them with their own threshold.</summary>
    private static async Task<List<SeededPatient>> SeedAsync(HepBotDbContext db)
    {
        var patients = new List<SeededPatient>();
        for (var i = 0; i < 12; i++)
        {
            var patient = await TestPatients.AddAsync(db, Night, zone: i % 2 == 0 ? "Europe/Madrid" : "America/Bogota",
                programStart: Today.AddDays(-20), name: $"Patient {i}");
            for (var d = 1 + i % 4; d <= i * 2; d++)
                db.SessionLogs.Add(TestPatients.Session(patient, Today.AddDays(-d), done: 2, Night.AddDays(-d), pain: i % 3 + 1));
            patients.Add(patient);
        }
        await db.SaveChangesAsync(Ct);
        await db.Patients.Where(p => p.Id == patients[6].PatientId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.AlertRuleOverrides.MissedDaysInARow, 2), Ct);
        return patients;
    }

    private static async Task<List<string>> AlertsAsync(HepBotDbContext db, List<SeededPatient> patients)
    {
        var names = patients.Select((p, i) => (p.PatientId, i)).ToDictionary(x => x.PatientId, x => x.i);
        return [.. (await db.Alerts.AsNoTracking().ToListAsync(Ct))
            // Each database has its own exercise slugs: the rest of the detail is what must match.
            .Select(a => $"patient {names[a.PatientId]}: {a.Kind} {a.Severity} {Slug().Replace(a.Detail ?? "", "exercise")} open={a.IsOpen}")
            .Order(StringComparer.Ordinal)];
    }

    [System.Text.RegularExpressions.GeneratedRegex("test-[0-9a-f]+")]
    private static partial System.Text.RegularExpressions.Regex Slug();

    [Fact]
    public async Task A_batch_of_one_and_a_batch_of_a_thousand_open_the_same_alerts()
    {
        await using var other = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var answers = new List<(NightlyAdherenceResult Result, List<string> Alerts)>();
        foreach (var (database, batchSize) in new[] { (_database, 1), (other, 1000) })
        {
            await using var db = database.CreateContext();
            var patients = await SeedAsync(db);
            var result = await Job(database, batchSize).RunAsync(Ct);
            answers.Add((result, await AlertsAsync(db, patients)));
        }

        var (one, thousand) = (answers[0], answers[1]);
        Assert.NotEmpty(one.Alerts);
        Assert.Contains(one.Alerts, a => a.StartsWith("patient 6: MissedDays", StringComparison.Ordinal));
        Assert.Equal(thousand.Alerts, one.Alerts);
        Assert.Equal((12, thousand.Result.Opened, 0), (one.Result.Patients, one.Result.Opened, one.Result.Failed));
        // Twelve full pages and the empty one that ends the run, against one short page.
        Assert.Equal((13, 1), (one.Result.Batches, thousand.Result.Batches));
        // The page's bounds, then patients, prescription versions, sessions, exercise pains, open alerts, current items, earlier suggestions.
        Assert.Equal(8, thousand.Result.Queries);
        Assert.Single(_log.Lines, line => line.Contains("12 patients in 13 batches"));
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(5, 2)]
    [InlineData(1, 4)]
    public async Task On_PostgreSQL_pages_run_one_or_several_at_a_time_open_the_same_alerts_as_one_page_on_SQLite(int batchSize, int parallelPages)
    {
        await using var postgres = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        var answers = new List<(NightlyAdherenceResult Result, List<string> Alerts)>();
        foreach (var (database, size, parallel) in new[] { (_database, 1000, 1), (postgres, batchSize, parallelPages) })
        {
            await using var db = database.CreateContext();
            var patients = await SeedAsync(db);
            var result = await Job(database, size, parallel).RunAsync(Ct);
            answers.Add((result, await AlertsAsync(db, patients)));
        }

        var (sqlite, pages) = (answers[0], answers[1]);
        Assert.Contains(sqlite.Alerts, a => a.StartsWith("patient 6: MissedDays", StringComparison.Ordinal));
        Assert.Equal(sqlite.Alerts, pages.Alerts);
        // Full pages and the empty one that ends the run.
        Assert.Equal((12, sqlite.Result.Opened, 0, 12 / batchSize + 1), (pages.Result.Patients, pages.Result.Opened, pages.Result.Failed, pages.Result.Batches));
    }

    [Fact]
    public async Task A_row_that_breaks_its_pages_query_stops_only_its_own_patient()
    {
        await using var db = _database.CreateContext();
        var patients = await SeedAsync(db);
        var broken = patients[7];
        // A stored day no reader can parse: the page's sessions query throws while reading it.
        await db.SessionLogs.Where(l => l.PatientId == broken.PatientId).ExecuteUpdateAsync(u => u.SetProperty(l => l.SessionNumber, 77), Ct);
        Assert.True(await db.Database.ExecuteSqlAsync($"UPDATE SessionLogs SET LocalDate = 'garbled day ' || rowid WHERE SessionNumber = 77", Ct) > 0);

        var result = await Job(_database, 500).RunAsync(Ct);

        var healthy = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using (healthy)
        {
            await using var reference = healthy.CreateContext();
            var same = await SeedAsync(reference);
            await Job(healthy, 500).RunAsync(Ct);
            var expected = (await AlertsAsync(reference, same)).Where(a => !a.StartsWith("patient 7:", StringComparison.Ordinal));
            Assert.Equal(expected, await AlertsAsync(db, patients));
        }
        Assert.Equal((12, 1), (result.Patients, result.Failed));
        var warnings = _log.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, line => line.Contains(broken.PatientId.ToString()));
        Assert.DoesNotContain(_log.Lines, line => line.Contains("garbled") || line.Contains("Patient 7"));
    }
}
