namespace HepBot.Data.Deliveries;

/// <summary>
/// One delivery (a Telegram update, a Bot Framework activity) that a host took on. The key is unique,
/// so of several hosts or several concurrent redeliveries exactly one can insert it and process it.
/// </summary>
public sealed class SeenDelivery
{
    /// <summary>"telegram", "msteams", "emulator"...</summary>
    public required string Channel { get; set; }

    /// <summary>The Telegram update_id, or a digest of the activity's conversation and id.</summary>
    public required string DeliveryId { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}
