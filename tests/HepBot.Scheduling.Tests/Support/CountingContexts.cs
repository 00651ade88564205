using System.Data.Common;
using HepBot.Data;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HepBot.Scheduling.Tests.Support;

/// <summary>Contexts on the test database that count the queries (SELECTs) they send.</summary>
public sealed class CountingContexts(TestDatabase database) : IDbContextFactory<HepBotDbContext>
{
    private readonly QueryCounter _counter = new();

    public int Queries => _counter.Queries;

    public void Reset() => _counter.Queries = 0;

    public HepBotDbContext CreateDbContext() =>
        DatabaseProviders.CreateContext(database.Provider, new DbContextOptionsBuilder()
            .UseHepBotProvider(database.Provider, database.ConnectionString)
            .AddInterceptors(_counter)
            .Options);

    private sealed class QueryCounter : DbCommandInterceptor
    {
        public int Queries;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                Interlocked.Increment(ref Queries);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
