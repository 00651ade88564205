using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HepBot.Data.Providers;

// One subclass per provider so each has its own migrations (Migrations/<Provider>/) and model snapshot.

public sealed class SqliteHepBotDbContext(DbContextOptions options) : HepBotDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no offset-aware type and cannot compare or order DateTimeOffset text in SQL;
        // a sortable 64-bit number keeps range queries and ORDER BY in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerHepBotDbContext(DbContextOptions options) : HepBotDbContext(options);

public sealed class PostgresHepBotDbContext(DbContextOptions options) : HepBotDbContext(options);
