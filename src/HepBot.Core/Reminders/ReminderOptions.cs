namespace HepBot.Core.Reminders;

/// <summary>How reminders behave, clinic-wide (section <c>Reminders</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>The second nudge goes out this long after a reminder when nothing was logged that day.</summary>
    public TimeSpan NudgeAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>No nudge and no late reminder is sent from this local time...</summary>
    public TimeOnly QuietFrom { get; set; } = new(21, 30);

    /// <summary>...until this local time.</summary>
    public TimeOnly QuietUntil { get; set; } = new(8, 0);

    /// <summary>"In 1 hour" on a reminder snoozes it this long.</summary>
    public TimeSpan Snooze { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<string> Validate()
    {
        if (NudgeAfter <= TimeSpan.Zero || NudgeAfter > TimeSpan.FromHours(12))
            yield return "Reminders:NudgeAfter must be more than zero and at most 12 hours.";
        if (Snooze <= TimeSpan.Zero || Snooze > TimeSpan.FromHours(6))
            yield return "Reminders:Snooze must be more than zero and at most 6 hours.";
    }

    /// <summary>True when <paramref name="localTime"/> falls in the quiet hours (which may run past midnight).</summary>
    public bool IsQuiet(TimeOnly localTime) =>
        QuietFrom <= QuietUntil
            ? localTime >= QuietFrom && localTime < QuietUntil
            : localTime >= QuietFrom || localTime < QuietUntil;
}
