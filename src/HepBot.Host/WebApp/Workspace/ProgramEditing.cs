using System.Globalization;
using HepBot.Core.Alerts;
using HepBot.Core.Exercises;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Progression;
using HepBot.Core.Reminders;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Alerts;
using HepBot.Host.Api;
using HepBot.Host.Api.Exercises;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Api.Templates;
using HepBot.Host.Authentication;
using HepBot.Host.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.WebApp.Workspace;

/// <summary>A failed rule, by the API's field path ("items[1].sets"), or a value the form could not read ("notANumber").</summary>
public sealed record EditorProblem(string Field, string Kind = "rule");

/// <summary>The outcome of pressing save: the new version, or what stopped it.</summary>
public sealed record SaveOutcome(int? Version, IReadOnlyList<EditorProblem> Problems, bool Stale = false);

/// <summary>
/// The program editor's work: drafts from the current version, a suggestion or a template; and saving a draft, a
/// template or a custom exercise through the API's own handlers and rules (PUT prescription, POST exercises,
/// <see cref="ProgramTemplates"/>), so the editor has no second copy of any rule and writes the same audit trail.
/// </summary>
internal sealed class ProgramEditing(
    HepBotDbContext db, TimeProvider clock, IReminderSchedule reminders, ILogger<PrescribeRequest> logger,
    IOptions<LocalizationOptions> localization, IHttpContextAccessor http, HepBot.Pictures.ExercisePictures pictures)
{
    public Task<Patient?> PatientAsync(ApiCaller caller, Guid id, CancellationToken ct) =>
        db.Patients.AsNoTracking().VisibleTo(caller).SingleOrDefaultAsync(p => p.Id == id, ct);

    public Task<Prescription?> CurrentAsync(Guid patientId, CancellationToken ct) =>
        db.Prescriptions.AsNoTracking().AsSplitQuery().Include(p => p.Items).ThenInclude(i => i.Exercise)
            .SingleOrDefaultAsync(p => p.PatientId == patientId && p.SupersededAt == null, ct);

    public DateOnly TodayOf(Patient patient) => PatientClock.LocalDate(clock.GetUtcNow(), patient.TimeZoneId);

    /// <summary>The current program as a draft, or an empty one (every day, once, from today) for a patient without one.</summary>
    public ProgramDraft DraftFrom(Prescription? current, Patient patient)
    {
        var draft = new ProgramDraft
        {
            BasedOnVersion = current?.Version.ToString(CultureInfo.InvariantCulture) ?? "0",
            SessionsPerDay = (current?.Schedule.SessionsPerDay ?? 1).ToString(CultureInfo.InvariantCulture),
            StartDate = ProgramDraft.Date(current?.Schedule.StartDate ?? TodayOf(patient)),
            EndDate = ProgramDraft.Date(current?.Schedule.EndDate),
            Notes = current?.Notes,
        };
        draft.SetDays(current?.Schedule.Days ?? TrainingDays.Every);
        if (current is not null)
            draft.Items = current.Items.OrderBy(i => i.Order)
                .Select(i => DraftItem.From(i.Exercise!.Slug, i.Dose, i.Notes, i.MaxSets, i.MaxReps)).ToList();
        return draft;
    }

    /// <summary>
    /// A "ready to progress" suggestion as a draft: the current program from the patient's today with the suggested
    /// doses filled in (as the API's one-tap approval would make it); null when the suggestion is not this patient's
    /// open one for the current program.
    /// </summary>
    public async Task<ProgramDraft?> DraftFromSuggestionAsync(ApiCaller caller, Patient patient, Prescription? current, Guid alertId, CancellationToken ct)
    {
        var alert = await OpenSuggestionAsync(caller, patient.Id, alertId, ct);
        if (alert is null || current is null || current.CreatedAt > alert.CreatedAt)
            return null;
        var steps = ProgressionRule.Suggest(current.Items).ToDictionary(s => s.Order);
        var draft = DraftFrom(current, patient);
        draft.StartDate = ProgramDraft.Date(TodayOf(patient));
        draft.SuggestionId = alert.Id.ToString();
        draft.Items = current.Items.OrderBy(i => i.Order).Select(i =>
        {
            if (!steps.TryGetValue(i.Order, out var step))
                return DraftItem.From(i.Exercise!.Slug, i.Dose, i.Notes, i.MaxSets, i.MaxReps);
            var item = DraftItem.From(i.Exercise!.Slug, step.To, i.Notes, i.MaxSets, i.MaxReps);
            item.SuggestedFrom = ProgressionRule.Describe(step.From) + " → " + ProgressionRule.Describe(step.To);
            return item;
        }).ToList();
        return draft;
    }

    public Task<List<ProgramTemplate>> TemplatesAsync(ApiCaller caller, CancellationToken ct) => ProgramTemplates.ListAsync(db, caller, ct);

    /// <summary>Replaces the draft's exercises, schedule days and note with the template's (the dates stay); the template's name, or null when it is not the clinic's.</summary>
    public async Task<string?> ApplyTemplateAsync(ApiCaller caller, ProgramDraft draft, CancellationToken ct)
    {
        if (!Guid.TryParse(draft.TemplateId, out var id) || await ProgramTemplates.FindAsync(db, caller, id, ct) is not { } template)
            return null;
        draft.Items = template.Items.OrderBy(i => i.Order)
            .Select(i => DraftItem.From(i.Exercise!.Slug, i.Dose, i.Notes, i.MaxSets, i.MaxReps)).ToList();
        draft.SessionsPerDay = template.SessionsPerDay.ToString(CultureInfo.InvariantCulture);
        draft.SetDays(template.Days);
        draft.Notes = template.Notes;
        return template.Name;
    }

    /// <summary>The library and the clinic's own exercises, by the API's own filter.</summary>
    public async Task<(List<ExerciseDto> Exercises, bool RegionInvalid)> LibraryAsync(ApiCaller caller, string? region, string? search, CancellationToken ct)
    {
        var result = await ExercisesApi.ListExercises(region, search, caller, db, pictures, ct);
        return result.Result is Ok<List<ExerciseDto>> ok ? (ok.Value!, false) : ([], true);
    }

    /// <summary>The exercises a draft names, by slug (a clinic's own exercise wins over a library one, as in the API).</summary>
    public async Task<Dictionary<string, Exercise>> ExercisesAsync(ApiCaller caller, IEnumerable<string?> slugs, CancellationToken ct)
    {
        var wanted = slugs.OfType<string>().Distinct().ToList();
        return (await db.Exercises.AsNoTracking().VisibleTo(caller).Where(e => wanted.Contains(e.Slug)).ToListAsync(ct))
            .GroupBy(e => e.Slug).ToDictionary(g => g.Key, g => g.OrderBy(e => e.ClinicId is null).First());
    }

    /// <summary>The draft as the API's prescribe request; unreadable values are problems, never guessed.</summary>
    public static (PrescribeRequest Request, List<EditorProblem> Problems) ToRequest(ProgramDraft draft)
    {
        var problems = new List<EditorProblem>();
        int? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
                return null;
            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                return n;
            problems.Add(new EditorProblem(field, "notANumber"));
            return null;
        }
        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
                return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return d;
            problems.Add(new EditorProblem(field, "notADate"));
            return null;
        }

        var items = draft.Items.Select((item, i) =>
        {
            var at = $"items[{i}]";
            Side? side = null;
            if (!string.IsNullOrWhiteSpace(item.Side))
            {
                if (Enum.TryParse<Side>(item.Side, ignoreCase: false, out var s) && Enum.IsDefined(s) && !int.TryParse(item.Side, out _))
                    side = s;
                else
                    problems.Add(new EditorProblem($"{at}.side"));
            }
            return (PrescriptionItemRequest?)new PrescriptionItemRequest(
                item.Slug?.Trim(), Number(item.Sets, $"{at}.sets"), Number(item.Reps, $"{at}.reps"),
                Number(item.HoldSeconds, $"{at}.holdSeconds"), Number(item.RestSeconds, $"{at}.restSeconds"), side, item.Notes,
                Number(item.MaxSets, $"{at}.maxSets"), Number(item.MaxReps, $"{at}.maxReps"));
        }).ToList();
        var days = ProgramDraft.Week.Where(draft.IsOn).ToList();
        var schedule = new ScheduleRequest(Number(draft.SessionsPerDay, "schedule.sessionsPerDay") ?? 1, days,
            Date(draft.StartDate, "schedule.startDate"), Date(draft.EndDate, "schedule.endDate"));
        return (new PrescribeRequest(schedule, draft.Notes, items), problems);
    }

    /// <summary>
    /// Saves the draft as the next version through PUT prescription's handler. A draft started from a version that
    /// is no longer current is refused (another save came first). A draft from a suggestion acknowledges it.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(ApiCaller caller, Guid patientId, ProgramDraft draft, CancellationToken ct)
    {
        var (request, problems) = ToRequest(draft);
        if (problems.Count > 0)
            return new SaveOutcome(null, problems);
        var currentVersion = await db.Prescriptions.Where(p => p.PatientId == patientId && p.SupersededAt == null)
            .Select(p => (int?)p.Version).MaxAsync(ct) ?? 0;
        if (draft.BasedOnVersion != currentVersion.ToString(CultureInfo.InvariantCulture))
            return new SaveOutcome(null, [], Stale: true);

        var result = await PrescriptionsApi.Prescribe(patientId, request, caller, db, clock, reminders, logger, Context, ct);
        switch (result.Result)
        {
            case Ok<PrescriptionDto> ok:
                if (Guid.TryParse(draft.SuggestionId, out var alertId) && await OpenSuggestionAsync(caller, patientId, alertId, ct, tracked: true) is { } alert)
                {
                    AlertAcknowledgement.Acknowledge(db, alert, caller.TherapistId, clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                }
                return new SaveOutcome(ok.Value!.Version, []);
            case ValidationProblem problem:
                return new SaveOutcome(null, Problems(problem));
            case NotFound:
                return new SaveOutcome(null, [new EditorProblem("patient")]);
            default:
                return new SaveOutcome(null, [], Stale: true);
        }
    }

    /// <summary>Saves the draft's exercises and schedule days as a clinic template, by the same item rules as a version.</summary>
    public async Task<IReadOnlyList<EditorProblem>> SaveTemplateAsync(ApiCaller caller, ProgramDraft draft, CancellationToken ct)
    {
        var (request, problems) = ToRequest(draft);
        if (problems.Count > 0)
            return problems;
        var errors = new FieldErrors();
        var template = await ProgramTemplates.AddAsync(db, caller,
            new CreateTemplateRequest(draft.TemplateName, request.Schedule?.SessionsPerDay, request.Schedule?.Days, request.Notes, request.Items),
            clock.GetUtcNow(), errors, ct);
        if (template is null)
            return Problems(errors.ToProblem()).Select(p => p.Field == "name" ? p with { Field = "templateName" } : p).ToList();
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The library exercises a new exercise may be drawn like (those with pose data), by name in the language.</summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> PictureChoicesAsync(string language, CancellationToken ct)
    {
        var library = await db.Exercises.AsNoTracking().Where(e => e.ClinicId == null).ToListAsync(ct);
        return library.Where(e => pictures.Poses.For(e.Slug) is not null)
            .Select(e => (e.Slug, e.TextFor(language).Name))
            .OrderBy(e => e.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Creates the clinic's own exercise through POST exercises' handler; its slug, or the fields that failed.</summary>
    public async Task<(string? Slug, IReadOnlyList<EditorProblem> Problems)> CreateExerciseAsync(ApiCaller caller, NewExerciseDraft form, CancellationToken ct)
    {
        var problems = new List<EditorProblem>();
        int? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
                return null;
            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                return n;
            problems.Add(new EditorProblem(field, "notANumber"));
            return null;
        }
        BodyRegion? region = Enum.TryParse<BodyRegion>(form.Region, out var r) && Enum.IsDefined(r) && !int.TryParse(form.Region, out _) ? r : null;
        var side = Enum.TryParse<Side>(form.Side, out var s) && Enum.IsDefined(s) && !int.TryParse(form.Side, out _) ? s : Side.Both;
        var sets = Number(form.Sets, "defaultDose.sets");
        var reps = Number(form.Reps, "defaultDose.reps");
        var hold = Number(form.HoldSeconds, "defaultDose.holdSeconds");
        var rest = Number(form.RestSeconds, "defaultDose.restSeconds");
        if (problems.Count > 0)
            return (null, problems);
        var texts = new List<ExerciseTextDto> { new(Exercise.DefaultLocale, form.Name, Lines(form.Steps), [], Lines(form.Cautions)) };
        if (!string.IsNullOrWhiteSpace(form.NameEs) || !string.IsNullOrWhiteSpace(form.StepsEs))
            texts.Add(new ExerciseTextDto("es", form.NameEs, Lines(form.StepsEs), [], Lines(form.CautionsEs)));
        System.Text.Json.JsonElement? poseData = null;
        if (!string.IsNullOrWhiteSpace(form.PictureLike))
        {
            var like = form.PictureLike.Trim();
            if (pictures.Poses.For(like) is not { } libraryPoses || !await db.Exercises.AnyAsync(e => e.ClinicId == null && e.Slug == like, ct))
                return (null, [new EditorProblem("poseData")]);
            poseData = System.Text.Json.JsonSerializer.SerializeToElement(HepBot.Pictures.PoseFile.ToJson(libraryPoses));
        }
        var request = new CreateExerciseRequest(form.Slug?.Trim(), region,
            new ExerciseDose(sets ?? 0, reps, hold, rest ?? 0, side), texts, null, poseData);
        var result = await ExercisesApi.CreateExercise(request, caller, db, clock, localization, ct);
        return result.Result switch
        {
            Created<ExerciseDto> created => (created.Value!.Slug, []),
            ValidationProblem problem => (null, Problems(problem)),
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private Task<Alert?> OpenSuggestionAsync(ApiCaller caller, Guid patientId, Guid alertId, CancellationToken ct, bool tracked = false)
    {
        var alerts = tracked ? db.Alerts : db.Alerts.AsNoTracking();
        return (from a in alerts
                join p in db.Patients.VisibleTo(caller) on a.PatientId equals p.Id
                where a.Id == alertId && a.PatientId == patientId && a.Kind == AlertKind.ReadyToProgress
                      && a.AcknowledgedAt == null && a.ClearedAt == null
                select a).SingleOrDefaultAsync(ct);
    }

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("The program editor runs inside a request.");

    private static List<EditorProblem> Problems(ValidationProblem problem) =>
        problem.ProblemDetails.Errors.Keys.Distinct().Order(StringComparer.Ordinal).Select(k => new EditorProblem(k)).ToList();
}
