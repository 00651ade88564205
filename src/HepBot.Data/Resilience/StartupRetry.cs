using Polly;
using Polly.Retry;

namespace HepBot.Data.Resilience;

/// <summary>
/// Start-up work that waits for something outside the host (the database, the Telegram Bot API): tried
/// until it works or the host stops, waiting 1 s, 2 s, 4 s... up to a ceiling between tries, each failure logged.
/// </summary>
public static class StartupRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    /// <param name="isTransient">Failures worth waiting out; anything else ends the work at once and surfaces.</param>
    /// <param name="logFailure">Logs one failure with the wait before the next try.</param>
    public static ResiliencePipeline Create(TimeProvider clock, TimeSpan ceiling, Func<Exception, bool> isTransient,
        Action<Exception, TimeSpan> logFailure) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = FirstDelay,
                MaxDelay = ceiling,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e and not OperationCanceledException && isTransient(e)),
                OnRetry = args =>
                {
                    logFailure(args.Outcome.Exception!, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
