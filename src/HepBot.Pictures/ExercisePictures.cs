using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HepBot.Pictures;

/// <summary>A picture file ready to send or serve.</summary>
public sealed record PictureFile(string Path, string ContentType, bool ClinicOwn);

/// <summary>
/// The exercise pictures HepBot sends and serves. The clinic's own photo or clip in the media folder
/// (<c>&lt;slug&gt;.png</c>, .jpg, .gif, .mp4 …) always wins; otherwise the drawing from the pose data, rendered
/// once and kept in the cache folder under a name made from the hash of its pose data, style and side, so an
/// edited pose or a new accent colour draws afresh and nothing else does.
/// </summary>
public sealed class ExercisePictures
{
    private static readonly string[] StillExtensions = [".png", ".jpg", ".jpeg", ".webp"];
    private static readonly string[] AnimationExtensions = [".gif", ".mp4"];

    private readonly PoseLibrary _poses;
    private readonly PictureStyle _style;
    private readonly string _mediaFolder;
    private readonly string _cacheFolder;
    private readonly ConcurrentDictionary<string, Lazy<string>> _rendering = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid, string), ExercisePoses?> _ownPoses = new();

    private readonly Action<Guid, IReadOnlyList<string>>? _unreadable;

    /// <param name="unreadable">Told once per exercise and text when a clinic exercise's stored pose data no longer reads
    /// (the exercise's id and the problems, which name fields and limits, never a patient): it then goes without a drawing.</param>
    public ExercisePictures(PoseLibrary poses, PictureStyle style, string mediaFolder, string cacheFolder,
        Action<Guid, IReadOnlyList<string>>? unreadable = null)
    {
        _poses = poses;
        _style = style;
        _mediaFolder = mediaFolder;
        _cacheFolder = cacheFolder;
        _unreadable = unreadable;
    }

    public PoseLibrary Poses => _poses;

    /// <summary>
    /// True when HepBot can show something for the exercise: the clinic's own media, pose data in the pose file, or
    /// <paramref name="own"/>, the pose data a clinic's own exercise was given (<see cref="OwnPoses"/>).
    /// </summary>
    public bool Has(string slug, ExercisePoses? own = null) =>
        ClinicMedia(slug, StillExtensions.Concat(AnimationExtensions)) is not null || (own ?? _poses.For(slug)) is not null;

    /// <summary>The still: the clinic's photo, else the drawing (start and end pose side by side).</summary>
    public PictureFile? Still(string slug, BodySide side, ExercisePoses? own = null) =>
        ClinicMedia(slug, StillExtensions) ?? ClinicMedia(slug, AnimationExtensions) ?? Drawn(own ?? _poses.For(slug), side, animated: false);

    /// <summary>The animation: the clinic's clip, else its photo, else the drawing as a looping GIF.</summary>
    public PictureFile? Animation(string slug, BodySide side, ExercisePoses? own = null) =>
        ClinicMedia(slug, AnimationExtensions) ?? ClinicMedia(slug, StillExtensions) ?? Drawn(own ?? _poses.For(slug), side, animated: true);

    /// <summary>The name a clinic's own exercise's drawings go by (slugs are unique per clinic only; the id is unique).</summary>
    public static string OwnKey(Guid exerciseId) => "custom-" + exerciseId.ToString("N");

    /// <summary>
    /// The pose data a clinic's own exercise was given (JSON, checked when it was saved), read once per text; null when it has
    /// none or it no longer reads (stored before a rule was tightened, or edited in the database): then the exercise goes
    /// without a drawing, as one without pose data does, and the host is told why (see the constructor).
    /// </summary>
    public ExercisePoses? OwnPoses(Guid exerciseId, string? poseJson)
    {
        if (string.IsNullOrWhiteSpace(poseJson))
            return null;
        return _ownPoses.GetOrAdd((exerciseId, poseJson), key =>
        {
            IReadOnlyList<string> problems;
            try
            {
                using var document = JsonDocument.Parse(key.Item2);
                if (PoseFile.ParseJson(OwnKey(key.Item1), document.RootElement, "poseData", out problems) is { } poses)
                    return poses;
            }
            catch (JsonException)
            {
                problems = ["poseData: the stored text is not JSON."];
            }
            _unreadable?.Invoke(key.Item1, problems);
            return null;
        });
    }

    /// <summary>The cache key of a drawing: what it is drawn from, in what style, for which side.</summary>
    public string ContentHash(ExercisePoses poses, BodySide side, bool animated)
    {
        var key = $"{poses.Canonical}|{_style.CacheKeyPart}|{side}|{(animated ? "gif" : "png")}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];
    }

    private PictureFile? Drawn(ExercisePoses? poses, BodySide side, bool animated)
    {
        if (poses is null)
            return null;
        var extension = animated ? ".gif" : ".png";
        var path = Path.Combine(_cacheFolder, $"{poses.Exercise}-{side.ToString().ToLowerInvariant()}-{ContentHash(poses, side, animated)}{extension}");
        // One rendering per file even when several chats ask at once; a finished file is never written again.
        var rendered = _rendering.GetOrAdd(path, p => new Lazy<string>(() => Render(p, poses, side, animated))).Value;
        return new PictureFile(rendered, animated ? "image/gif" : "image/png", ClinicOwn: false);
    }

    private string Render(string path, ExercisePoses poses, BodySide side, bool animated)
    {
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(_cacheFolder);
        var bytes = animated ? ExerciseDrawing.Animation(poses, _style, side) : ExerciseDrawing.Still(poses, _style, side);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private PictureFile? ClinicMedia(string slug, IEnumerable<string> extensions)
    {
        foreach (var extension in extensions)
        {
            var path = Path.GetFullPath(Path.Combine(_mediaFolder, slug + extension));
            if (File.Exists(path))
                return new PictureFile(path, ContentTypeOf(extension), ClinicOwn: true);
        }
        return null;
    }

    private static string ContentTypeOf(string extension) => extension switch
    {
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".mp4" => "video/mp4",
        _ => "image/jpeg",
    };
}
