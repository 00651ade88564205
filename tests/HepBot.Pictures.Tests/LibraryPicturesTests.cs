using HepBot.Data.ExerciseLibrary;
using HepBot.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace HepBot.Pictures.Tests;

/// <summary>The library's own pose data: every exercise has it, and every exercise draws.</summary>
public sealed class LibraryPicturesTests
{
    private static readonly PoseLibrary Poses = PoseFile.Load(RepositoryPaths.Combine("library", "poses.yaml"));
    private static readonly IReadOnlyList<string> LibrarySlugs =
        [.. ExerciseLibraryFile.Load(RepositoryPaths.Combine("library", "exercises.yaml")).Select(e => e.Slug)];

    public static TheoryData<string> Slugs() => [.. LibrarySlugs];

    [Fact]
    public void Every_library_exercise_has_pose_data_and_no_pose_data_names_a_missing_exercise()
    {
        Assert.Equal(45, LibrarySlugs.Count);
        Assert.Empty(Poses.Problems(LibrarySlugs));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Each_exercise_draws_a_still_and_a_phone_sized_looping_animation(string slug)
    {
        var poses = Poses.For(slug)!;
        var still = ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Right);
        using (var png = Image.Load<Rgba32>(still))
        {
            Assert.Equal(ExerciseDrawing.StillWidth, png.Width);
            Assert.Equal(PictureStyle.Height, png.Height);
        }

        var animation = ExerciseDrawing.Animation(poses, PictureStyle.Default, BodySide.Right);
        using var gif = Image.Load<Rgba32>(animation);
        Assert.Equal((480, 320), (gif.Width, gif.Height));
        Assert.Equal(ExerciseDrawing.AnimationFrameCount, gif.Frames.Count);
        Assert.Equal(0, gif.Metadata.GetGifMetadata().RepeatCount);
        var length = gif.Frames.Cast<ImageFrame<Rgba32>>().Sum(f => f.Metadata.GetGifMetadata().FrameDelay) * 10;
        Assert.InRange(length, 2000, 4000);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void The_moving_limb_is_somewhere_else_in_the_still_s_second_pose(string slug)
    {
        var poses = Poses.For(slug)!;
        var scene = new FigureScene(poses);
        var start = scene.Place(poses.Poses[poses.StillFrom]);
        var end = scene.Place(poses.Poses[poses.StillTo]);
        var moved = poses.Moving.SelectMany(Skeleton.LandmarksOf)
            .Max(n => Math.Sqrt(Math.Pow(start[n].X - end[n].X, 2) + Math.Pow(start[n].Y - end[n].Y, 2) + Math.Pow(start[n].Depth - end[n].Depth, 2)));
        // At least a centimetre or so at a patient's height: the drawing shows a change, not a twitch of rounding.
        Assert.True(moved * scene.Scale > 1.5, $"{slug}: its moving limb moves {moved * scene.Scale:F1} px");
    }

    [Fact]
    public void Drawing_the_same_pose_data_twice_gives_the_same_bytes()
    {
        var poses = Poses.For("straight-leg-raise")!;
        Assert.Equal(ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Left), ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Left));
        Assert.Equal(ExerciseDrawing.Animation(poses, PictureStyle.Default, BodySide.Right), ExerciseDrawing.Animation(poses, PictureStyle.Default, BodySide.Right));
    }

    [Fact]
    public void The_left_side_is_the_mirror_of_the_right()
    {
        var poses = Poses.For("straight-leg-raise")!;
        var right = ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Right);
        var left = ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Left);
        Assert.NotEqual(right, left);
        using var r = Image.Load<Rgba32>(right);
        using var l = Image.Load<Rgba32>(left);
        // Within each panel, the left picture is the right one flipped: compare a pixel row by row.
        var differences = 0;
        for (var y = 0; y < PictureStyle.Height; y += 4)
            for (var x = 0; x < PictureStyle.Width; x += 4)
                if (!Close(r[x, y], l[PictureStyle.Width - 1 - x, y]))
                    differences++;
        // Soft edges may round differently on the two sides; shapes may not.
        Assert.True(differences < 100, $"{differences} sampled pixels differ from the mirror image");
    }

    [Fact]
    public void The_first_and_a_middle_frame_of_the_animation_differ_where_the_moving_limb_is()
    {
        var poses = Poses.For("straight-leg-raise")!;
        using var gif = Image.Load<Rgba32>(ExerciseDrawing.Animation(poses, PictureStyle.Default, BodySide.Right));
        var first = gif.Frames.CloneFrame(0);
        var middle = gif.Frames.CloneFrame(ExerciseDrawing.AnimationFrameCount / 2);
        var accent = Rgba32.ParseHex(PictureStyle.Default.AccentColour);
        int AccentPixels(Image<Rgba32> image, int fromY, int toY)
        {
            var count = 0;
            for (var y = fromY; y < toY; y++)
                for (var x = 0; x < image.Width; x++)
                    if (Close(image[x, y], accent))
                        count++;
            return count;
        }
        // The raised leg puts accent colour high above the mat that the resting leg never reaches.
        Assert.Equal(0, AccentPixels(first, 0, 200));
        Assert.True(AccentPixels(middle, 0, 200) > 200);
    }

    [Fact]
    public void The_contact_sheet_holds_every_exercise()
    {
        var exercises = ExerciseLibraryFile.Load(RepositoryPaths.Combine("library", "exercises.yaml"))
            .Take(6).Select(e => (Poses.For(e.Slug)!, e.TextFor("en").Name)).ToList();
        using var sheet = Image.Load<Rgba32>(ExerciseDrawing.Sheet(exercises, PictureStyle.Default));
        Assert.Equal(3 * 480 + 4 * 12, sheet.Width);
        Assert.Equal(2 * (160 + 34) + 3 * 12, sheet.Height);
    }

    private static bool Close(Rgba32 a, Rgba32 b) =>
        Math.Abs(a.R - b.R) < 24 && Math.Abs(a.G - b.G) < 24 && Math.Abs(a.B - b.B) < 24;
}
