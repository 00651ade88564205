using System.CommandLine;
using HepBot.Data;
using HepBot.Host.Database;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Commands;

/// <summary>
/// One binary, two uses: with no verb it runs the web host (any other arguments, such as --urls, go to
/// ASP.NET Core); with a verb it does one admin task against the configured database and exits.
/// </summary>
internal static class HepBotCommandLine
{
    /// <param name="settings">Configuration laid over the usual sources; tests use it to point at their database.</param>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? settings = null, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("HepBot: home exercise programs over chat. Without a verb, runs the web host.")
        {
            // Arguments the verbs do not know (--urls, --environment...) are the web host's.
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, ct) => RunWebHostAsync([.. parse.UnmatchedTokens], error, settings));
        root.Add(MigrateCommand(output, settings));
        root.Add(TherapistCommands.Create(output, error, settings));
        root.Add(ApiKeyCommands.Create(output, error, settings));
        return root.Parse(args).InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // The web host handles Ctrl+C itself, and a real failure should surface as itself.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        }, cancellationToken);
    }

    private static async Task<int> RunWebHostAsync(string[] args, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        try
        {
            await using var app = HepBotApplication.Build(HepBotApplication.CreateBuilder(args, settings));
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            await error.WriteLineAsync($"HepBot cannot start: {exception.Message}");
            return 1;
        }
    }

    private static Command MigrateCommand(TextWriter output, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var migrate = new Command("migrate", "Apply database migrations and exit.");
        migrate.SetAction((_, ct) => AdminDatabase.RunAsync(settings, output, async (db, _) =>
        {
            var applied = await DatabaseStartup.MigrateAsync(db, ct);
            await output.WriteLineAsync(applied.Count == 0
                ? "The database is up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            return 0;
        }, ct));
        return migrate;
    }
}

/// <summary>Opens the configured database for a verb: same settings and validation as the web host, migrations applied.</summary>
internal static class AdminDatabase
{
    public const int BadInput = 1;

    public static async Task<int> RunAsync(IEnumerable<KeyValuePair<string, string?>>? settings, TextWriter error,
        Func<HepBotDbContext, IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        var builder = HepBotApplication.CreateBuilder([], settings);
        // Logs go to stderr and only when they matter, so stdout stays what the verb says it prints.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        await using var app = builder.Build();
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException exception)
        {
            await error.WriteLineAsync($"HepBot cannot start: {exception.Message}");
            return BadInput;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HepBotDbContext>();
        await DatabaseStartup.MigrateAsync(db, cancellationToken);
        return await work(db, scope.ServiceProvider);
    }
}
