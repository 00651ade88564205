using HepBot.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HepBot.Testing;

/// <summary>
/// A fresh, empty database for one test or fixture: a temporary SQLite file, or a new database on the
/// PostgreSQL server named by <c>HEPBOT_TEST_POSTGRES</c>. PostgreSQL tests are skipped — with that
/// reason shown in the test output — when the variable is not set; they never pass silently.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "HEPBOT_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _postgresAdminConnection;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseProvider provider, string connectionString,
        string? sqlitePath = null, string? postgresAdminConnection = null, string? postgresDatabase = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresAdminConnection = postgresAdminConnection;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>Creates an empty database (no tables) on the provider; skips the test when PostgreSQL is not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var path = Path.Combine(Path.GetTempPath(), $"hepbot-test-{Guid.NewGuid():N}.db");
                return new TestDatabase(provider, $"Data Source={path};Pooling=False", sqlitePath: path);

            case DatabaseProvider.Postgres:
                var admin = PostgresConnectionString;
                Assert.SkipWhen(admin is null, $"{PostgresVariable} is not set, so this PostgreSQL test did not run.");
                var name = $"hepbot_test_{Guid.NewGuid():N}";
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }
                var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
                return new TestDatabase(provider, cs, postgresAdminConnection: admin, postgresDatabase: name);

            default:
                throw new NotSupportedException($"{provider} cannot run on this machine; SQL Server is covered by script generation tests.");
        }
    }

    /// <summary>Creates an empty database with HepBot's migrations applied.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        var database = await CreateAsync(provider);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public HepBotDbContext CreateContext() =>
        DatabaseProviders.CreateContext(Provider,
            new DbContextOptionsBuilder().UseHepBotProvider(Provider, ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm", _sqlitePath + ".demo-key" })
                File.Delete(file);
        }
        if (_postgresAdminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            // FORCE cannot end an autovacuum worker busy in the database (it runs as no role) unless the
            // test role has pg_signal_backend, as .ci/run grants; elsewhere wait for the worker to finish.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500));
                }
            }
        }
    }
}
