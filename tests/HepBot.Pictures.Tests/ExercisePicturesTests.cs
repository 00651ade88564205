using HepBot.Testing;

namespace HepBot.Pictures.Tests;

/// <summary>Rendered once, cached by what it is drawn from, and the clinic's own media first.</summary>
public sealed class ExercisePicturesTests : IDisposable
{
    private static readonly PoseLibrary Poses = PoseFile.Load(RepositoryPaths.Combine("library", "poses.yaml"));
    private readonly string _folder = Directory.CreateTempSubdirectory("hepbot-pictures-").FullName;
    private string Media => Path.Combine(_folder, "media");
    private string Cache => Path.Combine(_folder, "cache");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_drawing_is_rendered_once_and_then_served_from_the_cache()
    {
        var pictures = new ExercisePictures(Poses, PictureStyle.Default, Media, Cache);
        var first = pictures.Animation("bridge", BodySide.Right)!;
        Assert.Equal("image/gif", first.ContentType);
        Assert.False(first.ClinicOwn);
        var written = File.GetLastWriteTimeUtc(first.Path);

        var again = new ExercisePictures(Poses, PictureStyle.Default, Media, Cache).Animation("bridge", BodySide.Right)!;
        Assert.Equal(first.Path, again.Path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again.Path));
        Assert.Single(Directory.GetFiles(Cache));
    }

    [Fact]
    public void The_cache_key_changes_with_the_side_and_the_accent_colour_but_not_otherwise()
    {
        var poses = Poses.For("bridge")!;
        var teal = new ExercisePictures(Poses, PictureStyle.Default, Media, Cache);
        var plum = new ExercisePictures(Poses, new PictureStyle("#7a3e8c"), Media, Cache);
        Assert.Equal(teal.ContentHash(poses, BodySide.Right, false), teal.ContentHash(poses, BodySide.Right, false));
        Assert.NotEqual(teal.ContentHash(poses, BodySide.Right, false), teal.ContentHash(poses, BodySide.Left, false));
        Assert.NotEqual(teal.ContentHash(poses, BodySide.Right, false), plum.ContentHash(poses, BodySide.Right, false));
        Assert.NotEqual(teal.ContentHash(poses, BodySide.Right, false), teal.ContentHash(Poses.For("pelvic-tilt")!, BodySide.Right, false));
    }

    [Fact]
    public void The_clinic_s_own_photo_or_clip_wins_over_the_drawing()
    {
        Directory.CreateDirectory(Media);
        File.WriteAllBytes(Path.Combine(Media, "bridge.jpg"), [0xff, 0xd8, 0xff]);
        File.WriteAllBytes(Path.Combine(Media, "heel-slide.mp4"), [0, 0, 0, 0x18]);
        var pictures = new ExercisePictures(Poses, PictureStyle.Default, Media, Cache);

        var still = pictures.Still("bridge", BodySide.Left)!;
        Assert.True(still.ClinicOwn);
        Assert.Equal(Path.Combine(Media, "bridge.jpg"), still.Path);
        Assert.Equal("image/jpeg", pictures.Animation("bridge", BodySide.Left)!.ContentType);
        Assert.Equal("video/mp4", pictures.Animation("heel-slide", BodySide.Right)!.ContentType);
        Assert.False(Directory.Exists(Cache));
    }

    [Fact]
    public void Stored_pose_data_that_no_longer_reads_goes_without_a_drawing_and_says_why_once()
    {
        var told = new List<(Guid Exercise, IReadOnlyList<string> Problems)>();
        var pictures = new ExercisePictures(Poses, PictureStyle.Default, Media, Cache, unreadable: (id, problems) => told.Add((id, problems)));
        var exercise = Guid.NewGuid();
        var tightened = """{"position":"standing","moving":["right.arm"],"turn":"30","poses":[{},{"right":{"shoulder":90}}]}""";

        Assert.Null(pictures.OwnPoses(exercise, tightened));
        Assert.Null(pictures.OwnPoses(exercise, tightened));
        Assert.Null(pictures.OwnPoses(exercise, "{ not json"));

        Assert.Equal(2, told.Count);
        Assert.All(told, t => Assert.Equal(exercise, t.Exercise));
        Assert.Contains(told[0].Problems, p => p.Contains("'turn:' must be degrees", StringComparison.Ordinal));
        Assert.Equal("poseData: the stored text is not JSON.", Assert.Single(told[1].Problems));
        Assert.NotNull(pictures.OwnPoses(exercise, tightened.Replace("\"30\"", "30", StringComparison.Ordinal)));
        Assert.Equal(2, told.Count);
    }

    [Fact]
    public void An_exercise_without_pose_data_or_media_has_no_picture()
    {
        var pictures = new ExercisePictures(Poses, PictureStyle.Default, Media, Cache);
        Assert.False(pictures.Has("my-clinic-special"));
        Assert.Null(pictures.Still("my-clinic-special", BodySide.Right));
    }
}
