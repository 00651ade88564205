namespace HepBot.Core.Safety;

/// <summary>What to do about a pain report on the 0–10 numeric rating scale.</summary>
public enum PainResponse
{
    /// <summary>0 up to the caution level: carry on.</summary>
    Continue,

    /// <summary>Acceptable if it settles within 24 hours; say so and carry on.</summary>
    Caution,

    /// <summary>At or above the stop threshold: stop this exercise and ask the red-flag questions.</summary>
    StopExercise,

    /// <summary>At or above the end threshold: end the session with advice and alert the therapist.</summary>
    EndSession,
}

public sealed class PainTriageOptions
{
    /// <summary>Pain from this score on is acceptable only if it settles (traffic-light amber).</summary>
    public int CautionFrom { get; set; } = 4;

    /// <summary>Pain from this score on stops the exercise and triggers the red-flag check (default 6).</summary>
    public int StopFrom { get; set; } = 6;

    /// <summary>Pain from this score on ends the session and alerts the therapist even without red flags.</summary>
    public int EndSessionFrom { get; set; } = 8;

    public IEnumerable<string> Validate()
    {
        if (CautionFrom is < 1 or > 10) yield return $"{nameof(CautionFrom)} must be 1–10.";
        if (StopFrom < CautionFrom || StopFrom > 10) yield return $"{nameof(StopFrom)} must be between {nameof(CautionFrom)} and 10.";
        if (EndSessionFrom < StopFrom || EndSessionFrom > 10) yield return $"{nameof(EndSessionFrom)} must be between {nameof(StopFrom)} and 10.";
    }
}

public static class PainTriage
{
    public const int Min = 0;
    public const int Max = 10;

    public static bool IsValidScore(int score) => score is >= Min and <= Max;

    public static PainResponse Assess(int score, PainTriageOptions options)
    {
        if (!IsValidScore(score))
            throw new ArgumentOutOfRangeException(nameof(score), score, "Pain is scored 0 to 10.");
        return score >= options.EndSessionFrom ? PainResponse.EndSession
            : score >= options.StopFrom ? PainResponse.StopExercise
            : score >= options.CautionFrom ? PainResponse.Caution
            : PainResponse.Continue;
    }
}
