using System.Net;
using System.Net.Http.Json;
using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Host.Authentication;
using HepBot.Host.Tests.Support;
using HepBot.Testing;

namespace HepBot.Host.Tests.ExercisePictures;

/// <summary>HepBot serves each exercise's picture on a stable address, for Teams cards and the web app.</summary>
public sealed class ExercisePictureEndpointTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly string _cache = Directory.CreateTempSubdirectory("hepbot-picture-cache-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task The_still_and_the_animation_are_served_for_the_side_asked_and_the_same_bytes_each_time()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?> { ["Pictures:CacheFolder"] = _cache });
        var client = host.CreateClient();

        var left = await client.GetAsync("/media/exercises/bridge/still.png?side=left", Ct);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("image/png", left.Content.Headers.ContentType?.MediaType);
        var leftBytes = await left.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], leftBytes.Take(4));
        Assert.Equal(leftBytes, await client.GetByteArrayAsync("/media/exercises/bridge/still.png?side=left", Ct));
        Assert.NotEqual(leftBytes, await client.GetByteArrayAsync("/media/exercises/bridge/still.png?side=right", Ct));

        var gif = await client.GetAsync("/media/exercises/bridge/animation.gif", Ct);
        Assert.Equal("image/gif", gif.Content.Headers.ContentType?.MediaType);
        Assert.Equal("GIF89a"u8.ToArray(), (await gif.Content.ReadAsByteArrayAsync(Ct)).Take(6));
    }

    [Theory]
    [InlineData("/media/exercises/no-such-exercise/still.png", HttpStatusCode.NotFound)]
    [InlineData("/media/exercises/..%2F..%2Fappsettings/still.png", HttpStatusCode.NotFound)]
    [InlineData("/media/exercises/bridge/still.png?side=up", HttpStatusCode.BadRequest)]
    public async Task Unknown_exercises_and_sides_get_a_clear_no(string path, HttpStatusCode expected)
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?> { ["Pictures:CacheFolder"] = _cache });
        Assert.Equal(expected, (await host.CreateClient().GetAsync(path, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_clinic_s_own_exercise_made_through_the_api_with_pose_data_gets_a_still_and_an_animation_and_clinic_media_wins()
    {
        var folder = Directory.CreateTempSubdirectory("hepbot-custom-poses-").FullName;
        try
        {
            // The clinic's pose file: the library's own, and a custom exercise marked as the clinic's.
            var poses = Path.Combine(folder, "poses.yaml");
            File.WriteAllText(poses, File.ReadAllText(RepositoryPaths.Combine("library", "poses.yaml")) + """

                - exercise: step-up-low
                  custom: true
                  position: standing
                  view: side
                  moving: [right.leg]
                  props: [step]
                  poses:
                    - {}
                    - { right: { hip: 60, knee: 70 } }
                """);
            var media = Directory.CreateDirectory(Path.Combine(folder, "media")).FullName;
            byte[] clinicPhoto = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 1, 2, 3];
            File.WriteAllBytes(Path.Combine(media, "bridge.png"), clinicPhoto);
            await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>
            {
                ["Pictures:CacheFolder"] = _cache, ["Pictures:PosesPath"] = poses, ["ExerciseLibrary:MediaFolder"] = media,
            });
            // The host migrates the database as it starts, before any clinic can be stored.
            var client = host.CreateClient();
            var therapist = await NewTherapistClientAsync(host);
            var created = await therapist.PostAsJsonAsync("/api/v1/exercises", new
            {
                slug = "step-up-low",
                region = "knee",
                defaultDose = new { sets = 2, reps = 10, restSeconds = 30, side = "each" },
                texts = new[] { new { locale = "en", name = "Low step-up", steps = new[] { "Step up onto the bottom stair." } } },
            }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            var still = await client.GetAsync("/media/exercises/step-up-low/still.png?side=left", Ct);
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
            using (var png = SixLabors.ImageSharp.Image.Load(await still.Content.ReadAsByteArrayAsync(Ct)))
                Assert.Equal((HepBot.Pictures.ExerciseDrawing.StillWidth, HepBot.Pictures.PictureStyle.Height), (png.Width, png.Height));
            var animation = await client.GetAsync("/media/exercises/step-up-low/animation.gif?side=left", Ct);
            Assert.Equal("image/gif", animation.Content.Headers.ContentType?.MediaType);
            using (var gif = SixLabors.ImageSharp.Image.Load(await animation.Content.ReadAsByteArrayAsync(Ct)))
                Assert.Equal(HepBot.Pictures.ExerciseDrawing.AnimationFrameCount, gif.Frames.Count);

            // The clinic's own photo of the bridge is served instead of the drawing, for the still and the animation.
            Assert.Equal(clinicPhoto, await client.GetByteArrayAsync("/media/exercises/bridge/still.png?side=right", Ct));
            Assert.Equal(clinicPhoto, await client.GetByteArrayAsync("/media/exercises/bridge/animation.gif", Ct));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<HttpClient> NewTherapistClientAsync(HepBotHostFactory host)
    {
        await using var db = _database.CreateContext();
        var now = host.Clock.GetUtcNow();
        var clinic = new Clinic { Name = "Clinic", DefaultTimeZone = "Europe/Madrid", CreatedAt = now };
        db.Clinics.Add(clinic);
        var therapist = new Therapist { ClinicId = clinic.Id, Name = "Therapist", Email = $"{Guid.NewGuid():N}@clinic.test", CreatedAt = now };
        db.Therapists.Add(therapist);
        var key = ApiKeySecret.Mint(db, therapist.Id, now);
        await db.SaveChangesAsync(Ct);
        return host.ClientWithKey(key);
    }
}
