using HepBot.Core.Exercises;

namespace HepBot.Core.Sessions;

/// <summary>How HepBot paces a guided set (<c>GuidedSet:*</c>): the seconds the patient gets for each part.</summary>
public sealed class GuidedSetOptions
{
    public const string SectionName = "GuidedSet";

    /// <summary>Before the first hold or repetition.</summary>
    public int GetReadySeconds { get; set; } = 5;

    /// <summary>Between one hold and the next within a round.</summary>
    public int RelaxSeconds { get; set; } = 3;

    /// <summary>What one repetition without a hold is given (a round of 10 is 40 seconds at 4).</summary>
    public int SecondsPerRepetition { get; set; } = 4;

    /// <summary>Between the first side and the second when the dose is on each side.</summary>
    public int ChangeSidesSeconds { get; set; } = 10;

    /// <summary>A longer part shows the seconds left this often; shorter parts show only their start.</summary>
    public int CountdownEverySeconds { get; set; } = 5;

    public IEnumerable<string> Validate()
    {
        if (GetReadySeconds is < 1 or > 60) yield return $"{nameof(GetReadySeconds)} must be 1–60.";
        if (RelaxSeconds is < 1 or > 60) yield return $"{nameof(RelaxSeconds)} must be 1–60.";
        if (SecondsPerRepetition is < 1 or > 30) yield return $"{nameof(SecondsPerRepetition)} must be 1–30.";
        if (ChangeSidesSeconds is < 1 or > 120) yield return $"{nameof(ChangeSidesSeconds)} must be 1–120.";
        // Below 2 s a long set would edit its message faster than a chat allows (Telegram: about one a second).
        if (CountdownEverySeconds is < 2 or > 60) yield return $"{nameof(CountdownEverySeconds)} must be 2–60.";
    }
}

public enum GuidedStepKind
{
    GetReady,
    Hold,
    Relax,

    /// <summary>A round of repetitions without a hold, at the patient's pace within the time given.</summary>
    Repetitions,
    Rest,
    ChangeSides,
}

/// <param name="Round">1-based round on this side.</param>
/// <param name="Repetition">1-based hold within the round (holds and the relax after them); 0 otherwise.</param>
/// <param name="SecondSide">On the second side of an each-side dose.</param>
/// <param name="Start">Counted from the moment the set starts.</param>
public sealed record GuidedStep(GuidedStepKind Kind, int Round, int Rounds, int Repetition, int Repetitions, bool SecondSide,
    TimeSpan Start, TimeSpan Duration)
{
    public TimeSpan End => Start + Duration;
}

/// <summary>One view of the set message: what it says from <see cref="At"/> on, with <see cref="SecondsLeft"/> of its step.</summary>
public sealed record GuidedSetFrame(TimeSpan At, GuidedStep Step, int SecondsLeft);

/// <summary>
/// A whole set, guided: get ready, every hold and relax (or each round of repetitions), the rests between rounds and
/// the change of sides, in order with their durations. Pure: the channels pace it, this only says what comes when.
/// </summary>
public sealed class GuidedSetPlan
{
    private GuidedSetPlan(IReadOnlyList<GuidedStep> steps, int totalRounds)
    {
        Steps = steps;
        TotalRounds = totalRounds;
    }

    public IReadOnlyList<GuidedStep> Steps { get; }

    /// <summary>Rounds in the whole set, both sides counted for an each-side dose.</summary>
    public int TotalRounds { get; }

    public TimeSpan Length => Steps[^1].End;

    public static GuidedSetPlan For(ExerciseDose dose, GuidedSetOptions options)
    {
        var steps = new List<GuidedStep>();
        var at = TimeSpan.Zero;
        void Add(GuidedStepKind kind, int round, int rep, int reps, bool second, int seconds)
        {
            var duration = TimeSpan.FromSeconds(seconds);
            steps.Add(new GuidedStep(kind, round, dose.Sets, rep, reps, second, at, duration));
            at += duration;
        }

        Add(GuidedStepKind.GetReady, 1, 0, 0, false, options.GetReadySeconds);
        var sides = dose.Side == Side.Each ? 2 : 1;
        for (var side = 0; side < sides; side++)
        {
            var second = side == 1;
            if (second)
                Add(GuidedStepKind.ChangeSides, 1, 0, 0, true, options.ChangeSidesSeconds);
            for (var round = 1; round <= dose.Sets; round++)
            {
                if (dose.HoldSeconds is { } hold)
                {
                    var holds = dose.Reps ?? 1;
                    for (var rep = 1; rep <= holds; rep++)
                    {
                        Add(GuidedStepKind.Hold, round, rep, holds, second, hold);
                        if (rep < holds)
                            Add(GuidedStepKind.Relax, round, rep, holds, second, options.RelaxSeconds);
                    }
                }
                else
                {
                    var reps = dose.Reps ?? 1;
                    Add(GuidedStepKind.Repetitions, round, 0, reps, second, reps * options.SecondsPerRepetition);
                }
                if (round < dose.Sets && dose.RestSeconds > 0)
                    Add(GuidedStepKind.Rest, round, 0, 0, second, dose.RestSeconds);
            }
        }
        return new GuidedSetPlan(steps, dose.Sets * sides);
    }

    /// <summary>
    /// When the set message changes: at the start of every step, and every <see cref="GuidedSetOptions.CountdownEverySeconds"/>
    /// within a longer one. So the number of edits is bounded by the steps plus the set's length over that interval.
    /// </summary>
    public IReadOnlyList<GuidedSetFrame> Frames(GuidedSetOptions options)
    {
        var every = TimeSpan.FromSeconds(options.CountdownEverySeconds);
        var frames = new List<GuidedSetFrame>();
        foreach (var step in Steps)
        {
            for (var offset = TimeSpan.Zero; offset < step.Duration; offset += every)
            {
                // A countdown frame within two seconds of the end would be replaced before anyone reads it.
                if (offset > TimeSpan.Zero && step.Duration - offset < TimeSpan.FromSeconds(2))
                    break;
                frames.Add(new GuidedSetFrame(step.Start + offset, step, (int)Math.Ceiling((step.Duration - offset).TotalSeconds)));
            }
        }
        return frames;
    }

    /// <summary>Whole rounds finished <paramref name="elapsed"/> after the start (a round ends with its last hold or repetitions).</summary>
    public int RoundsDoneBy(TimeSpan elapsed)
    {
        var done = 0;
        foreach (var step in Steps)
        {
            var lastOfRound = step.Kind == GuidedStepKind.Repetitions || (step.Kind == GuidedStepKind.Hold && step.Repetition == step.Repetitions);
            if (lastOfRound && step.End <= elapsed)
                done++;
        }
        return done;
    }
}
