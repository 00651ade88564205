using System.Net;
using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Host.Commands;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Hosting;

/// <summary>The admin verbs, invoked in-process as `dotnet run -- verb ...` would, against a temporary SQLite database.</summary>
public sealed class AdminVerbTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Migrate_applies_the_migrations_once()
    {
        int migrations;
        await using (var fresh = _database.CreateContext())
            migrations = fresh.Database.GetMigrations().Count();

        var first = await RunAsync("migrate");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"Applied {migrations} migration(s)", first.Output);

        var second = await RunAsync("migrate");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output);

        await using var db = _database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task Therapist_add_then_api_key_create_gives_a_key_that_authenticates()
    {
        var added = await RunAsync("therapist", "add", "--email", "Ana.Lopez@Clinic.test", "--name", "Ana López", "--admin", "--clinic", "Riverside Physio");
        Assert.Equal(0, added.ExitCode);

        var created = await RunAsync("api-key", "create", "--email", "ana.lopez@clinic.test");
        Assert.Equal(0, created.ExitCode);
        var key = created.Output.TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^hb_[A-Za-z0-9_-]{43}$", key);

        await using (var db = _database.CreateContext())
        {
            var therapist = await db.Therapists.Include(t => t.Clinic).SingleAsync(Ct);
            Assert.Equal(("ana.lopez@clinic.test", TherapistRole.ClinicAdmin, "Riverside Physio"), (therapist.Email, therapist.Role, therapist.Clinic!.Name));
            var stored = await db.ApiKeys.SingleAsync(Ct);
            Assert.DoesNotContain(key, new[] { stored.Hash, stored.Prefix });
            Assert.Equal(key[..12], stored.Prefix);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == HepBot.Core.Audit.AuditAction.Create && a.EntityType == "ApiKey"
                && a.EntityId == stored.Id.ToString() && a.Actor == "cli", Ct));
        }

        await using var host = new HepBotHostFactory(_database);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientWithKey(key).GetAsync("/api/v1/patients", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_key_list_shows_a_therapists_keys_by_prefix_and_revoke_stops_one()
    {
        var added = await RunAsync("therapist", "add", "--email", "ana@clinic.test", "--name", "Ana", "--clinic", "Riverside Physio");
        Assert.True(added.ExitCode == 0, added.Error);
        var first = (await RunAsync("api-key", "create", "--email", "ana@clinic.test")).Output.TrimEnd().Split('\n')[^1].Trim();
        var second = (await RunAsync("api-key", "create", "--email", "ana@clinic.test", "--expires-in-days", "30")).Output.TrimEnd().Split('\n')[^1].Trim();

        var listed = await RunAsync("api-key", "list", "--email", "ana@clinic.test");
        var revoked = await RunAsync("api-key", "revoke", "--prefix", first[..12]);
        var unknown = await RunAsync("api-key", "revoke", "--prefix", "hb_nosuchkey");

        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains(first[..12], listed.Output);
        Assert.Contains(second[..12], listed.Output);
        Assert.DoesNotContain(first, listed.Output);
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        Assert.NotEqual(0, unknown.ExitCode);
        await using var host = new HepBotHostFactory(_database);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.ClientWithKey(first).GetAsync("/api/v1/patients", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientWithKey(second).GetAsync("/api/v1/patients", Ct)).StatusCode);
        await using var db = _database.CreateContext();
        Assert.NotNull((await db.ApiKeys.SingleAsync(k => k.Prefix == second.Substring(0, 12), Ct)).ExpiresAt);
    }

    [Fact]
    public async Task Bad_input_exits_non_zero_with_a_clear_message()
    {
        var noClinic = await RunAsync("therapist", "add", "--email", "ana@clinic.test", "--name", "Ana");
        Assert.NotEqual(0, noClinic.ExitCode);
        Assert.Contains("--clinic", noClinic.Error);

        Assert.Equal(0, (await RunAsync("therapist", "add", "--email", "ana@clinic.test", "--name", "Ana", "--clinic", "Riverside")).ExitCode);
        var duplicate = await RunAsync("therapist", "add", "--email", "ANA@clinic.test", "--name", "Ana again");
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error);

        var badEmail = await RunAsync("therapist", "add", "--email", "not-an-email", "--name", "Ana");
        Assert.NotEqual(0, badEmail.ExitCode);
        Assert.Contains("--email", badEmail.Error);

        var unknown = await RunAsync("api-key", "create", "--email", "nobody@clinic.test");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("nobody@clinic.test", unknown.Error);

        var missingOption = await RunAsync("api-key", "create");
        Assert.NotEqual(0, missingOption.ExitCode);
        Assert.Contains("--email", missingOption.Error);

        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Therapists.CountAsync(Ct));
        Assert.Equal(0, await db.ApiKeys.CountAsync(Ct));
    }

    [Fact]
    public async Task Api_key_create_refuses_a_deactivated_therapist_and_an_expiry_out_of_range_as_the_api_does()
    {
        Assert.Equal(0, (await RunAsync("therapist", "add", "--email", "ana@clinic.test", "--name", "Ana", "--clinic", "Riverside Physio")).ExitCode);

        var tooLong = await RunAsync("api-key", "create", "--email", "ana@clinic.test", "--expires-in-days", "3651");
        await using (var db = _database.CreateContext())
            await db.Therapists.ExecuteUpdateAsync(u => u.SetProperty(t => t.DeactivatedAt, DateTimeOffset.UtcNow), Ct);
        var deactivated = await RunAsync("api-key", "create", "--email", "ana@clinic.test");

        Assert.NotEqual(0, tooLong.ExitCode);
        Assert.Contains("--expires-in-days must be between 1 and 3650", tooLong.Error);
        Assert.NotEqual(0, deactivated.ExitCode);
        Assert.Contains("deactivated", deactivated.Error);
        await using var check = _database.CreateContext();
        Assert.Equal(0, await check.ApiKeys.CountAsync(Ct));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = HepBotHostFactory.SettingsFor(_database.Provider, _database.ConnectionString);
        var exitCode = await HepBotCommandLine.InvokeAsync(args, output, error, settings, cancellationToken: Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
