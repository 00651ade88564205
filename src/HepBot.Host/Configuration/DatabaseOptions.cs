using HepBot.Data;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Configuration;

/// <summary>Database:* and ConnectionStrings:HepBot.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "HepBot";
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:HepBot";

    /// <summary>The embedded default: a SQLite file under the repository root, created on first run.</summary>
    public const string DefaultSqliteFile = "data/hepbot.db";

    /// <summary>Sqlite (default), SqlServer or Postgres. Kept as text so a wrong value is reported by name, not as a binder crash.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>From ConnectionStrings:HepBot; empty means the embedded SQLite default.</summary>
    public string? ConnectionString { get; set; }

    public bool TryGetProvider(out DatabaseProvider provider) =>
        Enum.TryParse(Provider, ignoreCase: true, out provider) && Enum.IsDefined(provider) && !int.TryParse(Provider, out _);

    /// <summary>True when no connection string is configured and SQLite is chosen: the zero-setup single machine.</summary>
    public bool UsesEmbeddedDefault =>
        TryGetProvider(out var provider) && provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString);

    public static DatabaseOptions Read(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        Bind(options, configuration);
        return options;
    }

    public static void Bind(DatabaseOptions options, IConfiguration configuration)
    {
        configuration.GetSection(SectionName).Bind(options);
        options.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
    }
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!options.TryGetProvider(out var provider))
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.ProviderKey} '{options.Provider}' is not supported; use Sqlite, SqlServer or Postgres.");
        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.ConnectionStringKey} is required when {DatabaseOptions.ProviderKey} is {provider}; " +
                "set it in an environment variable (ConnectionStrings__HepBot) or user-secrets, never in the repository.");
        return ValidateOptionsResult.Success;
    }
}
