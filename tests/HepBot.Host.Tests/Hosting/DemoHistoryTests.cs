using HepBot.Core.Alerts;
using HepBot.Core.Clinics;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Hosting;

/// <summary>The demo clinic's demo patients: eight weeks of history, the same every time, added once, never elsewhere.</summary>
public sealed class DemoHistoryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DemoWithHistory = new() { ["Demo:Enabled"] = "true", ["Demo:History"] = "true" };
    private TestDatabase _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_first_run_adds_four_demo_patients_with_eight_weeks_that_tell_their_stories()
    {
        await using (var host = new HepBotHostFactory(_database, DemoWithHistory))
            host.StartServer();

        await using var db = _database.CreateContext();
        var patients = await db.Patients.OrderBy(p => p.DisplayName).Select(p => p.DisplayName).ToListAsync(Ct);
        Assert.Equal(["Alex", "Demo – Lucía", "Demo – Maria", "Demo – Priya", "Demo – Sam"], patients);

        var logs = await db.SessionLogs.Include(l => l.Exercises)
            .Join(db.Patients, l => l.PatientId, p => p.Id, (l, p) => new { p.DisplayName, Log = l }).ToListAsync(Ct);
        int Done(string name, int fromDay) => logs.Count(x => x.DisplayName == name && x.Log.Status == SessionStatus.Completed
            && x.Log.LocalDate >= logs.Where(y => y.DisplayName == name).Min(y => y.Log.LocalDate).AddDays(fromDay));

        Assert.True(Done("Demo – Maria", 0) >= 50, "Maria keeps it up.");
        Assert.True(Done("Demo – Sam", 0) - Done("Demo – Sam", 35) >= 25 && Done("Demo – Sam", 35) <= 8, "Sam slips in the last three weeks.");
        Assert.Contains(logs, x => x.DisplayName == "Demo – Sam" && x.Log.Status == SessionStatus.SkippedDay && x.Log.SkipBarrier == SkipReason.Forgot);
        Assert.Equal(8, logs.Where(x => x.DisplayName == "Demo – Lucía").Max(x => x.Log.PainAfter));
        Assert.Contains(logs, x => x.Log.Exercises.Any(e => e.Outcome == ExerciseOutcome.Skipped && e.Barrier == SkipReason.Pain));
        Assert.All(logs.Where(x => x.Log.Status == SessionStatus.Completed), x => Assert.NotEmpty(x.Log.Exercises));

        var alerts = await db.Alerts.Join(db.Patients, a => a.PatientId, p => p.Id, (a, p) => new { p.DisplayName, Alert = a }).ToListAsync(Ct);
        var spike = Assert.Single(alerts, a => a.Alert.Kind == AlertKind.HighPain);
        Assert.Equal("Demo – Lucía", spike.DisplayName);
        Assert.NotNull(spike.Alert.AcknowledgedAt);
        // Worded from its fields in the reader's language, like an alert raised in the chat.
        Assert.Equal((8, AlertMoment.AfterSession), (spike.Alert.PainScore, spike.Alert.Moment));
        var message = Assert.Single(alerts, a => a.Alert.Kind == AlertKind.PatientMessage && a.Alert.IsOpen);
        Assert.StartsWith("La rodilla va mejor", message.Alert.PatientWords);
        Assert.Single(await db.PatientMessages.ToListAsync(Ct));
    }

    [Fact]
    public async Task A_second_start_adds_nothing_and_alex_stays_the_demo_patient()
    {
        string firstCode;
        await using (var first = new HepBotHostFactory(_database, DemoWithHistory))
        {
            first.StartServer();
            firstCode = first.Console.ToString();
        }
        int patients, logs;
        await using (var db = _database.CreateContext())
            (patients, logs) = (await db.Patients.CountAsync(Ct), await db.SessionLogs.CountAsync(Ct));

        await using (var second = new HepBotHostFactory(_database, DemoWithHistory))
            second.StartServer();

        await using var after = _database.CreateContext();
        Assert.Equal((patients, logs), (await after.Patients.CountAsync(Ct), await after.SessionLogs.CountAsync(Ct)));
        var alex = await after.Patients.SingleAsync(p => p.DisplayName == "Alex", Ct);
        Assert.All(await after.Invitations.ToListAsync(Ct), i => Assert.Equal(alex.Id, i.PatientId));
    }

    [Fact]
    public async Task A_database_whose_first_clinic_is_real_gets_no_demo_patients()
    {
        await using (var db = _database.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
            db.Clinics.Add(new Clinic { Name = "Riverside Physio", CreatedAt = HepBotHostFactory.Start });
            await db.SaveChangesAsync(Ct);
        }

        await using (var host = new HepBotHostFactory(_database, DemoWithHistory))
            host.StartServer();

        await using var after = _database.CreateContext();
        Assert.Empty(await after.Patients.ToListAsync(Ct));
    }
}
