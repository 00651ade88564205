using HepBot.Data.Accounts;
using HepBot.Data.Providers;
using HepBot.Data.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HepBot.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HepBotDbContext"/> (scoped) and a pooled <see cref="IDbContextFactory{HepBotDbContext}"/>
    /// (for singletons such as bot state storage and scheduled jobs) on the chosen provider, and the
    /// <see cref="DatabaseMigrator"/> that brings its schema up to date, and the <see cref="Deliveries.DeliveryLog"/>;
    /// saved alerts and queued reminders are counted on <see cref="Telemetry.HepBotMetrics"/>.
    /// </summary>
    public static IServiceCollection AddHepBotDatabase(
        this IServiceCollection services, DatabaseProvider provider, string connectionString) => provider switch
        {
            DatabaseProvider.Sqlite => services.AddHepBotDatabase<SqliteHepBotDbContext>(provider, connectionString),
            DatabaseProvider.SqlServer => services.AddHepBotDatabase<SqlServerHepBotDbContext>(provider, connectionString),
            DatabaseProvider.Postgres => services.AddHepBotDatabase<PostgresHepBotDbContext>(provider, connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };

    private static IServiceCollection AddHepBotDatabase<TContext>(
        this IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : HepBotDbContext
    {
        services.AddHepBotIdentitySchema();
        services.AddHepBotMetrics();
        services.TryAddSingleton<Telemetry.SavedDecisionsCounter>();
        // Pooled: a turn makes several short-lived contexts (state, the delivery record, the chat's account, today's
        // plan, the answer), and a new context builds its internal services and, on SQLite, a connection with EF's
        // functions each time: making, opening, closing and disposing one cost 204 µs of CPU, 59 µs from the pool
        // (README, Benchmarks, 7 December). The contexts hold no state of their own; EF resets tracking and options
        // when one goes back.
        services.AddPooledDbContextFactory<TContext>((sp, o) => o.UseHepBotProvider(provider, connectionString)
            .AddInterceptors(sp.GetRequiredService<Telemetry.SavedDecisionsCounter>()));
        services.AddSingleton<IDbContextFactory<HepBotDbContext>, FactoryOf<TContext>>();
        services.AddScoped<HepBotDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<Deliveries.DeliveryLog>();
        return services;
    }

    private sealed class FactoryOf<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<HepBotDbContext>
        where TContext : HepBotDbContext
    {
        public HepBotDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
