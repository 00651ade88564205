using System.ComponentModel.DataAnnotations;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;

namespace HepBot.Host.Api.Prescriptions;

public sealed record ScheduleDto(int SessionsPerDay, IReadOnlyList<DayOfWeek> Days, DateOnly StartDate, DateOnly? EndDate)
{
    public static ScheduleDto From(PrescriptionSchedule s) => new(
        s.SessionsPerDay,
        Enum.GetValues<DayOfWeek>().Where(d => s.Days.HasFlag(PrescriptionSchedule.ToFlag(d))).ToList(),
        s.StartDate,
        s.EndDate);
}

public sealed record PrescriptionItemDto(Guid Id, int Order, string ExerciseSlug, string ExerciseName, ExerciseDose Dose, string? Notes,
    int? MaxSets = null, int? MaxReps = null);

public sealed record PrescriptionDto(
    Guid Id,
    int Version,
    Guid PrescribedById,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SupersededAt,
    ScheduleDto Schedule,
    string? Notes,
    IReadOnlyList<PrescriptionItemDto> Items)
{
    public static PrescriptionDto From(Prescription p) => new(
        p.Id, p.Version, p.PrescribedById, p.CreatedAt, p.SupersededAt, ScheduleDto.From(p.Schedule), p.Notes,
        p.Items.OrderBy(i => i.Order)
            .Select(i => new PrescriptionItemDto(i.Id, i.Order, i.Exercise!.Slug, i.Exercise.TextFor(Exercise.DefaultLocale).Name, i.Dose, i.Notes,
                i.MaxSets, i.MaxReps))
            .ToList());
}

/// <summary>When the program is done. Omitted: once a day, every day, from the patient's today, no end.</summary>
public sealed record ScheduleRequest(int? SessionsPerDay, IReadOnlyList<DayOfWeek>? Days, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>A dose in the shape GET returns; each omitted field takes the exercise's default.</summary>
public sealed record DoseRequest(int? Sets, int? Reps, int? HoldSeconds, int? RestSeconds, Side? Side);

/// <summary>
/// One exercise of the program by slug. The dose is given either as <c>dose</c> (the shape GET returns) or as
/// the flat <c>sets</c>, <c>reps</c>... fields, not both; each omitted dose field takes the exercise's default.
/// <c>maxSets</c>/<c>maxReps</c> are how far a "ready to progress" suggestion may go (none when omitted).
/// <c>id</c>, <c>order</c> and <c>exerciseName</c> are what GET returns: accepted and not used (the order is the
/// position in the list), so a program read with GET can be sent back as it is.
/// </summary>
public sealed record PrescriptionItemRequest(
    [property: Required] string? ExerciseSlug, int? Sets, int? Reps, int? HoldSeconds, int? RestSeconds, Side? Side, string? Notes,
    int? MaxSets = null, int? MaxReps = null, DoseRequest? Dose = null,
    Guid? Id = null, int? Order = null, string? ExerciseName = null);

/// <summary>
/// The whole new program; it becomes the next version and the current one is kept as history. The fields only
/// GET sets (<c>id</c>, <c>version</c>, <c>prescribedById</c>, <c>createdAt</c>, <c>supersededAt</c>) are accepted
/// and not used; send If-Match with the current prescription's ETag to refuse a change made meanwhile.
/// </summary>
public sealed record PrescribeRequest(
    ScheduleRequest? Schedule, string? Notes, [property: Required] IReadOnlyList<PrescriptionItemRequest?>? Items,
    Guid? Id = null, int? Version = null, Guid? PrescribedById = null, DateTimeOffset? CreatedAt = null, DateTimeOffset? SupersededAt = null);
