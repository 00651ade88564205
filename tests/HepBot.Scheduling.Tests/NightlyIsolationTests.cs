using System.Globalization;
using HepBot.Core.Alerts;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using HepBot.Scheduling.Adherence;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>One patient's broken history must never silence the nightly alert rules for everyone else.</summary>
public sealed class NightlyIsolationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Night = new(2026, 3, 11, 3, 15, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 11);
    private TestDatabase _database = null!;
    private readonly ListLogger<NightlyAdherenceJob> _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private NightlyAdherenceJob Job() => new(new CountingContexts(_database), Options.Create(new AlertRuleOptions()), new FakeTimeProvider(Night), _log);

    [Theory]
    [InlineData("0001-01-01", null)]
    [InlineData("9999-12-31", null)]
    [InlineData("2026-02-01", "0001-01-01")]
    [InlineData("0001-01-01", "9999-12-31")]
    public async Task A_program_stored_with_a_start_date_out_of_range_is_read_and_every_other_patients_alerts_still_run(
        string start, string? nextVersionStart)
    {
        await using var db = _database.CreateContext();
        var broken = await TestPatients.AddAsync(db, Night, programStart: DateOnly.Parse(start, CultureInfo.InvariantCulture), name: "Broken Row");
        if (nextVersionStart is not null)
        {
            db.Prescriptions.Add(new Prescription
            {
                PatientId = broken.PatientId, Version = 2, PrescribedById = broken.TherapistId, CreatedAt = Night.AddDays(-1),
                Schedule = new PrescriptionSchedule(1, TrainingDays.Every, DateOnly.Parse(nextVersionStart, CultureInfo.InvariantCulture), null),
            });
            await db.SaveChangesAsync(Ct);
        }
        var missing = await TestPatients.AddAsync(db, Night, programStart: Today.AddDays(-20), name: "Maria Lopez");

        var result = await Job().RunAsync(Ct);

        var alerts = await db.Alerts.AsNoTracking().Where(a => a.PatientId == missing.PatientId).ToListAsync(Ct);
        Assert.Contains(alerts, a => a.Kind == AlertKind.MissedDays && a.IsOpen);
        Assert.Equal(2, result.Patients);
        Assert.True(result.Failed == 0, "Readers must not throw on stored data.");
        Assert.DoesNotContain(_log.Lines, line => line.Contains("Broken Row") || line.Contains("Maria"));
    }

    [Fact]
    public async Task A_patient_whose_rules_fail_is_logged_by_id_and_counted_and_the_rest_carry_on()
    {
        await using var db = _database.CreateContext();
        var broken = await TestPatients.AddAsync(db, Night, programStart: Today.AddDays(-20), name: "Broken Row");
        // A zone no one can read: the patient's "today" cannot be worked out.
        await db.Patients.Where(p => p.Id == broken.PatientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.TimeZoneId, "Mars/Olympus_Mons"), Ct);
        var missing = await TestPatients.AddAsync(db, Night, programStart: Today.AddDays(-20), name: "Maria Lopez");

        var result = await Job().RunAsync(Ct);

        Assert.Contains(await db.Alerts.AsNoTracking().Where(a => a.PatientId == missing.PatientId).ToListAsync(Ct),
            a => a.Kind == AlertKind.MissedDays && a.IsOpen);
        Assert.Empty(await db.Alerts.AsNoTracking().Where(a => a.PatientId == broken.PatientId).ToListAsync(Ct));
        Assert.Equal((2, 1), (result.Patients, result.Failed));
        var warning = Assert.Single(_log.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains(broken.PatientId.ToString(), warning);
        Assert.DoesNotContain(_log.Lines, line => line.Contains("Broken Row") || line.Contains("Mars"));
    }
}

/// <summary>Keeps what was logged, level first, with any exception as a console logger would write it.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
            Lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
