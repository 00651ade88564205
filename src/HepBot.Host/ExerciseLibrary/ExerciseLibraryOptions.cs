using System.ComponentModel.DataAnnotations;

namespace HepBot.Host.ExerciseLibrary;

/// <summary>ExerciseLibrary:* — the clinic-editable library file.</summary>
public sealed class ExerciseLibraryOptions
{
    public const string SectionName = "ExerciseLibrary";

    /// <summary>Relative paths are under the repository root (or the content root of an install).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ExerciseLibrary:Path must name the exercise library file.")]
    public string Path { get; set; } = "library/exercises.yaml";

    /// <summary>Where media files named in the library (<c>media: { file: ... }</c>) are looked up.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ExerciseLibrary:MediaFolder must name the folder of exercise pictures and clips.")]
    public string MediaFolder { get; set; } = "library/media";
}
