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

    [Theory]
    [MemberData(nameof(Slugs))]
    public void The_still_s_arrow_lies_inside_the_picture_above_the_floor_and_clear_of_the_figure_and_props(string slug)
    {
        var poses = Poses.For(slug)!;
        var scene = new FigureScene(poses);
        foreach (var mirrored in new[] { false, true })
        {
            var renderer = new FigureRenderer(scene, PictureStyle.Default, mirrored);
            var arrows = renderer.PlanArrows(poses.Poses[poses.StillTo], poses.Poses[poses.StillFrom]);
            Assert.NotEmpty(arrows);
            // Arrows on the shoulder blades, round a turning forearm or round a turning head lie on the body by design.
            var onTheBody = poses.Moving.Any(m => m.EndsWith(".scapula", StringComparison.Ordinal)) || poses.Arrow is "right.thumb" or "left.thumb" or "nose";
            foreach (var arrow in arrows)
            {
                Assert.False(arrow.Outside, $"{slug}: an arrow leaves the picture or runs under the floor line");
                // Mostly over white: an arrow may brush a limb or lie on a pale cupboard (a little under half of it at most, for
                // knees rolling beside the chest), never run along the body or under a table.
                if (!onTheBody)
                    Assert.True(arrow.Covered < 0.4, $"{slug}{(mirrored ? " (left)" : "")}: {arrow.Covered:P0} of its arrow lies over the drawing");
            }
        }
    }

    [Fact]
    public void The_grip_squeeze_arrow_curls_above_the_table_top_with_the_fingers()
    {
        var poses = Poses.For("grip-squeeze")!;
        var scene = new FigureScene(poses);
        var renderer = new FigureRenderer(scene, PictureStyle.Default, mirrored: false);
        var arrow = Assert.Single(renderer.PlanArrows(poses.Poses[poses.StillTo], poses.Poses[poses.StillFrom]));
        var tableTop = scene.Pixel(scene.Place(poses.Poses[0])["right.elbow"], false).Y;
        Assert.All(arrow.Shape.Points, p => Assert.True(p.Y < tableTop, $"arrow point at y {p.Y:F0} is at or under the table top at {tableTop:F0}"));
        // Palm up on the table, so the fingers curling round the ball rise in the picture.
        var (open, squeezed) = (scene.Place(poses.Poses[0]), scene.Place(poses.Poses[1]));
        Assert.True(open["right.palmFace"].Y > open["right.wrist"].Y, "the palm faces up");
        Assert.True((squeezed["right.hand"].Y - open["right.hand"].Y) * scene.Scale > 15, "the fingertips curl up");
    }

    [Fact]
    public void The_ankle_alphabet_foot_stays_off_the_floor_in_every_frame_while_the_other_foot_rests_on_it()
    {
        var poses = Poses.For("ankle-alphabet")!;
        var scene = new FigureScene(poses);
        foreach (var pose in scene.AnimationPoses())
        {
            var at = scene.Place(pose);
            var lowest = new[] { "right.toe", "right.heel", "right.ball" }.Min(n => at[n].Y) * scene.Scale;
            Assert.True(lowest > 20, $"the lifted foot comes within {lowest:F0} px of the floor");
            Assert.InRange(new[] { "left.toe", "left.heel" }.Min(n => at[n].Y) * scene.Scale, -1, 8);
        }
    }

    [Fact]
    public void Neck_side_bend_tilts_the_head_toward_the_shoulder_while_neck_rotation_turns_the_face()
    {
        var bend = Poses.For("neck-side-bend")!;
        var turn = Poses.For("neck-rotation")!;
        var bendScene = new FigureScene(bend);
        var turnScene = new FigureScene(turn);
        var (upright, bent) = (bendScene.Place(bend.Poses[0]), bendScene.Place(bend.Poses[1]));
        var (ahead, turned) = (turnScene.Place(turn.Poses[0]), turnScene.Place(turn.Poses[1]));
        double Px(FigureScene scene, double units) => units * scene.Scale;

        // Side bend: the ears end up at clearly different heights, the head moves sideways over the shoulder,
        // and the face still looks ahead (the nose stays in front of the head).
        Assert.True(Px(bendScene, Math.Abs(bent["right.ear"].Y - bent["left.ear"].Y)) > 25, "one ear drops toward its shoulder");
        Assert.True(Px(bendScene, Math.Abs(bent["head"].X - upright["head"].X)) > 20, "the head tips over sideways");
        Assert.True(bent["nose"].Depth > bent["head"].Depth + 0.03, "the face still looks ahead");

        // Rotation: the ears stay level, the head stays over the neck, the face turns to the side (one ear hidden).
        Assert.True(Px(turnScene, Math.Abs(turned["right.ear"].Y - turned["left.ear"].Y)) < 3, "the ears stay level");
        Assert.True(Px(turnScene, Math.Abs(turned["head"].X - ahead["head"].X)) < 8, "the head turns on the spot");
        Assert.True(Px(turnScene, Math.Abs(turned["nose"].X - ahead["nose"].X)) > 25, "the face turns to the side");
        Assert.True(Math.Min(turned["right.ear"].Depth, turned["left.ear"].Depth) < turned["head"].Depth - 0.03, "one ear goes behind the head");
    }

    [Theory]
    [InlineData("wrist-flexor-stretch")]
    [InlineData("wrist-extensor-stretch")]
    [InlineData("cross-body-stretch")]
    [InlineData("upper-trapezius-stretch")]
    public void The_helping_hand_is_drawn_plain_and_can_be_seen(string slug)
    {
        var poses = Poses.For(slug)!;
        Assert.Contains("left.arm", poses.HelpingLimbs);
        using var still = Image.Load<Rgba32>(ExerciseDrawing.Still(poses, PictureStyle.Default, BodySide.Right));
        var scene = new FigureScene(poses);
        var at = scene.Place(poses.Poses[poses.StillTo]);
        var knuckles = scene.Pixel(at["left.knuckles"], false);
        var (body, bodyPalm) = (ToRgba(PictureStyle.Body), ToRgba(PictureStyle.Palm(PictureStyle.Body)));
        var (far, farPalm) = (ToRgba(PictureStyle.BodyFar), ToRgba(PictureStyle.Palm(PictureStyle.BodyFar)));
        var (plain, pale) = (0, 0);
        for (var y = (int)knuckles.Y - 10; y <= (int)knuckles.Y + 10; y++)
            for (var x = (int)knuckles.X - 10; x <= (int)knuckles.X + 10; x++)
            {
                var pixel = still[PictureStyle.Width + Math.Clamp(x, 0, PictureStyle.Width - 1), Math.Clamp(y, 0, PictureStyle.Height - 1)];
                if (Close(pixel, body, 8) || Close(pixel, bodyPalm, 8))
                    plain++;
                else if (Close(pixel, far, 8) || Close(pixel, farPalm, 8))
                    pale++;
            }
        Assert.True(plain > 40, $"{slug}: only {plain} pixels of the helping hand show in the body's colour");
        Assert.True(pale < plain, $"{slug}: the helping hand is drawn in the far side's pale grey");
    }

    [Fact]
    public void The_press_up_keeps_the_hips_on_the_mat_and_the_hands_on_the_floor()
    {
        var poses = Poses.For("prone-press-up")!;
        var scene = new FigureScene(poses);
        // Heights above the mat's top (the mat is 0.022 of the patient's height thick).
        const double mat = 0.022;
        foreach (var pose in poses.Poses)
        {
            var at = scene.Place(pose);
            var hips = (at["pelvis"].Y - Skeleton.TrunkWidthSide / 2 - mat) * scene.Scale;
            var knees = (at["right.knee"].Y - 0.0375 - mat) * scene.Scale;
            Assert.True(hips < 10, $"the hips are {hips:F0} px off the mat");
            Assert.True(knees < 10, $"the knees are {knees:F0} px off the mat");
        }
        var up = scene.Place(poses.Poses[^1]);
        Assert.True((up["neck"].Y - up["pelvis"].Y) * scene.Scale > 40, "the chest is lifted");
    }

    [Fact]
    public void A_table_never_runs_through_the_patient_and_reaches_past_the_hand_in_every_pose()
    {
        foreach (var slug in new[] { "wrist-extension-curl", "table-slide", "grip-squeeze" })
        {
            var poses = Poses.For(slug)!;
            var scene = new FigureScene(poses);
            var table = poses.Props.Single(p => p.Kind == "table");
            var first = scene.Place(poses.Poses[0]);
            var (left, right) = PropGeometry.TableSpan(table, first, poses.View, scene.KeyPlaced);
            Assert.True(left > first["pelvis"].X, $"{slug}: the table starts behind the patient's hips");
            foreach (var at in scene.KeyPlaced)
                Assert.True(right >= at["right.wrist"].X, $"{slug}: the wrist leaves the table's far edge");
        }
    }

    private static Rgba32 ToRgba(SkiaSharp.SKColor c) => new(c.Red, c.Green, c.Blue);

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
