namespace HepBot.Core.Sessions;

public enum SessionStatus
{
    InProgress = 0,

    /// <summary>Every exercise answered (done, skipped or stopped) and the closing questions asked.</summary>
    Completed = 1,

    /// <summary>Left unfinished and the patient's local day has passed.</summary>
    Abandoned = 2,

    /// <summary>Ended early for safety: high pain or a red flag.</summary>
    StoppedForSafety = 3,

    /// <summary>The patient skipped the whole day, with a reason.</summary>
    SkippedDay = 4,
}

public enum Difficulty
{
    Easy = 0,
    JustRight = 1,
    Hard = 2,
}

/// <summary>Why a patient skipped: the barriers adherence research asks about.</summary>
public enum SkipReason
{
    NoTime = 0,
    Pain = 1,
    Forgot = 2,
    UnsureHow = 3,
    FeltUnwell = 4,
    Other = 5,
}

public enum ExerciseOutcome
{
    Done = 0,
    Skipped = 1,

    /// <summary>Stopped because of pain at or above the stop threshold.</summary>
    Stopped = 2,
}

/// <summary>
/// One planned session on one patient-local date. Answers are saved as they are given, so a session
/// in progress is always up to date.
/// </summary>
public sealed class SessionLog
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }
    public Guid PrescriptionId { get; set; }

    /// <summary>The patient's local date the session belongs to.</summary>
    public DateOnly LocalDate { get; set; }

    /// <summary>1-based number of the session within the day.</summary>
    public int SessionNumber { get; set; } = 1;

    public int ExercisesPlanned { get; set; }
    public SessionStatus Status { get; set; }
    public int? PainBefore { get; set; }
    public int? PainAfter { get; set; }
    public Difficulty? Difficulty { get; set; }
    public SkipReason? SkipBarrier { get; set; }
    public string? Note { get; set; }

    /// <summary>A safety question the patient left unanswered ("stop" at the red-flag check); asked again first on their next turn that day.</summary>
    public Safety.SafetyQuestion? UnansweredSafetyQuestion { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public List<ExerciseLog> Exercises { get; set; } = [];

    public int ExercisesDone => Exercises.Count(e => e.Outcome == ExerciseOutcome.Done);

    /// <summary>A copy of this log with other exercise answers; every other member is a value, so the copy shares nothing that changes.</summary>
    public SessionLog WithExercises(List<ExerciseLog> exercises)
    {
        var copy = (SessionLog)MemberwiseClone();
        copy.Exercises = exercises;
        return copy;
    }
}

public sealed class ExerciseLog
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SessionLogId { get; set; }
    public Guid PrescriptionItemId { get; set; }
    public Guid ExerciseId { get; set; }
    public int Order { get; set; }
    public ExerciseOutcome Outcome { get; set; }
    public SkipReason? Barrier { get; set; }
    public int SetsDone { get; set; }

    /// <summary>Pain reported during this exercise, 0–10, when asked.</summary>
    public int? Pain { get; set; }

    /// <summary>What the patient wrote about it in their own words (the "Something else" skip reason), up to <see cref="NoteMaxLength"/>.</summary>
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public const int NoteMaxLength = 2000;
}
