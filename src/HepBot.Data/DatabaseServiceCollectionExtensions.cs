using HepBot.Data.Accounts;
using HepBot.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HepBotDbContext"/> (scoped) and <see cref="IDbContextFactory{HepBotDbContext}"/>
    /// (for singletons such as bot state storage and scheduled jobs) on the chosen provider, and the
    /// <see cref="DatabaseMigrator"/> that brings its schema up to date, and the <see cref="Deliveries.DeliveryLog"/>.
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
        services.AddDbContextFactory<TContext>(o => o.UseHepBotProvider(provider, connectionString));
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
