using System.CommandLine;
using HepBot.Conversations.Content;
using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Data.ExerciseLibrary;
using HepBot.Host.Chat;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Commands;

/// <summary>
/// One binary, two uses: with no verb it runs the web host (any other arguments, such as --urls, go to
/// ASP.NET Core); with a verb it does one admin task against the configured database and exits.
/// </summary>
internal static class HepBotCommandLine
{
    /// <param name="settings">Configuration laid over the usual sources; tests use it to point at their database.</param>
    /// <param name="input">What the `chat` verb reads the patient's answers from; the console when null.</param>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? settings = null, TextReader? input = null,
        CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("HepBot: home exercise programs over chat. Without a verb, runs the web host.")
        {
            // Arguments the verbs do not know (--urls, --environment...) are the web host's.
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, ct) => RunWebHostAsync([.. parse.UnmatchedTokens], error, settings, ct));
        root.Add(MigrateCommand(output, error, settings));
        root.Add(TherapistCommands.Create(output, error, settings));
        root.Add(ApiKeyCommands.Create(output, error, settings));
        root.Add(TherapistChatCommands.Create(output, error, settings));
        root.Add(ChatCommand.Create(input ?? Console.In, output, error, settings));
        root.Add(TeamsPackageCommand.Create(output, error, settings));
        root.Add(LibraryCommands.Create(output, error, settings));
        return root.Parse(args).InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // The web host handles Ctrl+C itself, and a real failure should surface as itself.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        }, cancellationToken);
    }

    private static async Task<int> RunWebHostAsync(string[] args, TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? settings, CancellationToken cancellationToken)
    {
        await using var app = HepBotApplication.Build(HepBotApplication.CreateBuilder(args, settings));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (SettingErrors.Of(exception) is { } errors)
        {
            await SettingErrors.ReportAsync(error, errors);
            return AdminDatabase.BadInput;
        }
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static Command MigrateCommand(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var migrate = new Command("migrate", "Apply database migrations and exit.");
        migrate.SetAction((_, ct) => AdminDatabase.RunAsync(settings, error, async (_, services) =>
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            await output.WriteLineAsync(applied.Count == 0
                ? "The database is up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            return 0;
        }, ct, migrateFirst: false));
        return migrate;
    }
}

/// <summary>Opens the configured database for a verb: same settings and validation as the web host, migrations applied.</summary>
internal static class AdminDatabase
{
    public const int BadInput = 1;

    public static async Task<int> RunAsync(IEnumerable<KeyValuePair<string, string?>>? settings, TextWriter error,
        Func<HepBotDbContext, IServiceProvider, Task<int>> work, CancellationToken cancellationToken, bool migrateFirst = true)
    {
        var builder = HepBotApplication.CreateBuilder([], settings);
        // Logs go to stderr and only when they matter, so stdout stays what the verb says it prints.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        // A verb never starts the scheduler (which creates its tables when it starts), and a terminal is sent no reminder:
        // what a verb changes about a patient is brought in step by the host's start-up synchronisation of every patient
        // (a host already running on the same database, at its next start). Updating triggers here failed on a database
        // the host never ran on, and ran on after the verb had disposed of its services.
        builder.Services.Replace(ServiceDescriptor.Singleton<IReminderSchedule, RemindersOff>());
        await using var app = builder.Build();
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (SettingErrors.Of(exception) is { } errors)
        {
            await SettingErrors.ReportAsync(error, errors);
            return BadInput;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HepBotDbContext>();
        if (migrateFirst)
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        return await work(db, scope.ServiceProvider);
    }
}

/// <summary>Start-up validation failures, reported as the settings they name rather than as a stack trace.</summary>
internal static class SettingErrors
{
    /// <summary>The messages when the exception is (only) failed option validation; otherwise null.</summary>
    public static IReadOnlyList<string>? Of(Exception exception) => exception switch
    {
        DialogContentException content => [.. content.Problems.Select(p => $"dialogs: {p}")],
        ExerciseLibraryException library => [.. library.Errors],
        OptionsValidationException options => [.. options.Failures],
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct().ToList(),
        _ => null,
    };

    public static async Task ReportAsync(TextWriter error, IReadOnlyList<string> errors)
    {
        await error.WriteLineAsync("HepBot cannot start; fix these settings:");
        foreach (var message in errors)
            await error.WriteLineAsync($"  {message}");
    }
}
