using HepBot.Data;
using HepBot.Host.Configuration;
using HepBot.Host.ExerciseLibrary;
using HepBot.Pictures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.ExercisePictures;

/// <summary>Exercise pictures in the host: the checked pose file, the cache, and the stable picture addresses.</summary>
internal static class PictureHosting
{
    /// <summary>What Teams needs to show exercise and progress pictures, said at start-up and by the chat verb while it is missing.</summary>
    public const string TeamsNeeds =
        "Pictures:PublicBaseUrl is not set, so Teams exercise cards and progress messages go without pictures: Teams loads a card's picture itself, "
        + "so it needs HepBot's https address reachable from the internet (for local testing a tunnel such as a dev tunnel or ngrok to port 5080), "
        + "set as Pictures:PublicBaseUrl. Telegram and the chat verb get the picture files directly.";

    public static string PosesFile(PictureOptions options, IHostEnvironment environment) =>
        RepositoryRoot.Resolve(options.PosesPath, environment.ContentRootPath);

    public static void AddExercisePictures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PictureOptions>().Bind(configuration.GetSection(PictureOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PictureOptions>, PictureOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PictureOptions>>().Value;
            var environment = sp.GetRequiredService<IHostEnvironment>();
            var library = sp.GetRequiredService<IOptions<ExerciseLibraryOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("HepBot.ExercisePictures");
            return new HepBot.Pictures.ExercisePictures(
                PoseFile.Load(PosesFile(options, environment)),
                new PictureStyle(options.AccentColour),
                RepositoryRoot.Resolve(library.MediaFolder, environment.ContentRootPath),
                RepositoryRoot.Resolve(options.CacheFolder, environment.ContentRootPath),
                unreadable: (exerciseId, problems) => logger.LogWarning(
                    "The pose data stored for clinic exercise {ExerciseId} no longer passes the pose checks, so it is shown without a drawing: {Problems}",
                    exerciseId, string.Join(" ", problems)));
        });
        services.AddSingleton(sp => new ExercisePictureAddress(sp.GetRequiredService<IOptions<PictureOptions>>().Value.PublicBaseUrl));
    }

    /// <summary>
    /// GET /media/exercises/{slug}/still.png and /animation.gif, ?side=left|right (default right). No sign-in:
    /// Teams fetches card pictures itself, and a picture of an exercise says nothing about any patient.
    /// </summary>
    public static void MapExercisePictures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/media/exercises/{slug}");
        group.MapGet("/still.png", (string slug, [System.ComponentModel.Description("left or right (default right): the side the picture shows")] string? side, HepBot.Pictures.ExercisePictures pictures) =>
            Serve(slug, side, (s, b) => pictures.Still(s, b)))
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .WithTags("Exercise pictures")
            .WithSummary("Get an exercise's picture")
            .WithDescription("The drawn still picture (PNG) of a library exercise, for side=left or right (default right). Public: Teams fetches card pictures itself, and a picture of an exercise says nothing about any patient.");
        group.MapGet("/animation.gif", (string slug, [System.ComponentModel.Description("left or right (default right): the side the animation shows")] string? side, HepBot.Pictures.ExercisePictures pictures) =>
            Serve(slug, side, (s, b) => pictures.Animation(s, b)))
            .Produces(StatusCodes.Status200OK, contentType: "image/gif")
            .WithTags("Exercise pictures")
            .WithSummary("Get an exercise's animation")
            .WithDescription("The drawn animation (GIF) of a library exercise, for side=left or right (default right). Public, like the still picture.");

        // A clinic's own exercise drawn from the pose data it was given: by id, as its slug is unique only within its clinic.
        var own = app.MapGroup("/media/exercises/custom/{id:guid}");
        own.MapGet("/still.png", ([System.ComponentModel.Description("The clinic exercise's id")] Guid id, [System.ComponentModel.Description("left or right (default right): the side the picture shows")] string? side,
                HepBot.Pictures.ExercisePictures pictures, HepBotDbContext db, CancellationToken ct) =>
            ServeOwnAsync(id, side, pictures, db, animated: false, ct))
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .WithTags("Exercise pictures")
            .WithSummary("Get a clinic exercise's picture")
            .WithDescription("The drawn still picture (PNG) of a clinic's own exercise given pose data (POST /api/v1/exercises, poseData), for side=left or right (default right); 404 for one without pose data. Public, like a library exercise's picture: it shows an exercise, nothing about a patient.");
        own.MapGet("/animation.gif", ([System.ComponentModel.Description("The clinic exercise's id")] Guid id, [System.ComponentModel.Description("left or right (default right): the side the animation shows")] string? side,
                HepBot.Pictures.ExercisePictures pictures, HepBotDbContext db, CancellationToken ct) =>
            ServeOwnAsync(id, side, pictures, db, animated: true, ct))
            .Produces(StatusCodes.Status200OK, contentType: "image/gif")
            .WithTags("Exercise pictures")
            .WithSummary("Get a clinic exercise's animation")
            .WithDescription("The drawn animation (GIF) of a clinic's own exercise given pose data, for side=left or right (default right); 404 for one without pose data. Public, like the still picture.");
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound, BadRequest<string>>> ServeOwnAsync(
        Guid id, string? side, HepBot.Pictures.ExercisePictures pictures, HepBotDbContext db, bool animated, CancellationToken ct)
    {
        var exercise = await db.Exercises.AsNoTracking().Where(e => e.Id == id && e.ClinicId != null && e.Poses != null)
            .Select(e => new { e.Slug, e.Poses }).SingleOrDefaultAsync(ct);
        if (exercise is null || pictures.OwnPoses(id, exercise.Poses) is not { } poses)
            return TypedResults.NotFound();
        return Serve(exercise.Slug, side, animated
            ? (slug, bodySide) => pictures.Animation(slug, bodySide, poses)
            : (slug, bodySide) => pictures.Still(slug, bodySide, poses));
    }

    private static Results<PhysicalFileHttpResult, NotFound, BadRequest<string>> Serve(
        string slug, string? side, Func<string, BodySide, PictureFile?> picture)
    {
        BodySide? bodySide = side?.ToLowerInvariant() switch
        {
            null or "" or "right" => BodySide.Right,
            "left" => BodySide.Left,
            _ => null,
        };
        if (bodySide is null)
            return TypedResults.BadRequest("side must be left or right.");
        if (slug.Length > 100 || !slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            return TypedResults.NotFound();
        if (picture(slug, bodySide.Value) is not { } file)
            return TypedResults.NotFound();
        // The file name carries the content hash, so the same address always answers the same bytes until the pose data change.
        return TypedResults.PhysicalFile(file.Path, file.ContentType,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(file.Path)}-{new FileInfo(file.Path).Length}\""));
    }
}
