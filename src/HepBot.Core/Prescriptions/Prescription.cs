using HepBot.Core.Exercises;

namespace HepBot.Core.Prescriptions;

/// <summary>
/// One version of a patient's home program. A new version supersedes the previous one; old versions
/// are kept as history and never edited, so logs always point at what was actually prescribed.
/// </summary>
public sealed class Prescription
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }

    /// <summary>1 for the first program, then 2, 3... per patient.</summary>
    public int Version { get; set; }

    public Guid PrescribedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when a newer version replaced this one.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    public required PrescriptionSchedule Schedule { get; set; }
    public string? Notes { get; set; }
    public List<PrescriptionItem> Items { get; set; } = [];

    public bool IsCurrent => SupersededAt is null;
}

public sealed class PrescriptionItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PrescriptionId { get; set; }

    /// <summary>Position in the session, from 1.</summary>
    public int Order { get; set; }

    public Guid ExerciseId { get; set; }
    public Exercise? Exercise { get; set; }
    public required ExerciseDose Dose { get; set; }
    public string? Notes { get; set; }

    /// <summary>Upper limits a progression suggestion may reach without the therapist changing them.</summary>
    public int? MaxSets { get; set; }
    public int? MaxReps { get; set; }
}
