namespace HepBot.Core.Exercises;

public enum MediaKind
{
    Image,
    Animation,
    Video,
}

/// <summary>A picture or clip that shows the exercise: a file in the media folder, or a URL.</summary>
public sealed record ExerciseMedia(MediaKind Kind, string? FilePath, string? Url, string? Caption = null);

/// <summary>
/// Patient-facing words for one exercise in one language. Steps are ordered ("how to start", "how to
/// move"); cues say what to feel; cautions say what to avoid.
/// </summary>
public sealed class ExerciseText
{
    public required string Locale { get; set; }
    public required string Name { get; set; }
    public List<string> Steps { get; set; } = [];
    public List<string> Cues { get; set; } = [];
    public List<string> Cautions { get; set; } = [];
}

/// <summary>
/// An exercise in the library (<see cref="ClinicId"/> null, loaded from the library file by slug) or a
/// clinic's own custom exercise.
/// </summary>
public sealed class Exercise
{
    public const string DefaultLocale = "en";

    /// <summary>The longest pose data (JSON characters) a clinic's own exercise may carry.</summary>
    public const int PosesMaxLength = 8000;

    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Stable, URL-safe identifier ("straight-leg-raise"); unique per clinic and in the library.</summary>
    public required string Slug { get; set; }

    /// <summary>Null for the shared library; the owning clinic for custom exercises.</summary>
    public Guid? ClinicId { get; set; }

    public BodyRegion Region { get; set; }
    public required ExerciseDose DefaultDose { get; set; }
    public ExerciseMedia? Media { get; set; }

    /// <summary>
    /// A clinic's own exercise's pose data (the library's keyframe vocabulary, as checked JSON), from which HepBot draws
    /// its picture; null when it has none. Library exercises keep theirs in <c>library/poses.yaml</c>.
    /// </summary>
    public string? Poses { get; set; }

    /// <summary>Text per language; always contains <see cref="DefaultLocale"/>.</summary>
    public List<ExerciseText> Texts { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The text in the patient's language, falling back to the base language, then English.</summary>
    public ExerciseText TextFor(string locale)
    {
        var language = locale.Split('-', '_')[0];
        return Texts.FirstOrDefault(t => string.Equals(t.Locale, locale, StringComparison.OrdinalIgnoreCase))
            ?? Texts.FirstOrDefault(t => string.Equals(t.Locale, language, StringComparison.OrdinalIgnoreCase))
            ?? Texts.FirstOrDefault(t => t.Locale == DefaultLocale)
            ?? Texts.First();
    }
}
