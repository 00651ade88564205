namespace HepBot.Core.Alerts;

/// <summary>Whether an alert reached its therapist, read from its outbox rows.</summary>
public enum AlertReach
{
    /// <summary>At least one destination (chat or e-mail) received it.</summary>
    Delivered,

    /// <summary>Nothing received yet, and a destination is still being tried.</summary>
    Pending,

    /// <summary>No destination received it and none is tried any more: only the app shows it.</summary>
    NotDelivered,
}

public static class AlertReaches
{
    public static AlertReach Of(IEnumerable<AlertDeliveryState> deliveries)
    {
        var states = deliveries.ToList();
        if (states.Contains(AlertDeliveryState.Delivered))
            return AlertReach.Delivered;
        if (states.Contains(AlertDeliveryState.Pending))
            return AlertReach.Pending;
        return AlertReach.NotDelivered;
    }
}
