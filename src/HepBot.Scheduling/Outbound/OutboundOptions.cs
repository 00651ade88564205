namespace HepBot.Scheduling.Outbound;

/// <summary>How the outbound queue is sent (section <c>Outbound</c>).</summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    /// <summary>How long a host holds a channel's sender lease without renewing it: how soon another host takes over after it dies.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle sender looks for due rows and for a lease that expired.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows (each a different chat) taken and sent together; the channel's limiter paces them.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Sends of a batch under way at once. Each reads its chat and records its answer on a database connection; the
    /// channel's limiter holds a send at most 30 a second anyway, so a few more than that keep it busy, and a whole batch
    /// at once only asks the connection pool for a hundred connections in the same instant (which, with two hosts on one
    /// PostgreSQL of 100 connections, ran the server out of them).
    /// </summary>
    public int SendsAtOnce { get; set; } = 40;

    /// <summary>Attempts before a row is given up as unreachable.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: doubling from <see cref="FirstRetryDelay"/> up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelayAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));

    public IEnumerable<string> Validate()
    {
        if (Lease < TimeSpan.FromSeconds(2) || Lease > TimeSpan.FromMinutes(5))
            yield return "Outbound:Lease must be between 2 seconds and 5 minutes.";
        if (PollInterval <= TimeSpan.Zero || PollInterval >= Lease)
            yield return "Outbound:PollInterval must be more than 0 and shorter than Outbound:Lease.";
        if (BatchSize is < 1 or > 1000)
            yield return "Outbound:BatchSize must be between 1 and 1000.";
        if (SendsAtOnce is < 1 or > 1000)
            yield return "Outbound:SendsAtOnce must be between 1 and 1000.";
        if (MaxAttempts is < 1 or > 50)
            yield return "Outbound:MaxAttempts must be between 1 and 50.";
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
            yield return "Outbound:FirstRetryDelay must be more than 0 and Outbound:MaxRetryDelay at least as long.";
    }
}
