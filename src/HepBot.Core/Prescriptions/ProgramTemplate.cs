using HepBot.Core.Exercises;

namespace HepBot.Core.Prescriptions;

/// <summary>
/// A clinic's named starting program ("TKR weeks 0–2"): exercises with their doses and a schedule without dates.
/// Applying it fills a patient's program editor (or makes their next version); the template itself never changes
/// a patient's program afterwards.
/// </summary>
public sealed class ProgramTemplate
{
    public const int MaxNameLength = 120;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ClinicId { get; set; }
    public required string Name { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int SessionsPerDay { get; set; } = 1;
    public TrainingDays Days { get; set; } = TrainingDays.Every;
    public string? Notes { get; set; }
    public List<ProgramTemplateItem> Items { get; set; } = [];
}

public sealed class ProgramTemplateItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TemplateId { get; set; }

    /// <summary>Position in the session, from 1.</summary>
    public int Order { get; set; }

    public Guid ExerciseId { get; set; }
    public Exercise? Exercise { get; set; }
    public required ExerciseDose Dose { get; set; }
    public string? Notes { get; set; }
    public int? MaxSets { get; set; }
    public int? MaxReps { get; set; }
}
