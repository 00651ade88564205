using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Data.Accounts;

/// <summary>
/// The one place that says which ASP.NET Core Identity schema the HepBot model has: version 3, with the
/// passkeys table (AspNetUserPasskeys). Identity's context reads the version from
/// <see cref="IdentityOptions.Stores"/> in the application's services when it builds the model, so every
/// context — the host's, the design-time factories' (migrations) and the tests' — must see the same
/// options, or the model would differ from its migrations.
/// </summary>
public static class IdentitySchema
{
    public static Version Version => IdentitySchemaVersions.Version3;

    /// <summary>Sets the schema version on Identity's options (the host's Identity set-up calls it too).</summary>
    public static void Configure(IdentityOptions options) => options.Stores.SchemaVersion = Version;

    /// <summary>Adds the schema version to an application's services (every host that registers the database).</summary>
    public static IServiceCollection AddHepBotIdentitySchema(this IServiceCollection services)
    {
        services.AddOptions<IdentityOptions>().Configure(Configure);
        return services;
    }

    // Services for contexts made outside a host (design time, tests): nothing but the Identity options.
    private static readonly Lazy<IServiceProvider> Standalone = new(() =>
        new ServiceCollection().AddHepBotIdentitySchema().BuildServiceProvider());

    /// <summary>
    /// Gives a context that has no application services (one built by hand, not by the host's DI) the
    /// Identity options above. A context from the host already has them through <see cref="AddHepBotIdentitySchema"/>.
    /// </summary>
    public static DbContextOptionsBuilder UseHepBotIdentitySchema(this DbContextOptionsBuilder options)
    {
        var core = options.Options.FindExtension<CoreOptionsExtension>();
        return core?.ApplicationServiceProvider is null ? options.UseApplicationServiceProvider(Standalone.Value) : options;
    }
}
