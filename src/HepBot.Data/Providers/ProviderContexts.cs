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
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class SqlServerHepBotDbContext(DbContextOptions options) : HepBotDbContext(options);

public sealed class PostgresHepBotDbContext(DbContextOptions options) : HepBotDbContext(options);

/// <summary>
/// The instant as UTC ticks. EF's DateTimeOffsetToBinaryConverter encodes the local clock reading, so
/// 09:00+01:00 would sort after 08:30+00:00; UTC ticks sort as the instants do, at full precision.
/// Values read back in UTC, as they do from PostgreSQL.
/// </summary>
internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
