namespace HepBot.Conversations.Linking;

/// <summary>Recent wrong codes from one chat, kept in conversation state so a restart does not reset them.</summary>
public sealed class CodeAttempts
{
    public List<DateTimeOffset> Failures { get; set; } = [];

    /// <summary>How long this chat must still wait, or null when it may try a code now.</summary>
    public TimeSpan? WaitBeforeNextTry(DateTimeOffset now, LinkingOptions options)
    {
        var window = TimeSpan.FromMinutes(options.FailureWindowMinutes);
        Failures.RemoveAll(f => now - f >= window);
        return Failures.Count < options.MaxFailedCodes ? null : Failures.Min() + window - now;
    }

    public void RecordFailure(DateTimeOffset now) => Failures.Add(now);
}
