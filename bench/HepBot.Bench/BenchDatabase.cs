using HepBot.Data;
using Npgsql;

namespace HepBot.Bench;

/// <summary>
/// A fresh database for one bench run, dropped afterwards: a temporary SQLite file, or a new database on
/// the PostgreSQL server named by <c>--postgres</c>, <c>HEPBOT_BENCH_POSTGRES</c> or <c>HEPBOT_TEST_POSTGRES</c>
/// (a connection string whose user may create databases).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _admin;
    private readonly string? _name;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? sqlitePath = null, string? admin = null, string? name = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _admin = admin;
        _name = name;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>When set (<c>--keep</c>), the database is left in place for EXPLAIN and named on stderr instead of dropped.</summary>
    public bool Keep { get; set; }

    public static string? PostgresServer(BenchArguments arguments) =>
        arguments.Value("postgres") ?? Variable("HEPBOT_BENCH_POSTGRES") ?? Variable("HEPBOT_TEST_POSTGRES");

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string? postgresServer)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"hepbot-bench-{Guid.NewGuid():N}.db");
            // The host's own default form of the connection string (pooled), as a real install has it.
            return new BenchDatabase(provider, $"Data Source={path}", sqlitePath: path);
        }
        if (postgresServer is null)
            throw new InvalidOperationException("PostgreSQL needs a server: pass --postgres \"Host=...\" or set HEPBOT_BENCH_POSTGRES.");
        var name = $"hepbot_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(postgresServer))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        return new BenchDatabase(provider, cs, admin: postgresServer, name: name);
    }

    /// <summary>
    /// A database an earlier run kept (<c>--keep</c>), used again as it is (<c>--reuse NAME</c>): seeding 100,000 patients takes
    /// most of an hour, a night a minute. It is kept again afterwards.
    /// </summary>
    public static BenchDatabase Existing(string postgresServer, string name)
    {
        if (!name.StartsWith("hepbot_bench_", StringComparison.Ordinal) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"--reuse takes the name of a kept bench database (hepbot_bench_...), not '{name}'.");
        var cs = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        return new BenchDatabase(DatabaseProvider.Postgres, cs, admin: postgresServer, name: name) { Keep = true };
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                File.Delete(file);
        }
        if (_admin is not null && Keep)
        {
            NpgsqlConnection.ClearAllPools();
            Console.Error.WriteLine($"  kept database {_name} (drop it with DROP DATABASE \"{_name}\" WITH (FORCE))");
        }
        else if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
