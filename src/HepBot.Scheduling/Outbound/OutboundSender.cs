using HepBot.Conversations;
using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Data.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HepBot.Scheduling.Outbound;

/// <summary>What one round on a channel did.</summary>
/// <param name="Held">This host held the channel's lease; false: another host sends, nothing was done.</param>
/// <param name="Recovered">Rows a lost holder left in "sending", queued once more.</param>
/// <param name="Abandoned">Rows not sent because the lease was lost or the host is stopping; the next holder tries them.</param>
public sealed record OutboundRound(bool Held, int Sent = 0, int Retrying = 0, int Unreachable = 0, int Recovered = 0, int Abandoned = 0)
{
    public static readonly OutboundRound NotHeld = new(false);

    public int Taken => Sent + Retrying + Unreachable + Abandoned;
}

/// <summary>
/// The channel's one sender. A round holds (or renews) the channel's lease, queues again what a lost
/// holder left in "sending", takes the due rows (the first waiting one of each chat, in enqueue order),
/// marks them sending only while the lease holds, and sends them at once: the channel's limiter paces
/// them (Telegram: 30 a second in total, one a second per chat, a 429 pausing every send). Each row is
/// then marked sent, retrying with backoff, or unreachable, by this holder only.
/// <para>
/// Telegram has no duplicate window: a message sent twice shows twice. A host that dies between the
/// send and the mark leaves the row in "sending"; the next holder cannot know whether it arrived and
/// sends it once more (<see cref="OutboundMessage.OutcomeUnknown"/>), never a second time.
/// </para>
/// </summary>
public sealed class OutboundSender(
    IDbContextFactory<HepBotDbContext> contexts,
    IChatSender chats,
    OutboundContent content,
    IOptions<OutboundOptions> options,
    TimeProvider clock,
    ILogger<OutboundSender> logger,
    HepBotMetrics? metrics = null)
{
    /// <summary>This sender's name in leases and rows: the machine, the process and one id per instance.</summary>
    public string Holder { get; } = $"{Truncate(Environment.MachineName, 60)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task<OutboundRound> RunRoundAsync(string channel, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        List<OutboundMessage> due;
        List<long> claimed;
        int recovered;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await OutboundQueue.TryHoldLeaseAsync(db, channel, Holder, now, settings.Lease, ct))
                return OutboundRound.NotHeld;
            recovered = await OutboundQueue.RecoverUnknownAsync(db, channel, now, ct);
            if (recovered > 0)
                logger.LogWarning("Took over sending on {Channel}: {Count} messages of unknown outcome are sent once more.", channel, recovered);
            due = await OutboundQueue.NextDueAsync(db, channel, now, settings.BatchSize, ct);
            if (due.Count == 0)
                return new OutboundRound(true, Recovered: recovered);
            claimed = await OutboundQueue.ClaimAsync(db, channel, due.Select(m => m.Id).ToList(), Holder, now, ct);
        }

        using var lease = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var done = new CancellationTokenSource();
        var keeper = KeepLeaseAsync(channel, lease, done.Token);
        var taken = claimed.ToHashSet();
        using var gate = new SemaphoreSlim(settings.SendsAtOnce);
        var results = await Task.WhenAll(due.Where(m => taken.Contains(m.Id)).Select(m => SendGatedAsync(m, gate, lease.Token)));
        await done.CancelAsync();
        await keeper;

        return new OutboundRound(true,
            Sent: results.Count(r => r == OutboundStatus.Sent),
            Retrying: results.Count(r => r == OutboundStatus.Retrying),
            Unreachable: results.Count(r => r == OutboundStatus.Unreachable),
            Recovered: recovered,
            Abandoned: results.Count(r => r == OutboundStatus.Sending));
    }

    /// <summary>Gives up the lease at once when the host stops.</summary>
    public async Task ReleaseAsync(string channel, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await OutboundQueue.ReleaseLeaseAsync(db, channel, Holder, clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// Renews the lease while a batch is sent. When it is lost, or cannot be renewed before it runs out
    /// (the database out of reach), the sends not yet made are called off for the next holder.
    /// </summary>
    private async Task KeepLeaseAsync(string channel, CancellationTokenSource lease, CancellationToken done)
    {
        var settings = options.Value;
        var heldUntil = clock.GetUtcNow() + settings.Lease;
        try
        {
            while (true)
            {
                await Task.Delay(settings.Lease / 3, clock, done);
                var now = clock.GetUtcNow();
                try
                {
                    await using var db = await contexts.CreateDbContextAsync(done);
                    if (!await OutboundQueue.TryHoldLeaseAsync(db, channel, Holder, now, settings.Lease, done))
                    {
                        logger.LogWarning("Lost the sender lease on {Channel}; the sends not yet made are left to the new holder.", channel);
                        await lease.CancelAsync();
                        return;
                    }
                    heldUntil = now + settings.Lease;
                }
                catch (Exception e) when (e is not OperationCanceledException && clock.GetUtcNow() + settings.Lease / 3 < heldUntil)
                {
                    logger.LogWarning(e, "Could not renew the sender lease on {Channel}; trying again while it lasts.", channel);
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The batch is finished.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out before it could be renewed: stop before another host may take over.
            logger.LogError(e, "Could not renew the sender lease on {Channel} in time.", channel);
            await lease.CancelAsync();
        }
    }

    /// <summary>In enqueue order, at most <see cref="OutboundOptions.SendsAtOnce"/> at a time.</summary>
    private async Task<OutboundStatus> SendGatedAsync(OutboundMessage message, SemaphoreSlim gate, CancellationToken ct)
    {
        try
        {
            await gate.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return OutboundStatus.Sending; // called off before it started: the next round (or holder) sends it
        }
        try
        {
            return await SendAsync(message, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <returns>The row's new status; <see cref="OutboundStatus.Sending"/> when it was not sent (called off).</returns>
    private async Task<OutboundStatus> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var attempts = message.Attempts + 1;
        ChatSendOutcome outcome;
        string? error = null;
        using var span = HepBotMetrics.Traces.StartActivity("hepbot.outbound.send");
        span?.SetTag(HepBotMetrics.ChannelTag, HepBotMetrics.Channel(message.Channel));
        span?.SetTag(HepBotMetrics.KindTag, HepBotMetrics.KindName(message.Kind));
        try
        {
            ct.ThrowIfCancellationRequested();
            outcome = await chats.SendToChatAsync(message.ChannelAccountId, message.PatientId, content.Compose(message), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Left in "sending": whoever holds the lease next sends it once more.
            return OutboundStatus.Sending;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Outbound message {MessageId} ({Kind}) failed on {Channel}.", message.Id, message.Kind, message.Channel);
            outcome = ChatSendOutcome.Failed;
            error = e.GetType().Name;
        }

        var now = clock.GetUtcNow();
        var (status, next) = outcome switch
        {
            ChatSendOutcome.Sent => (OutboundStatus.Sent, (DateTimeOffset?)null),
            ChatSendOutcome.Unreachable => (OutboundStatus.Unreachable, null),
            _ when attempts >= settings.MaxAttempts => (OutboundStatus.Unreachable, null),
            _ => (OutboundStatus.Retrying, now + settings.RetryDelayAfter(attempts)),
        };
        error = outcome switch
        {
            ChatSendOutcome.Sent => null,
            ChatSendOutcome.Unreachable => "unreachable",
            _ when status == OutboundStatus.Unreachable => $"gave up after {attempts} attempts ({error ?? outcome.ToString()})",
            _ => error ?? outcome.ToString(),
        };
        span?.SetTag("hepbot.outbound.status", status.ToString());
        if (status == OutboundStatus.Sent)
            metrics?.ReminderSent(message.Kind, message.Channel);
        else
            logger.LogWarning("Outbound message {MessageId} ({Kind}) on {Channel}: {Status} after attempt {Attempt} ({Error}).",
                message.Id, message.Kind, message.Channel, status, attempts, error);

        // The answer is recorded even when the host is stopping: a message that went out must not go out again.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        if (!await OutboundQueue.MarkAsync(db, message.Id, Holder, status, now, next, error, CancellationToken.None))
            logger.LogWarning("Outbound message {MessageId} was taken over by another sender before its answer was recorded.", message.Id);
        return status;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
