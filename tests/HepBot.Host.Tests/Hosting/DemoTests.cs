using System.Net;
using System.Text.RegularExpressions;
using HepBot.Data;
using HepBot.Data.ExerciseLibrary;
using HepBot.Host.Api.Patients;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Hosting;

/// <summary>First run on an empty database: a newcomer gets a demo clinic, patient, knee program, key and invitation.</summary>
public sealed partial class DemoTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DemoOn = new() { ["Demo:Enabled"] = "true" };
    private TestDatabase _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_first_run_seeds_the_demo_and_prints_a_working_key_and_invitation()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var client = host.CreateClient();

        var (key, code) = Printed(host.Console.ToString());

        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var patient = Assert.Single(await (await client.GetAsync("/api/v1/patients", Ct)).ReadAsync<List<PatientDto>>());
        Assert.Equal(("Alex", "Europe/London"), (patient.DisplayName, patient.TimeZone));
        Assert.Equal(["18:00"], patient.ReminderTimes);
        var program = await (await client.GetAsync($"/api/v1/patients/{patient.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal(["quad-set", "straight-leg-raise", "heel-slide", "short-arc-quad", "bridge", "sit-to-stand"],
            program.Items.Select(i => i.ExerciseSlug));

        await using var db = _database.CreateContext();
        var invitation = await db.Invitations.SingleAsync(i => i.Code == code, Ct);
        Assert.Equal(patient.Id, invitation.PatientId);
        Assert.Equal("demo@hepbot.local", (await db.Therapists.SingleAsync(Ct)).Email);
    }

    [Fact]
    public async Task A_second_start_seeds_nothing_new_and_prints_the_same_key_which_still_works()
    {
        string firstKey, firstCode;
        await using (var first = new HepBotHostFactory(_database, DemoOn))
        {
            first.StartServer();
            (firstKey, firstCode) = Printed(first.Console.ToString());
        }

        await using var second = new HepBotHostFactory(_database, DemoOn);
        second.StartServer();
        var (secondKey, secondCode) = Printed(second.Console.ToString());

        Assert.Equal(firstKey, secondKey);
        Assert.Equal(firstCode, secondCode);
        Assert.Contains("the same on every start", second.Console.ToString());
        Assert.Equal(HttpStatusCode.OK, (await second.ClientWithKey(firstKey).GetAsync("/api/v1/patients", Ct)).StatusCode);

        await using var db = _database.CreateContext();
        Assert.Equal((1, 1, 1, 1, 1, 1), (
            await db.Clinics.CountAsync(Ct), await db.Therapists.CountAsync(Ct), await db.Patients.CountAsync(Ct),
            await db.Prescriptions.CountAsync(Ct), await db.Invitations.CountAsync(Ct), await db.ApiKeys.CountAsync(Ct)));
        // The database keeps only the key's hash; the plain key is in the demo's own file.
        Assert.DoesNotContain(await db.ApiKeys.Select(k => k.Hash).SingleAsync(Ct), firstKey);
    }

    [Fact]
    public async Task A_revoked_demo_key_is_replaced_by_a_new_one_on_the_next_start()
    {
        string firstKey;
        await using (var first = new HepBotHostFactory(_database, DemoOn))
        {
            first.StartServer();
            (firstKey, _) = Printed(first.Console.ToString());
        }
        await using (var db = _database.CreateContext())
        {
            (await db.ApiKeys.SingleAsync(Ct)).RevokedAt = HepBotHostFactory.Start;
            await db.SaveChangesAsync(Ct);
        }

        await using var second = new HepBotHostFactory(_database, DemoOn);
        second.StartServer();
        var (secondKey, _) = Printed(second.Console.ToString());

        Assert.NotEqual(firstKey, secondKey);
        Assert.Contains("new; the same on later starts", second.Console.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.ClientWithKey(firstKey).GetAsync("/api/v1/patients", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.ClientWithKey(secondKey).GetAsync("/api/v1/patients", Ct)).StatusCode);
    }

    [Fact]
    public async Task Two_hosts_starting_at_once_on_a_new_PostgreSQL_database_both_prepare_it_with_one_library_and_one_demo()
    {
        // Before the start-up lock covered the library and the demo, the second host died on a duplicate library slug.
        // Each host is built but not started (two started hosts in one test process would share Quartz's scheduler
        // repository); what they race over is the start-up work both do first.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = HepBotHostFactory.SettingsFor(database.Provider, database.ConnectionString, DemoOn);
        await using var first = HepBotApplication.Build(HepBotApplication.CreateBuilder([], settings));
        await using var second = HepBotApplication.Build(HepBotApplication.CreateBuilder([], settings));

        var demos = await Task.WhenAll(Task.Run(() => PrepareAsync(first.Services), Ct), Task.Run(() => PrepareAsync(second.Services), Ct));

        Assert.Equal(demos[0]!.ApiKey, demos[1]!.ApiKey);
        await using var db = database.CreateContext();
        Assert.Equal(ExerciseLibraryFile.Load(RepositoryPaths.Combine("library", "exercises.yaml")).Count, await db.Exercises.CountAsync(Ct));
        Assert.Equal(1, await db.Clinics.CountAsync(Ct));
        Assert.Equal(1, await db.Patients.CountAsync(Ct));

        static async Task<HepBot.Host.Demo.DemoAccess?> PrepareAsync(IServiceProvider services)
        {
            await using var scope = services.CreateAsyncScope();
            return await HepBot.Host.Database.DatabaseStartup.PrepareDatabaseAsync(scope.ServiceProvider, ensureDemoKey: true, Ct);
        }
    }

    [Fact]
    public async Task By_default_the_log_has_HepBots_own_start_up_lines_but_no_Quartz_or_framework_information()
    {
        var logs = new CapturedLogs();
        await using var host = new HepBotHostFactory(_database, DemoOn) { Logs = logs };
        host.StartServer();

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Information HepBot.Scheduling.Reminders.ReminderScheduler: Reminder triggers synchronised", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Information HepBot.Host.Database.DatabaseStartup: Exercise library:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Information Quartz", StringComparison.Ordinal) || l.StartsWith("Debug Quartz", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Information Microsoft.", StringComparison.Ordinal) || l.StartsWith("Information System.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_is_off_by_default_against_a_configured_database()
    {
        await using var host = new HepBotHostFactory(HepBotHostFactory.SettingsFor(_database.Provider, _database.ConnectionString,
            new Dictionary<string, string?> { ["Demo:Enabled"] = null }));
        host.StartServer();

        Assert.DoesNotContain("HepBot demo", host.Console.ToString());
        await using var db = _database.CreateContext();
        Assert.False(await db.Clinics.AnyAsync(Ct));
        Assert.Equal(ExerciseLibraryFile.Load(RepositoryPaths.Combine("library", "exercises.yaml")).Count, await db.Exercises.CountAsync(Ct));
    }

    [Fact]
    public async Task An_existing_clinic_keeps_the_demo_out()
    {
        await using (var host = new HepBotHostFactory(_database))
        {
            host.StartServer();
        }
        await using (var db = _database.CreateContext())
        {
            db.Clinics.Add(new() { Name = "Riverside Physio" });
            await db.SaveChangesAsync(Ct);
        }

        await using var demo = new HepBotHostFactory(_database, DemoOn);
        demo.StartServer();

        Assert.DoesNotContain("HepBot demo", demo.Console.ToString());
    }

    [Fact]
    public async Task The_first_run_prints_the_web_apps_address_and_a_sign_in_that_opens_today()
    {
        await using var host = new HepBotHostFactory(_database, DemoOn);
        var session = new HepBot.Host.Tests.WebApp.WebSession(host);
        var console = host.Console.ToString();

        var signIn = WebSignIn().Match(console);
        Assert.True(signIn.Success, console);
        Assert.EndsWith("/app", signIn.Groups["address"].Value);
        var signedIn = await session.SignInAsync(signIn.Groups["email"].Value, signIn.Groups["password"].Value);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var (status, today, _) = await session.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Today</h1>", today);
    }

    [GeneratedRegex(@"Web app:\s+(?<address>\S+)\s+sign in as (?<email>\S+)\s+password (?<password>\S+)")]
    private static partial Regex WebSignIn();

    private static (string Key, string Code) Printed(string console)
    {
        var key = DemoKey().Match(console);
        var code = Invitation().Match(console);
        Assert.True(key.Success && code.Success, console);
        return (key.Groups[1].Value, code.Groups[1].Value);
    }

    [GeneratedRegex(@"Demo key:\s+(hb_[A-Za-z0-9_-]+)")]
    private static partial Regex DemoKey();

    [GeneratedRegex(@"Invitation:\s+([A-Z0-9]{8})")]
    private static partial Regex Invitation();
}
