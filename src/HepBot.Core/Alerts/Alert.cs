using HepBot.Core.Safety;

namespace HepBot.Core.Alerts;

public enum AlertKind
{
    RedFlag = 0,
    HighPain = 1,
    LowAdherence = 2,
    MissedDays = 3,
    PainTrendingUp = 4,
    NoContact = 5,
    ReadyToProgress = 6,
    PatientMessage = 7,

    /// <summary>The patient was unsure how to do an exercise and agreed that the therapist be told.</summary>
    AskedForHelp = 8,
}

public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Urgent = 2,
}

/// <summary>Where in the patient's conversation an alert was raised, so it can be worded in any language.</summary>
public enum AlertMoment
{
    BeforeSession = 1,
    AtExercise = 2,
    AfterSession = 3,
    SkippingTheDay = 4,
    MessageToTherapist = 5,
    WeeklyCheckIn = 6,
}

/// <summary>Something a therapist should know about a patient. One open alert per patient and kind.</summary>
public sealed class Alert
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }
    public Guid TherapistId { get; set; }
    public AlertKind Kind { get; set; }
    public AlertSeverity Severity { get; set; }

    /// <summary>Clinical facts behind the alert ("pain 8/10 during Squat"); shown to the therapist, never logged.</summary>
    public string? Detail { get; set; }

    /// <summary>For warning signs and pain: how urgent it is.</summary>
    public UrgencyTier? Tier { get; set; }

    /// <summary>The warning signs behind it, as <see cref="SymptomFinding"/> names separated by commas, most urgent first.</summary>
    public string? Findings { get; set; }

    /// <summary>The 0–10 pain score behind it, if any.</summary>
    public int? PainScore { get; set; }

    /// <summary>Where in the conversation it was raised (null on alerts stored before this was kept, and on nightly ones).</summary>
    public AlertMoment? Moment { get; set; }

    /// <summary>The library exercise it was raised at, if any; its name is shown in the reader's language.</summary>
    public Guid? ExerciseId { get; set; }

    /// <summary>What the patient typed, word for word, when a typed message raised it. Shown to the therapist, never logged.</summary>
    public string? PatientWords { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedById { get; set; }

    /// <summary>Set when the condition went away before anyone acknowledged it.</summary>
    public DateTimeOffset? ClearedAt { get; set; }

    public bool IsOpen => AcknowledgedAt is null && ClearedAt is null;

    public const int MaxPatientWords = 2000;

    /// <summary>The findings as a list (empty when there are none).</summary>
    public IReadOnlyList<SymptomFinding> FindingList => ParseFindings(Findings);

    /// <summary>A stored <see cref="Findings"/> text as a list; names this version does not know are left out.</summary>
    public static IReadOnlyList<SymptomFinding> ParseFindings(string? findings) =>
        (findings ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Enum.TryParse<SymptomFinding>(f, out var finding) ? finding : (SymptomFinding?)null)
            .OfType<SymptomFinding>().ToList();
}

/// <summary>Why a safety alert was raised: the tier, the warning signs, the pain score and the patient's own words.</summary>
public sealed record AlertReason(UrgencyTier Tier, IReadOnlyList<SymptomFinding> Findings, int? PainScore = null, string? PatientWords = null)
{
    /// <summary>Where in the conversation it was found.</summary>
    public AlertMoment? Moment { get; init; }

    /// <summary>The library exercise it was found at.</summary>
    public Guid? ExerciseId { get; init; }

    /// <summary>The alert severity a tier gets: an emergency or a same-day review is urgent, a therapist review a warning.</summary>
    public AlertSeverity Severity => Tier >= UrgencyTier.SameDay ? AlertSeverity.Urgent : AlertSeverity.Warning;

    public string FindingNames => string.Join(",", Findings.OrderByDescending(UrgencyRule.TierOf).Distinct());
}
