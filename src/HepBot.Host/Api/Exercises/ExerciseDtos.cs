using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HepBot.Core.Exercises;

namespace HepBot.Host.Api.Exercises;

public sealed record ExerciseTextDto(
    string? Locale, string? Name, IReadOnlyList<string>? Steps, IReadOnlyList<string>? Cues, IReadOnlyList<string>? Cautions);

/// <summary>A picture or clip; library media may be a file in the media folder, custom media is a URL.</summary>
public sealed record ExerciseMediaDto(MediaKind Kind, string? Url, string? FilePath, string? Caption);

public sealed record ExerciseDto(
    Guid Id,
    string Slug,
    bool IsCustom,
    BodyRegion Region,
    ExerciseDose DefaultDose,
    ExerciseMediaDto? Media,
    IReadOnlyList<ExerciseTextDto> Texts,
    JsonElement? PoseData)
{
    /// <summary>The exercise as the API shows it; <paramref name="libraryPoses"/> gives a library exercise's pose data (from the pose file).</summary>
    public static ExerciseDto From(Exercise e, HepBot.Pictures.ExercisePictures? libraryPoses = null) => new(
        e.Id, e.Slug, e.ClinicId is not null, e.Region, e.DefaultDose,
        e.Media is { } m ? new ExerciseMediaDto(m.Kind, m.Url, m.FilePath, m.Caption) : null,
        e.Texts.Select(t => new ExerciseTextDto(t.Locale, t.Name, t.Steps, t.Cues, t.Cautions)).ToList(),
        e.ClinicId is not null
            ? (e.Poses is { } poses ? JsonSerializer.Deserialize<JsonElement>(poses) : null)
            : libraryPoses?.Poses.For(e.Slug) is { } library ? JsonSerializer.SerializeToElement(HepBot.Pictures.PoseFile.ToJson(library)) : null);
}

/// <summary>A clinic's own exercise; the same rules as the library apply, and <see cref="PoseData"/> (optional) is checked as the pose file is.</summary>
public sealed record CreateExerciseRequest(
    [property: Required] string? Slug, [property: Required] BodyRegion? Region, [property: Required] ExerciseDose? DefaultDose,
    [property: Required] IReadOnlyList<ExerciseTextDto>? Texts, ExerciseMediaDto? Media, JsonElement? PoseData = null);
