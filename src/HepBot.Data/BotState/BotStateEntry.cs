namespace HepBot.Data.BotState;

/// <summary>
/// One Bot Framework state document (a conversation's dialog stack, a user's state) stored as JSON.
/// The ETag changes on every write, which gives <see cref="DatabaseBotStorage"/> optimistic concurrency.
/// </summary>
public sealed class BotStateEntry
{
    public required string Key { get; set; }
    public required string Json { get; set; }
    public required string ETag { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
