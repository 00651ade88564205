using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HepBot.Data.Tests.Migrations;

public class DatabaseMigratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The migrator as the host gets it: from <c>AddHepBotDatabase</c>, logging into <paramref name="log"/>.</summary>
    private static ServiceProvider Services(DatabaseProvider provider, string connectionString, List<string> log) =>
        new ServiceCollection()
            .AddLogging(b => b.AddProvider(new ListLoggerProvider(log)))
            .AddHepBotDatabase(provider, connectionString)
            .BuildServiceProvider();

    [Fact]
    public async Task A_SQLite_database_in_a_folder_that_does_not_exist_yet_is_created_and_migrated()
    {
        var root = Path.Combine(Path.GetTempPath(), $"hepbot-test-{Guid.NewGuid():N}");
        var file = Path.Combine(root, "data", "hepbot.db");
        var log = new List<string>();
        try
        {
            await using (var services = Services(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", log))
            {
                var migrator = services.GetRequiredService<DatabaseMigrator>();

                var applied = await migrator.MigrateAsync(Ct);
                var second = await migrator.MigrateAsync(Ct);

                Assert.True(File.Exists(file));
                // Every migration of the set, oldest (the initial one) first.
                Assert.Equal(services.GetRequiredService<IDbContextFactory<HepBotDbContext>>().CreateDbContext().Database.GetMigrations(), applied);
                Assert.EndsWith("_Initial", applied[0]);
                Assert.Empty(second);
                Assert.Contains(log, line => line.Contains(applied[0]) && line.Contains($"Applying {applied.Count} migration"));
                Assert.Contains(log, line => line.Contains("up to date"));
                await using var db = services.GetRequiredService<IDbContextFactory<HepBotDbContext>>().CreateDbContext();
                Assert.Equal(0, await db.Exercises.CountAsync(Ct));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_SQLite_database_keeps_a_write_ahead_log_and_its_connections_wait_for_a_busy_writer()
    {
        var root = Path.Combine(Path.GetTempPath(), $"hepbot-test-{Guid.NewGuid():N}");
        var file = Path.Combine(root, "hepbot.db");
        try
        {
            await using (var services = Services(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", []))
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct);

                await using var db = services.GetRequiredService<IDbContextFactory<HepBotDbContext>>().CreateDbContext();
                Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode;"));
                Assert.Equal((long)Providers.SqliteBusyTimeout.Milliseconds, await ScalarAsync(db, "PRAGMA busy_timeout;"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>One value read on a connection EF opens, as its queries get it.</summary>
    private static async Task<object?> ScalarAsync(HepBotDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(Ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task A_PostgreSQL_database_is_migrated_without_its_password_in_the_log()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var password = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password;
        var log = new List<string>();
        await using var services = Services(DatabaseProvider.Postgres, database.ConnectionString, log);

        var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct);

        await using var db = database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.EndsWith("_Initial", applied[0]);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Contains(log, line => line.Contains($"Applying {applied.Count} migration") && line.Contains(applied[0]));
        Assert.False(string.IsNullOrEmpty(password), "The test server should need a password for this test to mean anything.");
        Assert.DoesNotContain(log, line => line.Contains(password!));
    }

    [Fact]
    public async Task Two_hosts_starting_at_once_on_a_new_PostgreSQL_database_migrate_it_once_between_them()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var first = Services(DatabaseProvider.Postgres, database.ConnectionString, []);
        await using var second = Services(DatabaseProvider.Postgres, database.ConnectionString, []);

        var both = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct), Ct),
            Task.Run(() => second.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct), Ct));

        await using var db = database.CreateContext();
        // One of them applied every migration, the other found the schema up to date once it had waited.
        Assert.Equal([db.Database.GetMigrations().Count(), 0], both.Select(applied => applied.Count).OrderDescending());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);
        public void Dispose() { }

        private sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                    lines.Add(formatter(state, exception));
            }
        }
    }
}
