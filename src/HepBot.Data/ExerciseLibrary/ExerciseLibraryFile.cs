using System.Text.RegularExpressions;
using HepBot.Core.Exercises;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HepBot.Data.ExerciseLibrary;

/// <summary>
/// Reads the clinic-editable exercise library (<c>library/exercises.yaml</c>): a YAML list of exercises,
/// each with a slug, region, default dose, optional media and text per language. Every mistake in the
/// file is collected and reported together in one <see cref="ExerciseLibraryException"/>.
/// </summary>
public static partial class ExerciseLibraryFile
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static IReadOnlyList<Exercise> Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader, path);
    }

    public static IReadOnlyList<Exercise> Parse(TextReader reader, string sourceName)
    {
        var errors = new List<string>();
        var exercises = new List<Exercise>();
        var firstEntryBySlug = new Dictionary<string, int>(StringComparer.Ordinal);

        try
        {
            // Entries are read one at a time so each error can name the line where its entry starts.
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                throw new ExerciseLibraryException(sourceName, ["The file is empty; expected a list of exercises."]);
            parser.Consume<DocumentStart>();
            if (!parser.TryConsume<SequenceStart>(out _))
                throw new ExerciseLibraryException(sourceName,
                    [$"line {parser.Current?.Start.Line}: expected a list of exercises, each starting with '- slug:'."]);

            for (var index = 1; !parser.TryConsume<SequenceEnd>(out _); index++)
            {
                var line = parser.Current!.Start.Line;
                var entry = Deserializer.Deserialize<EntryYaml?>(parser);
                var where = $"entry {index} (line {line}{(string.IsNullOrWhiteSpace(entry?.Slug) ? "" : ", " + entry.Slug)})";

                var entryErrors = new List<string>();
                var exercise = entry is null ? null : ToExercise(entry, entryErrors);
                if (entry is null)
                    entryErrors.Add("the entry is empty.");
                else if (entry.Slug is { } slug && !firstEntryBySlug.TryAdd(slug, index))
                    entryErrors.Add($"slug: '{slug}' is already used by entry {firstEntryBySlug[slug]}; slugs must be unique.");

                if (exercise is not null && entryErrors.Count == 0)
                    exercises.Add(exercise);
                errors.AddRange(entryErrors.Select(e => $"{where}: {e}"));
            }
        }
        catch (YamlException ex)
        {
            // The file's structure is broken here; report it with whatever was found before it.
            var message = UnknownKey().Replace((ex.InnerException ?? ex).Message, "unknown key '$1'; check its spelling and indentation.");
            errors.Add($"line {ex.Start.Line}, column {ex.Start.Column}: {message}");
        }

        if (errors.Count > 0)
            throw new ExerciseLibraryException(sourceName, errors);
        return exercises;
    }

    private static Exercise? ToExercise(EntryYaml entry, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(entry.Slug))
            errors.Add("slug: missing.");
        else if (!SlugPattern().IsMatch(entry.Slug))
            errors.Add($"slug: '{entry.Slug}' must be lowercase letters a-z, digits and single hyphens (like 'quad-set').");

        var region = ParseName<BodyRegion>(entry.Region, "region", errors);
        var dose = ToDose(entry.Dose, errors);
        var media = ToMedia(entry.Media, errors);
        var texts = ToTexts(entry.Text, errors);

        if (errors.Count > 0)
            return null;
        return new Exercise
        {
            Slug = entry.Slug!,
            ClinicId = null,
            Region = region,
            DefaultDose = dose!,
            Media = media,
            Texts = texts,
        };
    }

    private static ExerciseDose? ToDose(DoseYaml? yaml, List<string> errors)
    {
        if (yaml is null)
        {
            errors.Add("dose: missing.");
            return null;
        }
        if (yaml.Sets is null)
            errors.Add("dose.sets: missing.");
        var side = yaml.Side is null ? Side.Both : ParseName<Side>(yaml.Side, "dose.side", errors);

        var dose = new ExerciseDose(yaml.Sets ?? 1, yaml.Reps, yaml.Hold, yaml.Rest ?? 0, side);
        foreach (var (field, message) in dose.Validate())
            errors.Add($"dose.{DoseKeys[field]}: {message}");
        return dose;
    }

    private static readonly Dictionary<string, string> DoseKeys = new()
    {
        [nameof(ExerciseDose.Sets)] = "sets",
        [nameof(ExerciseDose.Reps)] = "reps",
        [nameof(ExerciseDose.HoldSeconds)] = "hold",
        [nameof(ExerciseDose.RestSeconds)] = "rest",
        [nameof(ExerciseDose.Side)] = "side",
    };

    private static ExerciseMedia? ToMedia(MediaYaml? yaml, List<string> errors)
    {
        if (yaml is null)
            return null;
        var kind = ParseName<MediaKind>(yaml.Kind, "media.kind", errors);
        var file = NullIfBlank(yaml.File);
        var url = NullIfBlank(yaml.Url);
        if (file is null && url is null)
            errors.Add("media: needs a 'file' or a 'url'.");
        else if (file is not null && url is not null)
            errors.Add("media: has both 'file' and 'url'; keep only one.");
        return new ExerciseMedia(kind, file, url, NullIfBlank(yaml.Caption));
    }

    private static List<ExerciseText> ToTexts(Dictionary<string, TextYaml?>? yaml, List<string> errors)
    {
        yaml ??= [];
        if (!yaml.ContainsKey(Exercise.DefaultLocale))
            errors.Add($"text.{Exercise.DefaultLocale}: missing; every exercise needs English text.");

        var texts = new List<ExerciseText>();
        foreach (var (locale, text) in yaml)
        {
            var name = NullIfBlank(text?.Name);
            if (name is null)
                errors.Add($"text.{locale}.name: missing.");
            if (text?.Steps is not { Count: > 0 } steps || steps.Any(string.IsNullOrWhiteSpace))
                errors.Add($"text.{locale}.steps: needs at least one step, and no step may be empty.");
            texts.Add(new ExerciseText
            {
                Locale = locale,
                Name = name ?? "",
                Steps = Clean(text?.Steps),
                Cues = Clean(text?.Cues),
                Cautions = Clean(text?.Cautions),
            });
        }
        return texts;
    }

    /// <summary>Matches a YAML value to an enum member by name, ignoring case ("ankleFoot", "each").</summary>
    private static T ParseName<T>(string? value, string key, List<string> errors) where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is not null)
            return Enum.Parse<T>(name);

        var allowed = string.Join(" | ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        errors.Add(value is null ? $"{key}: missing; use one of {allowed}." : $"{key}: unknown value '{value}'; use one of {allowed}.");
        return default;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Clean(List<string?>? lines) =>
        lines?.Select(NullIfBlank).OfType<string>().ToList() ?? [];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    // YamlDotNet names our private DTO type in this message; the clinic only needs the key.
    [GeneratedRegex("^Property '(.+)' not found on type '.+'\\.?$")]
    private static partial Regex UnknownKey();

    private sealed class EntryYaml
    {
        public string? Slug { get; set; }
        public string? Region { get; set; }
        public DoseYaml? Dose { get; set; }
        public MediaYaml? Media { get; set; }
        public Dictionary<string, TextYaml?>? Text { get; set; }
    }

    private sealed class DoseYaml
    {
        public int? Sets { get; set; }
        public int? Reps { get; set; }
        public int? Hold { get; set; }
        public int? Rest { get; set; }
        public string? Side { get; set; }
    }

    private sealed class MediaYaml
    {
        public string? Kind { get; set; }
        public string? File { get; set; }
        public string? Url { get; set; }
        public string? Caption { get; set; }
    }

    private sealed class TextYaml
    {
        public string? Name { get; set; }
        public List<string?>? Steps { get; set; }
        public List<string?>? Cues { get; set; }
        public List<string?>? Cautions { get; set; }
    }
}

/// <summary>
/// The exercise library file has mistakes. <see cref="Errors"/> lists every one found, so whoever edits
/// the file can fix them all in one go; the message names the file and lists them too.
/// </summary>
public sealed class ExerciseLibraryException(string sourceName, IReadOnlyList<string> errors)
    : Exception($"{sourceName} has {errors.Count} problem(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public string SourceName { get; } = sourceName;
    public IReadOnlyList<string> Errors { get; } = errors;
}
