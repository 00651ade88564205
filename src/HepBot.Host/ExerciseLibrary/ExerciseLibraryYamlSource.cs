using HepBot.Core.Exercises;
using HepBot.Host.Configuration;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HepBot.Host.ExerciseLibrary;

/// <summary>
/// Reads the library file named by ExerciseLibrary:Path. The file's own parser
/// (HepBot.Data.ExerciseLibrary.ExerciseLibraryFile) takes over the body of <see cref="LoadAsync"/>
/// when it lands; until then this reads the same shape: a list under "exercises" with slug, region,
/// dose, optional media and text per language.
/// </summary>
internal sealed class ExerciseLibraryYamlSource(
    IOptions<ExerciseLibraryOptions> options, IHostEnvironment environment, ILogger<ExerciseLibraryYamlSource> logger)
    : IExerciseLibrarySource
{
    public async Task<IReadOnlyList<Exercise>> LoadAsync(CancellationToken cancellationToken)
    {
        var path = RepositoryRoot.Resolve(options.Value.Path, environment.ContentRootPath);
        if (!File.Exists(path))
        {
            logger.LogWarning("Exercise library file {LibraryPath} was not found; the library stays as it is in the database.", path);
            return [];
        }

        var yaml = await File.ReadAllTextAsync(path, cancellationToken);
        var file = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build()
            .Deserialize<LibraryFile>(yaml);
        var exercises = (file?.Exercises ?? []).Select(ToExercise).ToList();
        logger.LogInformation("Read {ExerciseCount} exercises from {LibraryPath}.", exercises.Count, path);
        return exercises;
    }

    private static Exercise ToExercise(LibraryEntry entry) => new()
    {
        Slug = entry.Slug ?? throw new InvalidDataException("An exercise in the library has no slug."),
        Region = Enum.Parse<BodyRegion>(entry.Region ?? nameof(BodyRegion.General), ignoreCase: true),
        DefaultDose = new ExerciseDose(
            entry.Dose.Sets, entry.Dose.Reps, entry.Dose.HoldSeconds, entry.Dose.RestSeconds,
            Enum.Parse<Side>(entry.Dose.Side ?? nameof(Side.Both), ignoreCase: true)),
        Media = entry.Media is { } m
            ? new ExerciseMedia(Enum.Parse<MediaKind>(m.Kind ?? nameof(MediaKind.Image), ignoreCase: true), m.File, m.Url, m.Caption)
            : null,
        Texts = entry.Text.Select(t => new ExerciseText
        {
            Locale = t.Key,
            Name = t.Value.Name ?? entry.Slug,
            Steps = t.Value.Steps,
            Cues = t.Value.Cues,
            Cautions = t.Value.Cautions,
        }).ToList(),
    };

    private sealed class LibraryFile
    {
        public List<LibraryEntry> Exercises { get; set; } = [];
    }

    private sealed class LibraryEntry
    {
        public string? Slug { get; set; }
        public string? Region { get; set; }
        public LibraryDose Dose { get; set; } = new();
        public LibraryMedia? Media { get; set; }
        public Dictionary<string, LibraryText> Text { get; set; } = [];
    }

    private sealed class LibraryDose
    {
        public int Sets { get; set; }
        public int? Reps { get; set; }
        public int? HoldSeconds { get; set; }
        public int RestSeconds { get; set; }
        public string? Side { get; set; }
    }

    private sealed class LibraryMedia
    {
        public string? Kind { get; set; }
        public string? File { get; set; }
        public string? Url { get; set; }
        public string? Caption { get; set; }
    }

    private sealed class LibraryText
    {
        public string? Name { get; set; }
        public List<string> Steps { get; set; } = [];
        public List<string> Cues { get; set; } = [];
        public List<string> Cautions { get; set; } = [];
    }
}
