using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HepBot.Data.Providers;

// Used only by `dotnet ef migrations add`, which needs a context per provider without running the host.
// The connection strings are placeholders: generating a migration never connects.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHepBotDbContext>
{
    public SqliteHepBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder().UseHepBotProvider(DatabaseProvider.Sqlite, "Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerHepBotDbContext>
{
    public SqlServerHepBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder().UseHepBotProvider(DatabaseProvider.SqlServer, "Server=design;Database=HepBot").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHepBotDbContext>
{
    public PostgresHepBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder().UseHepBotProvider(DatabaseProvider.Postgres, "Host=design;Database=hepbot").Options);
}
