using System.ComponentModel.DataAnnotations;
using HepBot.Core.Audit;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Templates;

/// <summary>A program to save as a template: the exercises as PUT prescription takes them, and a schedule without dates.</summary>
public sealed record CreateTemplateRequest(
    [property: Required] string? Name, int? SessionsPerDay, IReadOnlyList<DayOfWeek>? Days, string? Notes,
    [property: Required] IReadOnlyList<PrescriptionItemRequest?>? Items);

/// <summary>Makes the patient's next version from a template, from <c>startDate</c> (the patient's today when omitted).</summary>
public sealed record ApplyTemplateRequest([property: Required] Guid? TemplateId, DateOnly? StartDate, DateOnly? EndDate);

public sealed record TemplateItemDto(int Order, string ExerciseSlug, string ExerciseName, ExerciseDose Dose, string? Notes, int? MaxSets, int? MaxReps);

public sealed record TemplateDto(
    Guid Id, string Name, Guid CreatedById, DateTimeOffset CreatedAt, int SessionsPerDay, IReadOnlyList<DayOfWeek> Days, string? Notes,
    IReadOnlyList<TemplateItemDto> Items)
{
    public static TemplateDto From(ProgramTemplate t) => new(
        t.Id, t.Name, t.CreatedById, t.CreatedAt, t.SessionsPerDay,
        Enum.GetValues<DayOfWeek>().Where(d => t.Days.HasFlag(PrescriptionSchedule.ToFlag(d))).ToList(), t.Notes,
        t.Items.OrderBy(i => i.Order).Select(i => new TemplateItemDto(i.Order, i.Exercise!.Slug,
            i.Exercise.TextFor(Exercise.DefaultLocale).Name, i.Dose, i.Notes, i.MaxSets, i.MaxReps)).ToList());
}

/// <summary>
/// A clinic's program templates, shared by /api/v1 and the web app's program editor. A template is checked by the
/// same item rules as a prescription version (<see cref="PrescriptionVersions.CheckItemsAsync"/>), so applying a
/// saved template never fails on its exercises.
/// </summary>
internal static class ProgramTemplates
{
    public static IQueryable<ProgramTemplate> VisibleTo(this IQueryable<ProgramTemplate> templates, ApiCaller caller) =>
        templates.Where(t => t.ClinicId == caller.ClinicId);

    public static Task<List<ProgramTemplate>> ListAsync(HepBotDbContext db, ApiCaller caller, CancellationToken cancellationToken) =>
        WithItems(db).VisibleTo(caller).OrderBy(t => t.Name).ToListAsync(cancellationToken);

    public static Task<ProgramTemplate?> FindAsync(HepBotDbContext db, ApiCaller caller, Guid id, CancellationToken cancellationToken) =>
        WithItems(db).VisibleTo(caller).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Checks the request and adds the template (and its audit row) to the context; the caller saves.</summary>
    public static async Task<ProgramTemplate?> AddAsync(
        HepBotDbContext db, ApiCaller caller, CreateTemplateRequest request, DateTimeOffset now, FieldErrors errors,
        CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        errors.CheckText("name", name, ProgramTemplate.MaxNameLength, required: true);
        if (!string.IsNullOrEmpty(name) && await db.ProgramTemplates.VisibleTo(caller).AnyAsync(t => t.Name == name, cancellationToken))
            errors.Add("name", $"Your clinic already has a template named '{name}'.");
        errors.CheckText("notes", request.Notes, PrescriptionVersions.MaxNotesLength, required: false);
        var days = request.Days is { Count: > 0 } chosen
            ? chosen.Aggregate(TrainingDays.None, (all, day) => all | PrescriptionSchedule.ToFlag(day))
            : TrainingDays.Every;
        if (request.Days is { Count: 0 })
            errors.Add("days", "Choose at least one day of the week.");
        var sessions = request.SessionsPerDay ?? 1;
        if (sessions is < 1 or > PrescriptionSchedule.MaxSessionsPerDay)
            errors.Add("sessionsPerDay", $"Sessions per day must be between 1 and {PrescriptionSchedule.MaxSessionsPerDay}.");
        var items = await PrescriptionVersions.CheckItemsAsync(db, caller.ClinicId, request.Items, errors, cancellationToken);
        if (errors.Any)
            return null;

        var template = new ProgramTemplate
        {
            ClinicId = caller.ClinicId,
            Name = name!,
            CreatedById = caller.TherapistId,
            CreatedAt = now,
            SessionsPerDay = sessions,
            Days = days,
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            Items = items.Select(i => new ProgramTemplateItem
            {
                Order = i.Order, ExerciseId = i.ExerciseId, Exercise = i.Exercise, Dose = i.Dose, Notes = i.Notes,
                MaxSets = i.MaxSets, MaxReps = i.MaxReps,
            }).ToList(),
        };
        db.ProgramTemplates.Add(template);
        db.Audit(caller.Actor, AuditAction.Create, nameof(ProgramTemplate), template.Id, null, now);
        return template;
    }

    /// <summary>The template as a prescribe request: what PUT prescription and the editor start from.</summary>
    public static PrescribeRequest ToPrescribeRequest(ProgramTemplate template, DateOnly? startDate, DateOnly? endDate) => new(
        new ScheduleRequest(template.SessionsPerDay,
            Enum.GetValues<DayOfWeek>().Where(d => template.Days.HasFlag(PrescriptionSchedule.ToFlag(d))).ToList(), startDate, endDate),
        template.Notes,
        template.Items.OrderBy(i => i.Order).Select(i => (PrescriptionItemRequest?)new PrescriptionItemRequest(
            i.Exercise!.Slug, i.Dose.Sets, i.Dose.Reps, i.Dose.HoldSeconds, i.Dose.RestSeconds, i.Dose.Side, i.Notes, i.MaxSets, i.MaxReps)).ToList());

    private static IQueryable<ProgramTemplate> WithItems(HepBotDbContext db) =>
        db.ProgramTemplates.AsNoTracking().AsSplitQuery().Include(t => t.Items).ThenInclude(i => i.Exercise);
}
