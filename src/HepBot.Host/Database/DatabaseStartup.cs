using System.Data.Common;
using HepBot.Data;
using HepBot.Data.Resilience;
using HepBot.Host.Demo;
using HepBot.Data.ExerciseLibrary;
using HepBot.Host.ExerciseLibrary;
using Microsoft.EntityFrameworkCore.Storage;

namespace HepBot.Host.Database;

/// <summary>
/// Start-up work on the database, in order: apply migrations (the one place the web host does), load the
/// exercise library, seed the demo.
/// When the database does not answer at start, the host still serves (/healthz says 503) and the
/// work is retried in the background with backoff (<see cref="StartupRetry"/>) until it does.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The stopping token lives as long as the host: the host disposes its services before its last StopAsync, so disposing it here threw there (seen in the demo tests).")]
internal sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    DemoBanner banner,
    TimeProvider clock,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PrepareAsync(cancellationToken);
        }
        catch (Exception exception) when (IsUnreachable(exception))
        {
            logger.LogError(exception, "The database does not answer at start-up; /healthz reports 503 and start-up work is retried in the background.");
            _retrying = RetryUntilReadyAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _retrying.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping while the database is still away is expected.
        }
    }

    private async Task RetryUntilReadyAsync(CancellationToken cancellationToken)
    {
        // The first try failed in StartAsync; the pipeline's tries come after the first delay.
        await Task.Delay(StartupRetry.FirstDelay, clock, cancellationToken);
        var untilReady = StartupRetry.Create(clock, MaxRetryDelay, IsUnreachable,
            (exception, delay) => logger.LogError(exception, "The database still does not answer; retrying in {RetryDelay}.", delay));
        await untilReady.ExecuteAsync(async ct => await PrepareAsync(ct), cancellationToken);
        logger.LogInformation("The database answers again; start-up work is done.");
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var demo = await PrepareDatabaseAsync(scope.ServiceProvider, ensureDemoKey: true, cancellationToken);
        if (demo is not null)
            banner.Show(demo);
    }

    /// <summary>
    /// Brings a database to where HepBot can run on it: migrations, the exercise library, the demo
    /// (when enabled). The web host does this at start; the chat verb does the same before it talks.
    /// </summary>
    public static async Task<DemoAccess?> PrepareDatabaseAsync(IServiceProvider services, bool ensureDemoKey, CancellationToken cancellationToken)
    {
        // One host at a time: hosts of a cluster that start together would otherwise migrate and seed the library at once.
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        return await migrator.ExclusiveAsync(async () =>
        {
            await migrator.MigrateHoldingLockAsync(cancellationToken);

            var db = services.GetRequiredService<HepBotDbContext>();
            var exercises = await services.GetRequiredService<IExerciseLibrarySource>().LoadAsync(cancellationToken);
            var seeded = await ExerciseLibrarySeeder.SeedAsync(db, exercises, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
            services.GetRequiredService<ILogger<DatabaseStartup>>().LogInformation(
                "Exercise library: {Added} added, {Updated} updated, {Unchanged} unchanged.", seeded.Added, seeded.Updated, seeded.Unchanged);

            return await services.GetRequiredService<DemoSeeder>().SeedAsync(ensureDemoKey, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// The database (or, for SQLite, its folder) cannot be reached; anything else is a bug and should surface. EF Core's
    /// execution strategy wraps a transient failure (a refused connection among them) in an InvalidOperationException
    /// or, after its retries, a RetryLimitExceededException: only those wrappers are looked through, so a failed save
    /// (a DbUpdateException around a constraint violation) still surfaces.
    /// </summary>
    private static bool IsUnreachable(Exception exception) => exception switch
    {
        DbException or IOException or UnauthorizedAccessException => true,
        RetryLimitExceededException { InnerException: { } cause } => IsUnreachable(cause),
        InvalidOperationException { InnerException: DbException cause } => IsUnreachable(cause),
        _ => false,
    };
}
