using System.Text.Json;
using System.Text.RegularExpressions;
using HepBot.Core.Exercises;
using HepBot.Data;
using HepBot.Host.Authentication;
using HepBot.Host.Configuration;
using HepBot.Pictures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Api.Exercises;

internal static partial class ExercisesApi
{
    public const int MaxNameLength = 200;
    public const int MaxLineLength = 500;
    public const int MaxLines = 20;

    public static IEndpointRouteBuilder MapExercisesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/exercises").RequireAuthorization().WithTags("Exercises");
        api.MapGet("/", ListExercises)
            .WithSummary("List exercises")
            .WithDescription("The library and the caller's clinic's own exercises, with their texts in every language. region narrows to a body region; q matches a name in any language or the slug.");
        api.MapPost("/", CreateExercise)
            .WithSummary("Create a clinic exercise")
            .WithDescription("A clinic's own exercise under a new slug, checked by the library's rules: a body region, a default dose, a text in \"en\" (and any other supported language) with at least one step, optional media by http(s) URL, and optional pose data (poseData: the library's pose vocabulary, checked as library/poses.yaml is; each mistake is a message under \"poseData\" naming the field, joint or pose). An exercise with pose data gets a drawn still and animation wherever library exercises do: in sessions on Telegram and Teams, in the web app and on the printed program. To start from a library exercise's poses, copy its poseData from GET /api/v1/exercises.");
        return app;
    }

    /// <summary>The library and the caller's clinic's own exercises, by region and by a name (any language) or slug match.</summary>
    public static async Task<Results<Ok<List<ExerciseDto>>, ValidationProblem>> ListExercises(
        [System.ComponentModel.Description("A body region: only its exercises")] string? region, [System.ComponentModel.Description("Text matched against a name in any language or the slug")] string? q, ApiCaller caller, HepBotDbContext db, HepBot.Pictures.ExercisePictures pictures, CancellationToken cancellationToken)
    {
        BodyRegion? wanted = null;
        if (!string.IsNullOrEmpty(region))
        {
            if (!Enum.TryParse<BodyRegion>(region, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(region, out _))
            {
                var errors = new FieldErrors();
                errors.Add("region", $"Regions: {string.Join(", ", Enum.GetNames<BodyRegion>().Select(FieldErrors.JsonName))}.");
                return errors.ToProblem();
            }
            wanted = parsed;
        }

        var query = db.Exercises.AsNoTracking().VisibleTo(caller);
        if (wanted is { } r)
            query = query.Where(e => e.Region == r);
        var exercises = await query.OrderBy(e => e.Slug).ToListAsync(cancellationToken);

        // Names live in a JSON column per language; matching them here keeps the query the same on all
        // three providers, and a library plus a clinic's own exercises is a few hundred rows at most.
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            exercises = exercises.Where(e =>
                e.Slug.Contains(term, StringComparison.OrdinalIgnoreCase) ||
                e.Texts.Any(t => t.Name.Contains(term, StringComparison.OrdinalIgnoreCase))).ToList();
        }
        return TypedResults.Ok(exercises.Select(e => ExerciseDto.From(e, pictures)).ToList());
    }

    public static async Task<Results<Created<ExerciseDto>, ValidationProblem>> CreateExercise(
        CreateExerciseRequest request, ApiCaller caller, HepBotDbContext db, TimeProvider clock,
        IOptions<LocalizationOptions> localization, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Slug) || !SlugPattern().IsMatch(request.Slug) || request.Slug.Length > 80)
            errors.Add("slug", "Use 1-80 lower-case letters, digits and single dashes, e.g. \"wall-squat\".");
        else if (await db.Exercises.VisibleTo(caller).AnyAsync(e => e.Slug == request.Slug, cancellationToken))
            errors.Add("slug", $"'{request.Slug}' is already used by the library or your clinic.");
        if (request.Region is null)
            errors.Add("region", "The body region is required.");
        if (request.DefaultDose is null)
            errors.Add("defaultDose", "The default dose is required.");
        else
            errors.AddRange("defaultDose", request.DefaultDose.Validate());
        CheckTexts(errors, request.Texts, localization.Value);
        CheckMedia(errors, request.Media);
        var poses = CheckPoses(errors, request.PoseData);
        if (errors.Any)
            return errors.ToProblem();

        var now = clock.GetUtcNow();
        var exercise = new Exercise
        {
            Slug = request.Slug!,
            ClinicId = caller.ClinicId,
            Region = request.Region!.Value,
            DefaultDose = request.DefaultDose!,
            Media = request.Media is { } m ? new ExerciseMedia(m.Kind, null, m.Url, m.Caption) : null,
            Poses = poses,
            Texts = request.Texts!.Select(t => new ExerciseText
            {
                Locale = t.Locale!.ToLowerInvariant(),
                Name = t.Name!.Trim(),
                Steps = [.. t.Steps ?? []],
                Cues = [.. t.Cues ?? []],
                Cautions = [.. t.Cautions ?? []],
            }).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Exercises.Add(exercise);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/exercises?q={exercise.Slug}", ExerciseDto.From(exercise));
    }

    /// <summary>The library and the caller's clinic's own exercises.</summary>
    public static IQueryable<Exercise> VisibleTo(this IQueryable<Exercise> exercises, ApiCaller caller) =>
        exercises.Where(e => e.ClinicId == null || e.ClinicId == caller.ClinicId);

    private static void CheckTexts(FieldErrors errors, IReadOnlyList<ExerciseTextDto>? texts, LocalizationOptions localization)
    {
        if (texts?.Select((t, i) => (t, i)).Where(x => x.t is null).ToList() is { Count: > 0 } missing)
        {
            foreach (var (_, i) in missing)
                errors.Add($"texts[{i}]", "Give the text of one language here.");
            return;
        }
        if (texts is null || !texts.Any(t => string.Equals(t.Locale, Exercise.DefaultLocale, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("texts", $"Text in \"{Exercise.DefaultLocale}\" is required.");
            return;
        }
        if (texts.Select(t => t.Locale?.ToLowerInvariant()).Distinct().Count() != texts.Count)
            errors.Add("texts", "Give each language once.");
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            var at = $"texts[{i}]";
            if (text.Locale is null || !localization.Supports(text.Locale))
                errors.Add($"{at}.locale", $"Supported languages: {string.Join(", ", localization.SupportedLocales)}.");
            errors.CheckText($"{at}.name", text.Name, MaxNameLength, required: true);
            if (text.Steps is null || text.Steps.Count == 0)
                errors.Add($"{at}.steps", "Describe the exercise in at least one step.");
            CheckLines(errors, $"{at}.steps", text.Steps);
            CheckLines(errors, $"{at}.cues", text.Cues);
            CheckLines(errors, $"{at}.cautions", text.Cautions);
        }
    }

    private static void CheckLines(FieldErrors errors, string field, IReadOnlyList<string>? lines)
    {
        if (lines is null)
            return;
        if (lines.Count > MaxLines)
            errors.Add(field, $"At most {MaxLines} lines.");
        for (var i = 0; i < lines.Count; i++)
            errors.CheckText($"{field}[{i}]", lines[i], MaxLineLength, required: true);
    }

    private static void CheckMedia(FieldErrors errors, ExerciseMediaDto? media)
    {
        if (media is null)
            return;
        if (!Uri.TryCreate(media.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || media.Url!.Length > 2000)
            errors.Add("media.url", "Give an http(s) address of at most 2000 characters.");
        if (media.FilePath is not null)
            errors.Add("media.filePath", "Custom exercises link media by URL; files belong to the library.");
        errors.CheckText("media.caption", media.Caption, 400, required: false);
        if (!Enum.IsDefined(media.Kind))
            errors.Add("media.kind", "Kinds: image, animation, video.");
    }

    /// <summary>The pose data as the compact JSON kept with the exercise, or null (none given, or mistakes added to <paramref name="errors"/>).</summary>
    private static string? CheckPoses(FieldErrors errors, JsonElement? poseData)
    {
        if (poseData is not { } json)
            return null;
        var text = JsonSerializer.Serialize(json);
        if (text.Length > Exercise.PosesMaxLength)
        {
            errors.Add("poseData", $"At most {Exercise.PosesMaxLength} characters of JSON.");
            return null;
        }
        if (PoseFile.ParseJson("new-exercise", json, "poseData", out var problems) is null)
        {
            foreach (var problem in problems)
                errors.Add("poseData", problem);
            return null;
        }
        return text;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
