namespace HepBot.Core.Safety;

/// <summary>A question HepBot must get an answer to before anything else, because the answer decides whether it is safe to go on.</summary>
public enum SafetyQuestion
{
    /// <summary>The red-flag check: which warning signs, if any.</summary>
    RedFlagCheck = 0,

    /// <summary>A 0–10 pain score.</summary>
    PainScore = 1,
}
