using HepBot.Core.Exercises;
using HepBot.Data.ExerciseLibrary;

namespace HepBot.Data.Tests.ExerciseLibrary;

public class ExerciseLibraryFileTests
{
    private static readonly Lazy<IReadOnlyList<Exercise>> Library = new(() => ExerciseLibraryFile.Load(LibraryPath()));

    private static string LibraryPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HepBot.sln")))
                return Path.Combine(dir.FullName, "library", "exercises.yaml");
        }
        throw new InvalidOperationException($"No HepBot.sln above {AppContext.BaseDirectory}.");
    }

    // ---- The real library ----

    [Fact]
    public void The_library_file_parses_and_has_at_least_44_exercises()
    {
        Assert.True(Library.Value.Count >= 44, $"Only {Library.Value.Count} exercises.");
    }

    [Theory]
    [InlineData(BodyRegion.Knee)]
    [InlineData(BodyRegion.Hip)]
    [InlineData(BodyRegion.AnkleFoot)]
    [InlineData(BodyRegion.LumbarSpine)]
    [InlineData(BodyRegion.Neck)]
    [InlineData(BodyRegion.Shoulder)]
    [InlineData(BodyRegion.ElbowWrist)]
    [InlineData(BodyRegion.Balance)]
    public void Each_region_has_at_least_five_exercises(BodyRegion region)
    {
        Assert.True(Library.Value.Count(e => e.Region == region) >= 5, $"Fewer than 5 exercises for {region}.");
    }

    [Fact]
    public void Every_exercise_is_written_in_english_and_spanish_with_steps_cues_and_cautions()
    {
        var gaps = from exercise in Library.Value
                   from locale in new[] { "en", "es" }
                   let text = exercise.Texts.SingleOrDefault(t => t.Locale == locale)
                   where text is null || string.IsNullOrWhiteSpace(text.Name)
                       || text.Steps.Count < 3 || text.Cues.Count < 1 || text.Cautions.Count < 1
                   select $"{exercise.Slug} ({locale})";

        Assert.Empty(gaps);
    }

    [Fact]
    public void Every_default_dose_is_valid()
    {
        var invalid = Library.Value.Where(e => e.DefaultDose.Validate().Count > 0).Select(e => e.Slug);

        Assert.Empty(invalid);
    }

    [Fact]
    public void Slugs_are_unique_and_exercises_belong_to_the_shared_library()
    {
        var slugs = Library.Value.Select(e => e.Slug).ToList();

        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        Assert.All(Library.Value, e => Assert.Null(e.ClinicId));
    }

    // ---- Reading entries ----

    private const string QuadSet = """
        - slug: quad-set
          region: knee
          dose: { sets: 3, reps: 10, hold: 5, rest: 30, side: each }
          media: { kind: video, url: "https://clinic.example/quad-set.mp4", caption: Watch the knee }
          text:
            en:
              name: Quad set
              steps: [Sit with your leg straight., Tighten your thigh., Relax.]
              cues: [Your kneecap moves up.]
              cautions: [Stop if it hurts.]
            es:
              name: Contracción de cuádriceps
              steps: [Siéntate con la pierna estirada.]
        """;

    [Fact]
    public void An_entry_becomes_a_library_exercise_with_its_dose_media_and_texts()
    {
        var exercise = Assert.Single(Parse(QuadSet));

        Assert.Equal("quad-set", exercise.Slug);
        Assert.Null(exercise.ClinicId);
        Assert.Equal(BodyRegion.Knee, exercise.Region);
        Assert.Equal(new ExerciseDose(3, 10, 5, 30, Side.Each), exercise.DefaultDose);
        Assert.Equal(new ExerciseMedia(MediaKind.Video, null, "https://clinic.example/quad-set.mp4", "Watch the knee"), exercise.Media);
        Assert.Equal(["en", "es"], exercise.Texts.Select(t => t.Locale));
        Assert.Equal("Contracción de cuádriceps", exercise.TextFor("es-MX").Name);
        Assert.Equal(3, exercise.TextFor("en").Steps.Count);
    }

    [Fact]
    public void Rest_defaults_to_zero_and_side_to_both()
    {
        var exercise = Assert.Single(Parse(Entry("bridge", dose: "{ sets: 2, reps: 12 }")));

        Assert.Equal(new ExerciseDose(2, 12, null, 0, Side.Both), exercise.DefaultDose);
    }

    // ---- Validation: one test per mistake a clinic might make ----

    [Fact]
    public void A_missing_slug_is_reported_with_its_entry_number()
    {
        var error = ParseFails(Entry(slug: null));

        Assert.Contains("entry 1 (line 1)", error.Message);
        Assert.Contains("slug: missing", error.Message);
    }

    [Fact]
    public void A_duplicate_slug_names_the_entry_that_used_it_first()
    {
        var error = ParseFails(Entry("heel-slide") + Entry("heel-slide"));

        Assert.Contains("entry 2", error.Message);
        Assert.Contains("slug: 'heel-slide' is already used by entry 1", error.Message);
    }

    [Theory]
    [InlineData("Quad Set")]
    [InlineData("quad_set")]
    [InlineData("-quad-set")]
    public void An_invalid_slug_is_reported(string slug)
    {
        var error = ParseFails(Entry($"\"{slug}\""));

        Assert.Contains($"slug: '{slug}' must be lowercase", error.Message);
    }

    [Fact]
    public void An_unknown_region_lists_the_allowed_regions()
    {
        var error = ParseFails(Entry("heel-raise", region: "foot"));

        Assert.Contains("heel-raise", error.Message);
        Assert.Contains("region: unknown value 'foot'", error.Message);
        Assert.Contains("ankleFoot", error.Message);
    }

    [Fact]
    public void An_unknown_side_is_reported()
    {
        var error = ParseFails(Entry("clamshell", dose: "{ sets: 3, reps: 10, side: alternate }"));

        Assert.Contains("clamshell", error.Message);
        Assert.Contains("dose.side: unknown value 'alternate'", error.Message);
    }

    [Theory]
    [InlineData("{ sets: 0, reps: 10 }", "dose.sets: Sets must be between 1")]
    [InlineData("{ sets: 3 }", "dose.reps: A dose needs repetitions, a hold time, or both")]
    [InlineData("{ sets: 3, reps: 500 }", "dose.reps: Repetitions must be between 1")]
    [InlineData("{ sets: 3, hold: 0 }", "dose.hold: Hold time must be between 1")]
    [InlineData("{ sets: 3, reps: 10, rest: -5 }", "dose.rest: Rest must be between 0")]
    [InlineData("{ reps: 10 }", "dose.sets: missing")]
    public void An_invalid_dose_names_the_dose_field(string dose, string expected)
    {
        var error = ParseFails(Entry("wall-slide", dose: dose));

        Assert.Contains("wall-slide", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_dose_is_reported()
    {
        var error = ParseFails(Entry("wall-slide", dose: null));

        Assert.Contains("wall-slide): dose: missing", error.Message);
    }

    [Fact]
    public void Missing_english_text_is_reported()
    {
        var error = ParseFails(Entry("chin-tuck", languages: ["es"]));

        Assert.Contains("chin-tuck", error.Message);
        Assert.Contains("text.en: missing", error.Message);
    }

    [Fact]
    public void An_empty_name_is_reported_with_its_language()
    {
        var error = ParseFails(Entry("chin-tuck", name: "\"\""));

        Assert.Contains("chin-tuck", error.Message);
        Assert.Contains("text.en.name: missing", error.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[Start here., \"  \"]")]
    public void Empty_steps_are_reported_with_their_language(string steps)
    {
        var error = ParseFails(Entry("chin-tuck", steps: steps));

        Assert.Contains("chin-tuck", error.Message);
        Assert.Contains("text.en.steps: needs at least one step", error.Message);
    }

    [Theory]
    [InlineData("{ kind: image }", "media: needs a 'file' or a 'url'")]
    [InlineData("{ kind: image, file: media/a.png, url: \"https://clinic.example/a.png\" }", "media: has both 'file' and 'url'")]
    public void Media_needs_exactly_one_of_file_or_url(string media, string expected)
    {
        var error = ParseFails(Entry("pendulum", media: media));

        Assert.Contains("pendulum", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_unknown_media_kind_is_reported()
    {
        var error = ParseFails(Entry("pendulum", media: "{ kind: gif, file: media/a.gif }"));

        Assert.Contains("media.kind: unknown value 'gif'", error.Message);
    }

    [Fact]
    public void Every_mistake_in_the_file_is_reported_at_once()
    {
        var yaml = Entry("good-one") + Entry("bad-region", region: "elbow") + Entry("bad-dose", dose: "{ sets: 99, reps: 10 }");

        var error = ParseFails(yaml);

        Assert.Equal(2, error.Errors.Count);
        Assert.StartsWith("library.yaml has 2 problem(s)", error.Message);
        Assert.Contains("entry 2 (line 15, bad-region): region", error.Message);
        Assert.Contains("entry 3 (line 29, bad-dose): dose.sets", error.Message);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line_after_earlier_mistakes()
    {
        var yaml = Entry("bad-region", region: "elbow") + Entry("typo", dose: "{ sets: 3, repz: 10 }");

        var error = ParseFails(yaml);

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("region: unknown value 'elbow'", error.Errors[0]);
        Assert.StartsWith("line 17", error.Errors[1]);
        Assert.Contains("unknown key 'repz'", error.Errors[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("slug: quad-set")]
    public void A_file_that_is_not_a_list_of_exercises_is_reported(string yaml)
    {
        var error = ParseFails(yaml);

        Assert.Contains("list of exercises", error.Message);
    }

    private static IReadOnlyList<Exercise> Parse(string yaml) =>
        ExerciseLibraryFile.Parse(new StringReader(yaml), "library.yaml");

    private static ExerciseLibraryException ParseFails(string yaml) =>
        Assert.Throws<ExerciseLibraryException>(() => Parse(yaml));

    /// <summary>A valid entry (14 lines, one more with media), with one part swapped for a mistake.</summary>
    private static string Entry(
        string? slug = "example", string region = "knee", string? dose = "{ sets: 3, reps: 10 }",
        string? media = null, string name = "Example", string steps = "[Start., Move., Return.]",
        string[]? languages = null)
    {
        var lines = new List<string>();
        lines.Add(slug is null ? "- region: " + region : $"- slug: {slug}");
        if (slug is not null)
            lines.Add($"  region: {region}");
        if (dose is not null)
            lines.Add($"  dose: {dose}");
        if (media is not null)
            lines.Add($"  media: {media}");
        lines.Add("  text:");
        foreach (var language in languages ?? ["en", "es"])
        {
            lines.Add($"    {language}:");
            lines.Add($"      name: {name}");
            lines.Add($"      steps: {steps}");
            lines.Add("      cues: [Feel it.]");
            lines.Add("      cautions: [Stop if sharp pain.]");
        }
        return string.Join("\n", lines) + "\n";
    }
}
