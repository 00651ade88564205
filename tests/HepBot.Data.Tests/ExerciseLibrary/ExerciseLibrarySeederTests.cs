using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Data.ExerciseLibrary;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Tests.ExerciseLibrary;

public class ExerciseLibrarySeederTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The library as the file parser would hand it over: fresh objects on every start.</summary>
    private static List<Exercise> Library() =>
    [
        LibraryExercise("straight-leg-raise", BodyRegion.Knee, "Straight leg raise", "Lie on your back.", "Lift the straight leg."),
        LibraryExercise("bridge", BodyRegion.Hip, "Bridge", "Lie with knees bent.", "Lift your hips."),
        LibraryExercise("heel-raise", BodyRegion.AnkleFoot, "Heel raise", "Stand holding a chair.", "Rise onto your toes."),
    ];

    private static Exercise LibraryExercise(string slug, BodyRegion region, string name, params string[] steps) => new()
    {
        Slug = slug,
        Region = region,
        DefaultDose = new ExerciseDose(Sets: 3, Reps: 10, HoldSeconds: null, RestSeconds: 30, Side.Each),
        Media = new ExerciseMedia(MediaKind.Image, $"media/{slug}.png", Url: null, Caption: name),
        Texts =
        [
            new ExerciseText { Locale = "en", Name = name, Steps = [.. steps], Cues = ["Breathe out as you lift."], Cautions = ["Stop if pain goes above 5/10."] },
            new ExerciseText { Locale = "es", Name = $"{name} (es)", Steps = [.. steps], Cues = [], Cautions = [] },
        ],
    };

    private static async Task<LibrarySeedResult> SeedAsync(TestDatabase database, List<Exercise> library, DateTimeOffset now)
    {
        await using var db = database.CreateContext();
        return await ExerciseLibrarySeeder.SeedAsync(db, library, now, Ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_first_seed_adds_the_whole_library(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var result = await SeedAsync(database, Library(), Monday);

        Assert.Equal(new LibrarySeedResult(Added: 3, Updated: 0, Unchanged: 0), result);
        await using var db = database.CreateContext();
        var bridge = await db.Exercises.SingleAsync(e => e.Slug == "bridge", Ct);
        Assert.Null(bridge.ClinicId);
        Assert.Equal(BodyRegion.Hip, bridge.Region);
        Assert.Equal(new ExerciseDose(3, 10, null, 30, Side.Each), bridge.DefaultDose);
        Assert.Equal(new ExerciseMedia(MediaKind.Image, "media/bridge.png", null, "Bridge"), bridge.Media);
        Assert.Equal(["Lie with knees bent.", "Lift your hips."], bridge.TextFor("en").Steps);
        Assert.Equal("Bridge (es)", bridge.TextFor("es-MX").Name);
        Assert.Equal(Monday, bridge.CreatedAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Seeding_the_same_library_again_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await SeedAsync(database, Library(), Monday);

        var result = await SeedAsync(database, Library(), Tuesday);

        Assert.Equal(new LibrarySeedResult(Added: 0, Updated: 0, Unchanged: 3), result);
        await using var db = database.CreateContext();
        Assert.Equal(3, await db.Exercises.CountAsync(Ct));
        Assert.All(await db.Exercises.ToListAsync(Ct), e => Assert.Equal(Monday, e.UpdatedAt));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_edited_exercise_is_updated_in_place_so_prescriptions_still_point_at_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await SeedAsync(database, Library(), Monday);
        Guid bridgeId;
        await using (var db = database.CreateContext())
            bridgeId = await db.Exercises.Where(e => e.Slug == "bridge").Select(e => e.Id).SingleAsync(Ct);

        var edited = Library();
        var bridge = edited.Single(e => e.Slug == "bridge");
        bridge.TextFor("en").Cautions.Add("Keep your back flat.");
        bridge.DefaultDose = bridge.DefaultDose with { HoldSeconds = 5 };
        bridge.Media = bridge.Media! with { Kind = MediaKind.Video, FilePath = null, Url = "https://example.org/bridge.mp4" };
        var heelRaise = edited.Single(e => e.Slug == "heel-raise");
        heelRaise.Region = BodyRegion.Balance;
        var result = await SeedAsync(database, edited, Tuesday);

        Assert.Equal(new LibrarySeedResult(Added: 0, Updated: 2, Unchanged: 1), result);
        await using var after = database.CreateContext();
        var stored = await after.Exercises.SingleAsync(e => e.Slug == "bridge", Ct);
        Assert.Equal(bridgeId, stored.Id);
        Assert.Equal(["Stop if pain goes above 5/10.", "Keep your back flat."], stored.TextFor("en").Cautions);
        Assert.Equal(5, stored.DefaultDose.HoldSeconds);
        Assert.Equal("https://example.org/bridge.mp4", stored.Media?.Url);
        Assert.Equal(Monday, stored.CreatedAt);
        Assert.Equal(Tuesday, stored.UpdatedAt);
        Assert.Equal(BodyRegion.Balance, (await after.Exercises.SingleAsync(e => e.Slug == "heel-raise", Ct)).Region);
        Assert.Equal(3, await after.Exercises.CountAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_exercise_dropped_from_the_file_stays_and_a_new_one_is_added(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await SeedAsync(database, Library(), Monday);

        var next = Library().Where(e => e.Slug != "heel-raise").ToList();
        next.Add(LibraryExercise("wall-sit", BodyRegion.Knee, "Wall sit", "Lean against a wall."));
        var result = await SeedAsync(database, next, Tuesday);

        Assert.Equal(new LibrarySeedResult(Added: 1, Updated: 0, Unchanged: 2), result);
        await using var db = database.CreateContext();
        Assert.Equal(["bridge", "heel-raise", "straight-leg-raise", "wall-sit"],
            await db.Exercises.OrderBy(e => e.Slug).Select(e => e.Slug).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_clinics_own_exercise_with_a_library_slug_is_left_alone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var clinic = new Clinic { Name = "Fisio Norte", CreatedAt = Monday };
        var clinicBridge = LibraryExercise("bridge", BodyRegion.LumbarSpine, "Our bridge", "Our own way.");
        clinicBridge.ClinicId = clinic.Id;
        await using (var db = database.CreateContext())
        {
            db.Clinics.Add(clinic);
            db.Exercises.Add(clinicBridge);
            await db.SaveChangesAsync(Ct);
        }

        var result = await SeedAsync(database, Library(), Monday);

        Assert.Equal(new LibrarySeedResult(Added: 3, Updated: 0, Unchanged: 0), result);
        await using var after = database.CreateContext();
        var bridges = await after.Exercises.Where(e => e.Slug == "bridge").ToListAsync(Ct);
        Assert.Equal(2, bridges.Count);
        var custom = Assert.Single(bridges, e => e.ClinicId == clinic.Id);
        Assert.Equal(clinicBridge.Id, custom.Id);
        Assert.Equal("Our bridge", custom.TextFor("en").Name);
        Assert.Equal(BodyRegion.LumbarSpine, custom.Region);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_database_itself_refuses_a_second_library_exercise_with_the_same_slug(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        db.Exercises.Add(LibraryExercise("bridge", BodyRegion.Hip, "Bridge"));
        db.Exercises.Add(LibraryExercise("bridge", BodyRegion.Hip, "Bridge again"));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task A_library_with_a_slug_twice_is_refused_before_anything_is_written()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var library = Library();
        library.Add(LibraryExercise("bridge", BodyRegion.Hip, "Bridge again"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SeedAsync(database, library, Monday));

        Assert.Contains("'bridge'", error.Message);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Exercises.CountAsync(Ct));
    }
}
