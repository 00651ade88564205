namespace HepBot.Data.Outbound;

/// <summary>
/// One message HepBot decided to send to one linked chat, written in the same transaction as the
/// decision and sent later by the channel's one sender (<see cref="SenderLease"/>). The content is a
/// kind and its arguments, composed in the recipient's language when it is sent.
/// </summary>
public sealed class OutboundMessage
{
    /// <summary>Enqueue order: a chat's messages go out in this order.</summary>
    public long Id { get; set; }

    /// <summary>The chat's channel ("telegram", "msteams"...): whose sender takes the row.</summary>
    public required string Channel { get; set; }

    public Guid ChannelAccountId { get; set; }
    public Guid PatientId { get; set; }
    public OutboundKind Kind { get; set; }

    /// <summary>The kind's arguments as JSON (counts, a local date); never patient text.</summary>
    public string? Arguments { get; set; }

    /// <summary>
    /// What the decision was about, such as the patient, the kind and the local day: with the chat, unique,
    /// so a job that runs twice enqueues once.
    /// </summary>
    public required string IdempotencyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public OutboundStatus Status { get; set; } = OutboundStatus.Pending;

    /// <summary>Attempts started, the first one included.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The sender that marked it <see cref="OutboundStatus.Sending"/>.</summary>
    public string? LeaseHolder { get; set; }

    /// <summary>
    /// Found in <see cref="OutboundStatus.Sending"/> by a sender that took over: it may or may not have
    /// reached the chat. Such a row is tried once more, never twice.
    /// </summary>
    public bool OutcomeUnknown { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure, as the channel's status or an exception type; no message text.</summary>
    public string? LastError { get; set; }
}

public enum OutboundKind
{
    Reminder,
    Nudge,
    WeeklyCheckIn,
}

public enum OutboundStatus
{
    /// <summary>Waiting for its due time and its chat's earlier messages.</summary>
    Pending,

    /// <summary>Taken by the sender holding the channel's lease; the send is under way.</summary>
    Sending,

    Sent,

    /// <summary>An attempt failed; tried again at <see cref="OutboundMessage.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>Given up: the person blocked the bot or removed the app, or every attempt failed.</summary>
    Unreachable,
}

/// <summary>
/// Which host sends on a channel: the holder, until its lease expires. Taken and renewed with one
/// conditional UPDATE (<see cref="OutboundQueue.TryHoldLeaseAsync"/>), so it works alike on every provider.
/// </summary>
public sealed class SenderLease
{
    public required string Channel { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
