namespace HepBot.Core.Alerts;

/// <summary>Where an alert is delivered to the therapist.</summary>
public enum AlertDestination
{
    /// <summary>The therapist's linked Telegram or Teams chat.</summary>
    Chat = 0,
    Email = 1,
}

public enum AlertDeliveryState
{
    Pending = 0,
    Delivered = 1,

    /// <summary>Nothing to do: e-mail is not configured, or the alert was closed before it could be delivered.</summary>
    NotNeeded = 2,

    /// <summary>
    /// Given up: the therapist has no reachable chat, or every attempt up to the limit failed. Not retried;
    /// the app shows the alert as not delivered, and linking a chat puts an open alert's chat row back in the queue.
    /// </summary>
    Undeliverable = 3,
}

/// <summary>
/// The outbox row for one alert and one destination, written in the same transaction as the alert, so
/// an alert is never lost when a chat channel or the mail server is down: delivery is retried with backoff.
/// </summary>
public sealed class AlertDelivery
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid AlertId { get; set; }
    public AlertDestination Destination { get; set; }
    public AlertDeliveryState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>Not before this time: now for a new row, later after each failed attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Why the last attempt failed (exception type or "not reachable"); never message text or names.</summary>
    public string? LastError { get; set; }
}
