using HepBot.Core.Alerts;
using HepBot.Data;
using HepBot.Scheduling.Adherence;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>The nightly run over every patient: set-based, one alert per patient and rule, cleared when the condition goes.</summary>
public sealed class NightlyAdherenceTests : IAsyncLifetime
{
    // Wednesday 11 March 2026, 03:15 UTC: the nightly run.
    private static readonly DateTimeOffset Night = new(2026, 3, 11, 3, 15, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 11);
    private TestDatabase _database = null!;
    private CountingContexts _contexts = null!;
    private FakeTimeProvider _clock = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        _contexts = new CountingContexts(_database);
        _clock = new FakeTimeProvider(Night);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private NightlyAdherenceJob Job() =>
        new(_contexts, Options.Create(new AlertRuleOptions()), _clock, NullLogger<NightlyAdherenceJob>.Instance);

    /// <summary>A patient who did the whole program every day for the last <paramref name="daysDone"/> days (up to yesterday).</summary>
    private static async Task<SeededPatient> PatientAsync(HepBotDbContext db, int daysDone, string name = "Maria Lopez")
    {
        var patient = await TestPatients.AddAsync(db, Night, programStart: Today.AddDays(-20), name: name);
        for (var d = 1; d <= daysDone; d++)
            db.SessionLogs.Add(TestPatients.Session(patient, Today.AddDays(-d), done: 2, Night.AddDays(-d), pain: 2));
        await db.SaveChangesAsync(Ct);
        return patient;
    }

    private async Task<List<Alert>> AlertsAsync(Guid patientId)
    {
        await using var db = _database.CreateContext();
        return await db.Alerts.Where(a => a.PatientId == patientId).ToListAsync(Ct);
    }

    [Fact]
    public async Task The_number_of_queries_does_not_grow_with_the_number_of_patients()
    {
        await using var db = _database.CreateContext();
        for (var i = 0; i < 3; i++)
            await PatientAsync(db, daysDone: i * 3, name: $"Patient {i}");
        _contexts.Reset();
        await Job().RunAsync(Ct);
        var withThree = _contexts.Queries;

        for (var i = 0; i < 12; i++)
            await PatientAsync(db, daysDone: i % 5, name: $"More {i}");
        _contexts.Reset();
        var result = await Job().RunAsync(Ct);

        Assert.Equal(15, result.Patients);
        Assert.Equal(withThree, _contexts.Queries);
        // The page's bounds, patients, prescription versions, sessions, exercise pains, open alerts, current items, earlier suggestions.
        Assert.InRange(_contexts.Queries, 1, 8);
    }

    [Fact]
    public async Task Three_missed_days_open_one_alert_with_its_deliveries_and_the_next_night_adds_none()
    {
        await using var db = _database.CreateContext();
        var maria = await PatientAsync(db, daysDone: 0);
        var doing = await PatientAsync(db, daysDone: 20, name: "Pedro Gil");

        var first = await Job().RunAsync(Ct);
        _clock.Advance(TimeSpan.FromDays(1));
        var second = await Job().RunAsync(Ct);

        var alerts = await AlertsAsync(maria.PatientId);
        Assert.Contains(alerts, a => a.Kind == AlertKind.MissedDays && a.IsOpen && a.TherapistId == maria.TherapistId);
        Assert.Contains(alerts, a => a.Kind == AlertKind.LowAdherence && a.IsOpen);
        Assert.Equal(alerts.Count, alerts.Select(a => a.Kind).Distinct().Count());
        var pedros = await AlertsAsync(doing.PatientId);
        Assert.Equal(alerts.Count + pedros.Count, first.Opened);
        Assert.Equal(0, second.Opened);
        Assert.All(pedros, a => Assert.Equal(AlertKind.ReadyToProgress, a.Kind));
        var deliveries = await db.AlertDeliveries.Where(d => alerts.Select(a => a.Id).Contains(d.AlertId)).ToListAsync(Ct);
        Assert.Equal(alerts.Count * 2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(AlertDeliveryState.Pending, d.State));
    }

    [Fact]
    public async Task An_acknowledged_alert_is_not_raised_again_every_night_while_its_condition_holds()
    {
        await using var db = _database.CreateContext();
        var maria = await PatientAsync(db, daysDone: 0);
        await Job().RunAsync(Ct);
        foreach (var alert in await db.Alerts.Where(a => a.PatientId == maria.PatientId).ToListAsync(Ct))
            alert.AcknowledgedAt = _clock.GetUtcNow();
        await db.SaveChangesAsync(Ct);

        _clock.Advance(TimeSpan.FromDays(1));
        var nextNight = await Job().RunAsync(Ct);

        Assert.Equal(0, nextNight.Opened);
        Assert.DoesNotContain(await AlertsAsync(maria.PatientId), a => a.IsOpen);
    }

    [Fact]
    public async Task An_alert_clears_when_the_patient_is_back_on_track()
    {
        await using var db = _database.CreateContext();
        var maria = await PatientAsync(db, daysDone: 0);
        await Job().RunAsync(Ct);

        for (var d = 1; d <= 7; d++)
            db.SessionLogs.Add(TestPatients.Session(maria, Today.AddDays(7 - d), done: 2, Night.AddDays(7 - d), pain: 1));
        await db.SaveChangesAsync(Ct);
        _clock.Advance(TimeSpan.FromDays(7));
        var result = await Job().RunAsync(Ct);

        var alerts = await AlertsAsync(maria.PatientId);
        Assert.All(alerts.Where(a => a.Kind is AlertKind.MissedDays or AlertKind.LowAdherence),
            a => Assert.Equal(_clock.GetUtcNow(), a.ClearedAt));
        Assert.True(result.Cleared >= 2);
    }

    [Fact]
    public async Task An_alert_a_conversation_already_opened_is_not_opened_twice()
    {
        await using var db = _database.CreateContext();
        var maria = await PatientAsync(db, daysDone: 0);
        await Data.Alerts.AlertWriter.RaiseAsync(db, maria.PatientId, AlertKind.MissedDays, AlertSeverity.Warning, null, Night, Ct);
        await db.SaveChangesAsync(Ct);

        await Job().RunAsync(Ct);

        Assert.Single(await AlertsAsync(maria.PatientId), a => a.Kind == AlertKind.MissedDays);
    }

    [Fact]
    public async Task A_week_done_with_low_pain_suggests_progress_once_within_the_limits()
    {
        await using var db = _database.CreateContext();
        var maria = await PatientAsync(db, daysDone: 10);

        await Job().RunAsync(Ct);
        _clock.Advance(TimeSpan.FromDays(1));
        await Job().RunAsync(Ct);

        var suggestion = Assert.Single(await AlertsAsync(maria.PatientId), a => a.Kind == AlertKind.ReadyToProgress);
        Assert.Equal(AlertSeverity.Info, suggestion.Severity);
        Assert.Contains("2×10 → 2×12", suggestion.Detail);
    }

    [Fact]
    public async Task A_patients_own_thresholds_raise_or_suppress_what_the_clinic_defaults_would_not()
    {
        await using var db = _database.CreateContext();
        // Done every day but the last two: below the default of three missed days in a row, adherence 5 of 7.
        async Task<SeededPatient> MissedTwoAsync(string name)
        {
            var patient = await TestPatients.AddAsync(db, Night, programStart: Today.AddDays(-20), name: name);
            for (var d = 3; d <= 20; d++)
                db.SessionLogs.Add(TestPatients.Session(patient, Today.AddDays(-d), done: 2, Night.AddDays(-d), pain: 2));
            await db.SaveChangesAsync(Ct);
            return patient;
        }
        var strict = await MissedTwoAsync("Ana Strict");
        var usual = await MissedTwoAsync("Pedro Usual");
        var lenient = await PatientAsync(db, daysDone: 0, name: "Luis Lenient");
        var missing = await PatientAsync(db, daysDone: 0, name: "Maria Missing");
        await db.Patients.Where(p => p.Id == strict.PatientId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.AlertRuleOverrides.MissedDaysInARow, 2), Ct);
        await db.Patients.Where(p => p.Id == lenient.PatientId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.AlertRuleOverrides.MissedDaysInARow, 30)
                .SetProperty(p => p.AlertRuleOverrides.LowAdherenceBelow, 0.0), Ct);
        _contexts.Reset();

        await Job().RunAsync(Ct);

        Assert.Contains(await AlertsAsync(strict.PatientId), a => a.Kind == AlertKind.MissedDays && a.IsOpen);
        Assert.DoesNotContain(await AlertsAsync(usual.PatientId), a => a.Kind is AlertKind.MissedDays or AlertKind.LowAdherence);
        Assert.DoesNotContain(await AlertsAsync(lenient.PatientId), a => a.Kind is AlertKind.MissedDays or AlertKind.LowAdherence);
        var defaults = await AlertsAsync(missing.PatientId);
        Assert.Contains(defaults, a => a.Kind == AlertKind.MissedDays);
        Assert.Contains(defaults, a => a.Kind == AlertKind.LowAdherence);
        Assert.InRange(_contexts.Queries, 1, 8); // the overrides come with the patients: no query per patient
    }

    [Fact]
    public async Task A_clinics_own_defaults_apply_where_a_patient_sets_no_threshold_and_the_settings_where_neither_does()
    {
        await using var db = _database.CreateContext();
        // Done every day but the last two: the settings' three missed days in a row are not reached.
        async Task<SeededPatient> MissedTwoAsync(string name, int? clinicMissedDays, int? ownMissedDays)
        {
            var patient = await TestPatients.AddAsync(db, Night, programStart: Today.AddDays(-20), name: name);
            for (var d = 3; d <= 20; d++)
                db.SessionLogs.Add(TestPatients.Session(patient, Today.AddDays(-d), done: 2, Night.AddDays(-d), pain: 2));
            await db.SaveChangesAsync(Ct);
            var clinicId = await db.Patients.Where(p => p.Id == patient.PatientId).Select(p => p.ClinicId).SingleAsync(Ct);
            await db.Clinics.Where(c => c.Id == clinicId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.AlertRuleDefaults.MissedDaysInARow, clinicMissedDays), Ct);
            await db.Patients.Where(p => p.Id == patient.PatientId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.AlertRuleOverrides.MissedDaysInARow, ownMissedDays), Ct);
            return patient;
        }
        var clinicStrict = await MissedTwoAsync("Ana Clinic", clinicMissedDays: 2, ownMissedDays: null);
        var ownWins = await MissedTwoAsync("Berta Own", clinicMissedDays: 2, ownMissedDays: 3);
        var settingsOnly = await MissedTwoAsync("Carla Settings", clinicMissedDays: null, ownMissedDays: null);
        _contexts.Reset();

        await Job().RunAsync(Ct);

        var opened = await AlertsAsync(clinicStrict.PatientId);
        Assert.Contains(opened, a => a.Kind == AlertKind.MissedDays && a.IsOpen && a.Detail!.StartsWith("2 planned days", StringComparison.Ordinal));
        Assert.DoesNotContain(await AlertsAsync(ownWins.PatientId), a => a.Kind == AlertKind.MissedDays);
        Assert.DoesNotContain(await AlertsAsync(settingsOnly.PatientId), a => a.Kind == AlertKind.MissedDays);
        Assert.InRange(_contexts.Queries, 1, 8); // the clinics' defaults come with the patients
    }
}
