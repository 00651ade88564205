using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Data.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HepBot.Scheduling.Outbound;

/// <summary>
/// Runs on every host: for each channel with queued messages it tries to hold the channel's lease and,
/// while it does, sends round after round; the other hosts only look every
/// <see cref="OutboundOptions.PollInterval"/>, and take over when the holder's lease expires.
/// The sender is built when the loop starts, not with the service: the host builds its hosted services before it
/// validates the settings, and building the channels' senders from bad settings (a Teams app id without its tenant)
/// would throw past the message that names the setting.
/// Each look at the queue also updates the <c>hepbot.outbox.depth</c> gauge.
/// </summary>
public sealed class OutboundSenderService(
    Lazy<OutboundSender> senderWhenStarted,
    IDbContextFactory<HepBotDbContext> contexts,
    IOptions<OutboundOptions> options,
    TimeProvider clock,
    ILogger<OutboundSenderService> logger,
    HepBotMetrics? metrics = null) : BackgroundService
{
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                foreach (var channel in (await LookAtQueueAsync(stoppingToken)).Keys)
                {
                    var round = await senderWhenStarted.Value.RunRoundAsync(channel, stoppingToken);
                    if (round.Held)
                        _held.Add(channel);
                    else
                        _held.Remove(channel);
                    busy |= round.Taken > 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The outbound sender failed a round; it tries again shortly.");
            }
            if (!busy)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The rows waiting per channel. The depth gauge reads this count, which the loop needs anyway, so
    /// collecting metrics adds no query of its own.
    /// </summary>
    internal async Task<Dictionary<string, int>> LookAtQueueAsync(CancellationToken ct)
    {
        Dictionary<string, int> waiting;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            waiting = await OutboundQueue.WaitingByChannelAsync(db, ct);
        metrics?.OutboxDepthIs(waiting);
        return waiting;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var channel in _held)
        {
            try
            {
                await senderWhenStarted.Value.ReleaseAsync(channel, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not give up the sender lease on {Channel}; it expires on its own.", channel);
            }
        }
    }
}
