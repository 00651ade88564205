namespace HepBot.Core.Exercises;

public enum Side
{
    /// <summary>Both sides together (e.g. a bridge).</summary>
    Both = 0,
    Left = 1,
    Right = 2,

    /// <summary>The full dose on one side, then on the other.</summary>
    Each = 3,

    /// <summary>The patient's sore (injured or operated) side only: the library default for single-limb rehab exercises.</summary>
    Affected = 4,
}

/// <summary>
/// How much of an exercise: sets of repetitions, or sets of timed holds, with rest between sets.
/// An exercise has reps, a hold, or both (e.g. 10 reps holding 5 s each).
/// </summary>
public sealed record ExerciseDose(int Sets, int? Reps, int? HoldSeconds, int RestSeconds, Side Side)
{
    public const int MaxSets = 10;
    public const int MaxReps = 100;
    public const int MaxHoldSeconds = 600;
    public const int MaxRestSeconds = 600;

    /// <summary>Rule violations as (field, message) pairs; empty when the dose is valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (Sets is < 1 or > MaxSets)
            errors.Add((nameof(Sets), $"Sets must be between 1 and {MaxSets}."));
        if (Reps is null && HoldSeconds is null)
            errors.Add((nameof(Reps), "A dose needs repetitions, a hold time, or both."));
        if (Reps is < 1 or > MaxReps)
            errors.Add((nameof(Reps), $"Repetitions must be between 1 and {MaxReps}."));
        if (HoldSeconds is < 1 or > MaxHoldSeconds)
            errors.Add((nameof(HoldSeconds), $"Hold time must be between 1 and {MaxHoldSeconds} seconds."));
        if (RestSeconds is < 0 or > MaxRestSeconds)
            errors.Add((nameof(RestSeconds), $"Rest must be between 0 and {MaxRestSeconds} seconds."));
        if (!Enum.IsDefined(Side))
            errors.Add((nameof(Side), "Side must be both, left, right, each or affected."));
        return errors;
    }

    /// <summary>
    /// A rough duration for planning messages ("about 12 minutes"): each rep about 4 s, plus holds
    /// and rests, doubled when the dose is done on each side.
    /// </summary>
    public TimeSpan EstimatedDuration()
    {
        const int secondsPerRep = 4;
        var perSet = (Reps ?? 1) * (secondsPerRep + (HoldSeconds ?? 0));
        var total = Sets * perSet + Math.Max(0, Sets - 1) * RestSeconds;
        if (Side == Side.Each)
            total *= 2;
        return TimeSpan.FromSeconds(total);
    }
}
