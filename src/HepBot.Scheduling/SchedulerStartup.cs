using HepBot.Data.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace HepBot.Scheduling;

/// <summary>
/// Starts the scheduler — and then synchronises every patient's reminder triggers — without holding up
/// the host: when the database does not answer at start, the host still serves (/healthz says 503) and
/// starting is retried in the background with backoff (<see cref="StartupRetry"/>), as the database start-up work is.
/// On stop the scheduler does not wait for its idle loop or running jobs: a job cut short leaves its
/// trigger or outbox row in the database, so the next start picks the work up again.
/// </summary>
internal sealed class SchedulerStartup(
    ISchedulerFactory schedulers,
    Reminders.ReminderScheduler reminders,
    SchedulerStartupWork work,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    ILogger<SchedulerStartup> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    private IScheduler? _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartAndSyncAsync(stoppingToken);
        }
        finally
        {
            work.Finish();
        }
    }

    private async Task StartAndSyncAsync(CancellationToken stoppingToken)
    {
        var untilStarted = StartupRetry.Create(clock, MaxRetryDelay, _ => true,
            (e, delay) => logger.LogError(e, "The scheduler could not start; retrying in {Delay}.", delay));
        try
        {
            await untilStarted.ExecuteAsync(async ct =>
            {
                // Kept before it starts, so a host stopping while the start is still failing shuts it down.
                _scheduler = await schedulers.GetScheduler(ct);
                await _scheduler.Start(ct);
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await reminders.SyncAllAsync(options.Value.StartupSyncBatchSize, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Not fatal: each patient's next change synchronises them again, and so does the next start.
            logger.LogError(e, "Synchronising reminder triggers at start-up failed.");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is not null)
            await _scheduler.Shutdown(waitForJobsToComplete: false, cancellationToken);
    }
}
