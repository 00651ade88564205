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

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedById { get; set; }

    /// <summary>Set when the condition went away before anyone acknowledged it.</summary>
    public DateTimeOffset? ClearedAt { get; set; }

    public bool IsOpen => AcknowledgedAt is null && ClearedAt is null;
}
