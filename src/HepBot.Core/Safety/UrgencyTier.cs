namespace HepBot.Core.Safety;

/// <summary>How soon a patient needs help; higher is more urgent, so tiers compare with &lt; and &gt;.</summary>
public enum UrgencyTier
{
    None = 0,

    /// <summary>Stop this exercise; the therapist looks at it (not urgent).</summary>
    TherapistReview = 1,

    /// <summary>Stop today's session; see the doctor or clinic today.</summary>
    SameDay = 2,

    /// <summary>Stop now and call the emergency number.</summary>
    Emergency = 3,
}

/// <summary>
/// The urgency of what a patient reported: the highest tier any finding, combination of findings or
/// pain score reaches. Combinations matter because two same-day signs together can mean an emergency
/// (a swollen calf with breathlessness may be a clot that has moved to the lungs).
/// </summary>
public static class UrgencyRule
{
    private static readonly SymptomFinding[] EmergencyAlone =
    [
        SymptomFinding.ChestPain, SymptomFinding.PainSpreadingToJawOrArm, SymptomFinding.SevereBreathlessness,
        SymptomFinding.Fainting, SymptomFinding.StrokeSigns,
    ];

    private static readonly (SymptomFinding Sign, SymptomFinding[] With)[] EmergencyTogether =
    [
        (SymptomFinding.CalfSwelling, [SymptomFinding.Breathlessness, SymptomFinding.SevereBreathlessness, SymptomFinding.ChestPain]),
        (SymptomFinding.Palpitations, [SymptomFinding.Dizziness, SymptomFinding.Fainting]),
        (SymptomFinding.ColdSweat, [SymptomFinding.ChestPain, SymptomFinding.Breathlessness, SymptomFinding.Dizziness, SymptomFinding.Nausea]),
    ];

    private static readonly SymptomFinding[] SameDayAlone =
    [
        SymptomFinding.CalfSwelling, SymptomFinding.WoundProblem, SymptomFinding.Fever, SymptomFinding.NewNumbness,
        SymptomFinding.Dizziness, SymptomFinding.Palpitations, SymptomFinding.ColdSweat, SymptomFinding.Breathlessness,
    ];

    private static readonly SymptomFinding[] TherapistReviewAlone =
    [
        SymptomFinding.Fall, SymptomFinding.JointGivingWay, SymptomFinding.Nausea,
    ];

    /// <param name="pain">A 0–10 score reported with the findings, if any.</param>
    public static UrgencyTier TierOf(IReadOnlyCollection<SymptomFinding> findings, int? pain, PainTriageOptions options)
    {
        if (findings.Any(EmergencyAlone.Contains)
            || EmergencyTogether.Any(rule => findings.Contains(rule.Sign) && rule.With.Any(findings.Contains)))
            return UrgencyTier.Emergency;
        if (findings.Any(SameDayAlone.Contains))
            return UrgencyTier.SameDay;
        if (findings.Any(TherapistReviewAlone.Contains) || pain >= options.StopFrom)
            return UrgencyTier.TherapistReview;
        return UrgencyTier.None;
    }

    /// <summary>The tier of one finding on its own, for ordering a list of findings by urgency.</summary>
    public static UrgencyTier TierOf(SymptomFinding finding) => TierOf([finding], null, new PainTriageOptions());
}
