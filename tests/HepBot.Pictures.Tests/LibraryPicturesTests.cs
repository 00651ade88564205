using HepBot.Data.ExerciseLibrary;
using HepBot.Testing;
using SixLabors.ImageSharp;
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
    public void Lower_trunk_rotation_seen_from_the_feet_lets_both_knees_fall_to_the_same_side_with_the_shoulders_flat()
    {
        var poses = Poses.For("lower-trunk-rotation")!;
        Assert.Equal(PoseView.Feet, poses.View);
        var scene = new FigureScene(poses);
        var (middle, right, left) = (scene.Place(poses.Poses[0]), scene.Place(poses.Poses[1]), scene.Place(poses.Poses[3]));
        double Moved(Dictionary<string, Placed> to, string landmark) => (to[landmark].X - middle[landmark].X) * scene.Scale;
        // Seen from the feet the patient's right is on the viewer's left: knees to the right move left in the picture.
        Assert.True(Moved(right, "right.knee") < -20 && Moved(right, "left.knee") < -20, "both knees fall to the patient's right");
        Assert.True(Moved(left, "right.knee") > 20 && Moved(left, "left.knee") > 20, "both knees fall to the patient's left");
        Assert.InRange(Math.Abs(right["right.shoulder"].Y - right["left.shoulder"].Y) * scene.Scale, 0, 2);
    }

    [Theory]
    [InlineData("wrist-flexor-stretch", true)]
    [InlineData("wrist-extensor-stretch", false)]
    [InlineData("forearm-rotation", true)]
    public void A_palm_turned_up_shows_its_pale_face_and_a_palm_turned_down_shows_the_back_of_the_hand(string slug, bool palmUpFirst)
    {
        var poses = Poses.For(slug)!;
        var scene = new FigureScene(poses);
        var (start, end) = (scene.Place(poses.Poses[poses.StillFrom]), scene.Place(poses.Poses[poses.StillTo]));
        // Seen from a little above, the face of the hand toward the viewer is the one drawn on top.
        Assert.Equal(palmUpFirst, start["right.palmFace"].Depth > start["right.wrist"].Depth);
        if (slug == "forearm-rotation")
            Assert.False(end["right.palmFace"].Depth > end["right.wrist"].Depth, "the forearm turns the palm down");

        using var still = Image.Load<Rgba32>(ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Right));
        var palm = PictureStyle.Palm(PictureStyle.Default.Accent);
        var pale = new Rgba32(palm.Red, palm.Green, palm.Blue);
        var accent = Rgba32.ParseHex(PictureStyle.Default.AccentColour);
        var (pixelsPale, pixelsAccent) = (0, 0);
        for (var y = 0; y < PictureStyle.Height; y++)
            for (var x = 0; x < PictureStyle.Width; x++)
            {
                if (Close(still[x, y], pale, 10))
                    pixelsPale++;
                else if (Close(still[x, y], accent, 10))
                    pixelsAccent++;
            }
        // The start pose's hand reads mostly pale (the palm) for palm up and mostly accent (its back) for palm down.
        Assert.Equal(palmUpFirst, pixelsPale > pixelsAccent);
    }

    [Fact]
    public void The_two_wrist_stretches_start_from_different_pictures()
    {
        var flexor = Poses.For("wrist-flexor-stretch")!;
        var extensor = Poses.For("wrist-extensor-stretch")!;
        using var a = Image.Load<Rgba32>(ExerciseDrawing.Still(flexor, PictureStyle.Default, BodySide.Right));
        using var b = Image.Load<Rgba32>(ExerciseDrawing.Still(extensor, PictureStyle.Default, BodySide.Right));
        var differences = 0;
        for (var y = 0; y < PictureStyle.Height; y++)
            for (var x = 0; x < PictureStyle.Width; x++)
                if (!Close(a[x, y], b[x, y]))
                    differences++;
        Assert.True(differences > 150, $"palm up and palm down differ in only {differences} pixels of the start pose");
    }

    [Fact]
    public void The_shoulder_blade_squeeze_is_seen_from_behind_with_both_blades_sliding_toward_the_spine()
    {
        var poses = Poses.For("shoulder-blade-squeeze")!;
        Assert.Equal(PoseView.Back, poses.View);
        Assert.Equal(["right.scapula", "left.scapula"], poses.Moving);
        var scene = new FigureScene(poses);
        var (rest, squeeze) = (scene.Place(poses.Poses[0]), scene.Place(poses.Poses[1]));
        double Gap(Dictionary<string, Placed> at) => Math.Abs(at["right.bladeTop"].X - at["left.bladeTop"].X) * scene.Scale;
        Assert.True(Gap(rest) - Gap(squeeze) > 20, $"the blades close by {Gap(rest) - Gap(squeeze):F1} px");
        // Back and slightly down, never shrugged up.
        Assert.True(squeeze["right.blade"].Y <= rest["right.blade"].Y);
        // The arms stay relaxed: only the blades are in the clinic's colour.
        Assert.DoesNotContain(poses.Moving, m => m.EndsWith(".arm", StringComparison.Ordinal));
    }

    [Fact]
    public void Drawing_the_same_pose_data_twice_gives_the_same_bytes()
    {
        var poses = Poses.For("straight-leg-raise")!;
        Assert.Equal(ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Left), ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Left));
        var wrist = Poses.For("forearm-rotation")!;
        Assert.Equal(ExerciseDrawing.Animation(wrist, PictureStyle.Default, BodySide.Left), ExerciseDrawing.Animation(wrist, PictureStyle.Default, BodySide.Left));
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

    private static bool Close(Rgba32 a, Rgba32 b, int within = 24) =>
        Math.Abs(a.R - b.R) < within && Math.Abs(a.G - b.G) < within && Math.Abs(a.B - b.B) < within;
}
