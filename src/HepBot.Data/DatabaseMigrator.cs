using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HepBot.Data;

/// <summary>
/// Brings the configured database up to the current schema at start-up, with the configured
/// provider's own migration set.
/// </summary>
public sealed partial class DatabaseMigrator(IDbContextFactory<HepBotDbContext> contexts, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Applies the pending migrations and returns their names, oldest first (empty when up to date), under <see cref="ExclusiveAsync{T}"/>.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        ExclusiveAsync(() => MigrateHoldingLockAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Runs start-up database work (migrations, the exercise library, the demo) while no other host does. Hosts of a
    /// cluster start together; on PostgreSQL the first to take a session advisory lock on the server does the work, the
    /// others wait and then find it done (EF Core's own migration lock does not stop two of them there, and two library
    /// seeds at once break a unique index; tests show both). SQLite is one file on one host; SQL Server is left to EF
    /// Core's migration lock (sp_getapplock).
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
            return await work();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PostgresStartupLock})", cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgresStartupLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The PostgreSQL advisory lock (a session lock on the database server) held while one host does the start-up database work: "HepBot" in ASCII.</summary>
    public const long PostgresStartupLock = 0x48_65_70_42_6F_74;

    /// <summary>
    /// <see cref="MigrateAsync"/> for a caller already inside <see cref="ExclusiveAsync{T}"/> (an advisory lock is held
    /// per connection, so taking it again from another one would wait for itself).
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateHoldingLockAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        // Server and database name only: the connection string may carry a password.
        var (provider, server, database) = (db.Database.ProviderName, connection.DataSource, connection.Database);

        if (db.Database.IsSqlite())
            CreateSqliteFolder(connection.ConnectionString);

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
            LogUpToDate(provider, server, database);
        else
        {
            LogApplying(pending.Count, provider, server, database, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
            LogApplied(pending.Count, pending[^1]);
        }

        if (db.Database.IsSqlite() && !IsInMemory(connection.ConnectionString))
            await UseWriteAheadLogAsync(db, cancellationToken);
        return pending;
    }

    /// <summary>
    /// SQLite's write-ahead log: readers no longer wait for a writer (nor a writer for readers), so one patient's
    /// saved answer does not hold up another's turn reading its dialog state. The mode is kept in the database file;
    /// setting it on every start-up brings an older file over. Synchronous stays FULL: a committed answer survives a
    /// power cut.
    /// </summary>
    private static async Task UseWriteAheadLogAsync(HepBotDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static bool IsInMemory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
    }

    // SQLite creates a missing database file, but not the folder it goes in (e.g. data/ on a fresh checkout).
    private void CreateSqliteFolder(string connectionString)
    {
        if (IsInMemory(connectionString))
            return;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (folder is null || Directory.Exists(folder))
            return;
        Directory.CreateDirectory(folder);
        LogCreatedFolder(folder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Provider} {Server} {Database} is up to date")]
    private partial void LogUpToDate(string? provider, string server, string database);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Applying {Count} migration(s) to {Provider} {Server} {Database}: {Migrations}")]
    private partial void LogApplying(int count, string? provider, string server, string database, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s); the schema is now at {Latest}")]
    private partial void LogApplied(int count, string latest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created folder {Folder} for the SQLite database")]
    private partial void LogCreatedFolder(string folder);
}
