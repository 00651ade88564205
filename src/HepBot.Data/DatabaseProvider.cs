using HepBot.Data.Accounts;
using HepBot.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

public static class DatabaseProviders
{
    /// <summary>
    /// Points the options at the chosen provider, with its migrations assembly and history table, and makes
    /// sure the context sees HepBot's Identity schema version (<see cref="IdentitySchema"/>).
    /// </summary>
    public static DbContextOptionsBuilder UseHepBotProvider(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) => (provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        }).UseHepBotIdentitySchema();

    /// <summary>Creates the provider-specific context: each owns its own migration set.</summary>
    public static HepBotDbContext CreateContext(DatabaseProvider provider, DbContextOptions options) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteHepBotDbContext(options),
        DatabaseProvider.SqlServer => new SqlServerHepBotDbContext(options),
        DatabaseProvider.Postgres => new PostgresHepBotDbContext(options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    public static Type ContextType(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => typeof(SqliteHepBotDbContext),
        DatabaseProvider.SqlServer => typeof(SqlServerHepBotDbContext),
        DatabaseProvider.Postgres => typeof(PostgresHepBotDbContext),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
