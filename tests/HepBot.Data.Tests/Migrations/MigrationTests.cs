using System.Globalization;
using System.Text.RegularExpressions;
using HepBot.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HepBot.Data.Tests.Migrations;

public class MigrationTests
{
    private static readonly string[] Tables =
    [
        "Clinics", "Therapists", "ApiKeys", "Patients", "Exercises", "Prescriptions", "PrescriptionItems",
        "SessionLogs", "ExerciseLogs", "Invitations", "ChannelAccounts", "Alerts", "AuditEntries", "BotState",
        "TherapistAccounts", "AspNetUserPasskeys",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A context on the provider that is never opened: model checks and script generation need no server.</summary>
    private static HepBotDbContext OfflineContext(DatabaseProvider provider) =>
        DatabaseProviders.CreateContext(provider, new DbContextOptionsBuilder()
            .UseHepBotProvider(provider, provider switch
            {
                DatabaseProvider.Sqlite => "Data Source=offline.db",
                DatabaseProvider.SqlServer => "Server=none;Database=HepBot;Integrated Security=false",
                _ => "Host=none;Database=hepbot",
            }).Options);

    private static string FullScript(DatabaseProvider provider)
    {
        using var db = OfflineContext(provider);
        return db.GetService<IMigrator>().GenerateScript();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrations_create_a_database_that_answers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(0, await db.Patients.CountAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Each_providers_migrations_match_the_model(DatabaseProvider provider)
    {
        using var db = OfflineContext(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations are behind the model: regenerate them (see src/HepBot.Data/Migrations).");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void A_context_from_the_hosts_services_has_Identity_schema_3_with_passkeys(DatabaseProvider provider)
    {
        using var services = new ServiceCollection().AddHepBotDatabase(provider, "Data Source=offline.db").BuildServiceProvider();
        using var db = services.GetRequiredService<IDbContextFactory<HepBotDbContext>>().CreateDbContext();

        Assert.Equal(IdentitySchemaVersions.Version3, services.GetRequiredService<IOptions<IdentityOptions>>().Value.Stores.SchemaVersion);
        Assert.Equal("AspNetUserPasskeys", db.Model.FindEntityType(typeof(IdentityUserPasskey<Guid>))?.GetTableName());
    }

    [Fact]
    public void A_context_whose_services_lack_HepBots_Identity_options_refuses_to_build_its_model()
    {
        // Services without IdentitySchema would make Identity build its first schema, without passkeys, unlike the migrations.
        using var bare = new ServiceCollection().BuildServiceProvider();
        using var db = DatabaseProviders.CreateContext(DatabaseProvider.Sqlite, new DbContextOptionsBuilder()
            .UseApplicationServiceProvider(bare).EnableServiceProviderCaching(false)
            .UseHepBotProvider(DatabaseProvider.Sqlite, "Data Source=offline.db").Options);

        var refused = Assert.Throws<InvalidOperationException>(() => db.Model);
        Assert.Contains("Identity schema 3.0", refused.Message);
    }

    [Fact]
    public void The_SQL_Server_script_creates_every_table_in_SQL_Server_terms()
    {
        var script = FullScript(DatabaseProvider.SqlServer);

        Assert.All(Tables, table => Assert.Contains($"CREATE TABLE [{table}] (", script));
        Assert.Contains("[Id] bigint NOT NULL IDENTITY", script);
        Assert.Contains("[Texts] nvarchar(max) NULL", script);
        Assert.Contains("[ReminderTimes] nvarchar(max) NOT NULL", script);
        Assert.Contains("[Schedule_Days] int NOT NULL", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Exercises_LibrarySlug] ON [Exercises] ([Slug]) WHERE \"ClinicId\" IS NULL;", script);
        Assert.Contains("INSERT INTO [__EFMigrationsHistory]", script);

        // Another provider's types or syntax leaking in, or a length SQL Server rejects.
        Assert.All(new[] { "AUTOINCREMENT", "jsonb", "uuid", "timestamp with time zone", "character varying", " TEXT ", "INTEGER", "[]" },
            foreign => Assert.DoesNotContain(foreign, script));
        Assert.All(Regex.Matches(script, @"nvarchar\((\d+)\)"), m => Assert.InRange(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 1, 4000));
        // A clustered key (the primary key) may hold at most 900 bytes: nvarchar(400) is 800.
        Assert.Contains("[Key] nvarchar(400) NOT NULL", script);
    }

    [Fact]
    public void The_PostgreSQL_script_creates_every_table_in_PostgreSQL_terms()
    {
        var script = FullScript(DatabaseProvider.Postgres);

        Assert.All(Tables, table => Assert.Contains($"CREATE TABLE \"{table}\" (", script));
        Assert.Contains("\"Texts\" jsonb", script);
        Assert.Contains("\"ReminderTimes\" time without time zone[] NOT NULL", script);
        Assert.Contains("\"UpdatedAt\" timestamp with time zone NOT NULL", script);
        Assert.Contains("WHERE \"ClinicId\" IS NULL", script);
        Assert.DoesNotContain("nvarchar", script);
    }

    [Fact]
    public void The_SQLite_script_creates_every_table_in_SQLite_terms()
    {
        var script = FullScript(DatabaseProvider.Sqlite);

        Assert.All(Tables, table => Assert.Contains($"CREATE TABLE \"{table}\" (", script));
        // DateTimeOffset columns hold sortable numbers on SQLite (see SqliteHepBotDbContext).
        Assert.Contains("\"StartedAt\" INTEGER NOT NULL", script);
        Assert.Contains("WHERE \"ClinicId\" IS NULL", script);
        Assert.DoesNotContain("nvarchar", script);
    }
}
