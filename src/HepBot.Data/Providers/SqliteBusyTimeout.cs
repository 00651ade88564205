using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HepBot.Data.Providers;

/// <summary>
/// Lets SQLite itself wait for a lock held by another writer instead of failing at once. Without it a write that
/// meets a busy database is retried by Microsoft.Data.Sqlite after a fixed 150 ms sleep, so two patients' answers
/// saved at the same moment cost one of them at least 150 ms; SQLite's own busy handler retries within a
/// millisecond or two of the lock being released. Set on every connection EF opens (a pooled connection keeps it,
/// setting it again costs a few microseconds).
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>As long as Microsoft.Data.Sqlite's default command timeout: a lock held longer is an error either way.</summary>
    public const int Milliseconds = 30_000;

    public static readonly SqliteBusyTimeout Instance = new();

    private static readonly string Pragma = FormattableString.Invariant($"PRAGMA busy_timeout = {Milliseconds};");

    private SqliteBusyTimeout()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite runs commands synchronously; its async methods only wrap them.
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
            return;
        using var command = sqlite.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}
