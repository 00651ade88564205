using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HepBot.Data;

/// <summary>Recognises a save refused because another write got there first, on every provider.</summary>
public static class DatabaseConflicts
{
    private const int SqliteConstraint = 19;
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    /// <summary>
    /// True for a lost race: a row changed since it was read (a concurrency token), or a unique index
    /// (one exercise slug per clinic, one prescription version number per patient) already holds the value.
    /// </summary>
    public static bool IsConflict(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: SqliteConstraint } sqlite } =>
            sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => true,
        DbUpdateException { InnerException: SqlException { Number: SqlServerUniqueIndex or SqlServerUniqueConstraint } } => true,
        _ => false,
    };
}
