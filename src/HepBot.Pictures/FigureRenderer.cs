using SkiaSharp;

namespace HepBot.Pictures;

/// <summary>
/// Draws one frame of an exercise: floor, grey props, the figure with rounded limbs (the moving limb in the
/// clinic's accent colour, the far side paler) and the motion arrow. Nothing but shapes: no text.
/// </summary>
internal sealed class FigureRenderer(FigureScene scene, PictureStyle style, bool mirrored)
{
    private static readonly string[] BothSides = ["right", "left"];
    private static readonly string[] Ears = ["right.ear", "left.ear"];

    private ExercisePoses Data => scene.Data;

    public void Draw(SKCanvas canvas, KeyPose pose, bool arrow, KeyPose? ghost = null)
    {
        canvas.Clear(PictureStyle.Background);
        var at = scene.Place(pose);
        var first = scene.Place(Data.Poses[Data.StillFrom]);
        if (scene.HasFloor)
            using (var floor = Stroke(PictureStyle.Floor, 2.5f))
                canvas.DrawLine(0, (float)scene.FloorPixel, PictureStyle.Width, (float)scene.FloorPixel, floor);

        foreach (var prop in Data.Props.Where(p => !PropGeometry.Following.Contains(p.Kind) && !UnderKnee(p)))
            DrawFixedProp(canvas, prop, first, at);
        // A ball lies in the palm and the curled fingers close over it, so it is drawn before the hand.
        foreach (var prop in Data.Props.Where(p => p.Kind is "towel" or "weight" or "ball"))
            DrawFollowingProp(canvas, prop, at);

        if (ghost is not null)
        {
            var then = scene.Place(ghost);
            foreach (var bone in Skeleton.Bones.Where(b => Data.Moving.Any(m => Skeleton.Belongs(b, m))))
                DrawBone(canvas, then, bone, style.AccentGhost);
        }
        DrawFigure(canvas, at);
        // A roll under the near knee lies in front of the far leg.
        foreach (var prop in Data.Props.Where(UnderKnee))
            DrawFixedProp(canvas, prop, first, at);
        foreach (var prop in Data.Props.Where(p => p.Kind is "band"))
            DrawFollowingProp(canvas, prop, at);
        if (arrow)
            DrawArrow(canvas, pose, ghost);
    }

    private bool UnderKnee(PropPlacement prop) =>
        prop.Kind == "towelRoll" && scene.HasFloor
        && (prop.At ?? PropGeometry.DefaultAnchor(prop.Kind)) is var at && (at.EndsWith(".knee", StringComparison.Ordinal) || at == "knees");

    private void DrawFigure(SKCanvas canvas, Dictionary<string, Placed> at)
    {
        // Painter's order: what is farther from the viewer first, one whole limb at a time.
        var items = new List<(double Depth, Action Draw)>();
        foreach (var limb in Skeleton.Bones.Where(b => b.Limb != "head").GroupBy(LimbOf))
        {
            var bones = limb.Select(bone =>
            {
                var depth = (at[bone.From].Depth + at[bone.To].Depth) / 2;
                var helping = Data.HelpingLimbs.Any(m => Skeleton.Belongs(bone, m));
                var far = Data.View == PoseView.Side && depth < -0.03 && !helping;
                var moving = Data.Moving.Any(m => Skeleton.Belongs(bone, m));
                var colour = moving ? (far ? style.AccentFar : style.Accent) : (far ? PictureStyle.BodyFar : PictureStyle.Body);
                return (Bone: bone, Depth: depth, Colour: colour);
            }).OrderBy(b => b.Depth).ToList();
            var limbDepth = bones.Average(b => b.Depth);
            // A helping limb (the other hand bending the wrist) reads plainly: never paled, always edged, and its
            // hand lies on the hand it holds rather than behind it.
            var helpingLimb = Data.HelpingLimbs.Any(m => Skeleton.Belongs(limb.First(), m));
            var edgedLimb = limbDepth > 0.02 || helpingLimb;
            if (helpingLimb && limb.Key.EndsWith(".hand", StringComparison.Ordinal) && HoldsTheMovingLimb(at, limb.Key[..^5]))
                limbDepth = 1;
            var drawLimb = () =>
            {
                // A limb in front of the body gets a thin edge of background colour, so an arm across the
                // chest or a hand on the forehead does not melt into the trunk.
                if (edgedLimb)
                    foreach (var (bone, _, _) in bones)
                        DrawBone(canvas, at, bone, PictureStyle.Background, 3f);
                foreach (var (bone, _, colour) in bones)
                {
                    if (bone.Limb.EndsWith(".hand", StringComparison.Ordinal))
                    {
                        // The hand is drawn once, as a plate with a palm face, where its first bone is.
                        if (bone.To.EndsWith(".knuckles", StringComparison.Ordinal))
                            DrawHand(canvas, at, bone.Limb[..^5], colour, edgedLimb);
                        continue;
                    }
                    DrawBone(canvas, at, bone, colour);
                }
            };
            items.Add((limbDepth, drawLimb));
        }
        var trunkColour = Data.Moving.Contains("trunk") ? style.Accent : PictureStyle.Body;
        var headColour = Data.Moving.Contains("head") ? style.Accent : PictureStyle.Body;
        items.Add((0, () => DrawTrunk(canvas, at, trunkColour)));
        if (Data.View == PoseView.Back)
            foreach (var side in BothSides.Where(s => Data.Moving.Contains(s + ".scapula")))
                items.Add((0.0005, () => DrawShoulderBlade(canvas, at, side)));
        items.Add((at["head"].Depth + 0.001, () => DrawHead(canvas, at, headColour)));
        DrawOutline(canvas, at);
        foreach (var (_, draw) in items.OrderBy(i => i.Depth))
            draw();
    }

    /// <summary>Whether a helping hand is at the moving limb (holding it), not resting elsewhere.</summary>
    private bool HoldsTheMovingLimb(Dictionary<string, Placed> at, string side)
    {
        var hand = at[side + ".knuckles"];
        return Data.Moving.SelectMany(Skeleton.LandmarksOf).Concat(Data.Moving.Where(m => m.EndsWith(".hand", StringComparison.Ordinal)).Select(m => m[..^5] + ".wrist"))
            .Any(n => Math.Sqrt(Math.Pow(at[n].X - hand.X, 2) + Math.Pow(at[n].Y - hand.Y, 2)) < 0.1);
    }

    /// <summary>
    /// The limb a bone is drawn with: a leg with its foot; a hand on its own, so one hand holding the other is
    /// drawn in front of it by its own depth rather than its arm's.
    /// </summary>
    private static string LimbOf(Bone bone) => bone.Limb.EndsWith(".foot", StringComparison.Ordinal) ? bone.Limb[..^5] + ".leg" : bone.Limb;

    /// <summary>
    /// A thin band of background colour around the whole figure, so a prop behind it (a counter, a chair, the
    /// wall) never seems to run through it and the paler far limbs stay clear of the grey.
    /// </summary>
    private void DrawOutline(SKCanvas canvas, Dictionary<string, Placed> at)
    {
        const float band = 5f;
        foreach (var bone in Skeleton.Bones)
            using (var paint = Stroke(PictureStyle.Background, (float)(bone.Width * scene.Scale) + band))
                canvas.DrawLine(P(at[bone.From]), P(at[bone.To]), paint);
        using (var head = Fill(PictureStyle.Background))
            canvas.DrawCircle(P(at["head"]), (float)(Skeleton.HeadRadius * scene.Scale) + band / 2, head);
        if (Data.View == PoseView.Side)
        {
            using var paint = Stroke(PictureStyle.Background, (float)(Skeleton.TrunkWidthSide * scene.Scale) + band);
            using var side = TrunkPath(at);
            canvas.DrawPath(side, paint);
            return;
        }
        using var fill = new SKPaint
        {
            Color = PictureStyle.Background, IsAntialias = true, Style = SKPaintStyle.StrokeAndFill,
            StrokeWidth = (float)(Skeleton.TrunkWidthFront * scene.Scale) + band, StrokeJoin = SKStrokeJoin.Round,
        };
        using var torso = TorsoPath(at);
        canvas.DrawPath(torso, fill);
    }

    /// <summary>
    /// A hand as two flat plates (palm and fingers), each with a back face in the limb's colour and a palm face
    /// in a light tint, a hair apart: whichever face is toward the viewer is drawn last, and seen edge-on both
    /// show, so palm up, palm down and a palm turned forward all look different. The thumb sits on its side.
    /// </summary>
    private void DrawHand(SKCanvas canvas, Dictionary<string, Placed> at, string side, SKColor colour, bool edged)
    {
        var palm = PictureStyle.Palm(colour);
        var round = (float)(0.014 * scene.Scale);
        using var thumbPaint = Stroke(colour, (float)(0.02 * scene.Scale));
        using var edge = Stroke(PictureStyle.Background, (float)(0.022 * scene.Scale) + 5f);
        var thumbRoot = Vec(at[$"{side}.wristThumb"], at[$"{side}.knucklesThumb"], 0.3);
        var plates = new[]
        {
            (Corners: new[] { "wristLittle", "wristThumb", "knucklesThumb", "knucklesLittle" }, Base: "wrist", Face: "palmFace"),
            (Corners: new[] { "knucklesLittle", "knucklesThumb", "tipsThumb", "tipsLittle" }, Base: "knuckles", Face: "fingersFace"),
        };
        if (edged)
        {
            foreach (var (corners, _, _) in plates)
                using (var path = Plate(at, side, corners, SKPoint.Empty))
                    canvas.DrawPath(path, edge);
            canvas.DrawLine(P(thumbRoot), P(at[$"{side}.thumb"]), edge);
        }
        var palmTowardViewer = at[$"{side}.palmFace"].Depth > at[$"{side}.wrist"].Depth;
        // The thumb is behind the hand when the hand's thumb side is away from the viewer.
        var thumbBehind = at[$"{side}.thumb"].Depth < at[$"{side}.knuckles"].Depth - 0.004;
        if (thumbBehind)
            canvas.DrawLine(P(thumbRoot), P(at[$"{side}.thumb"]), thumbPaint);
        foreach (var (corners, baseName, faceName) in plates)
        {
            var offset = P(at[$"{side}.{faceName}"]) - P(at[$"{side}.{baseName}"]);
            var faces = new[] { (Shift: Times(offset, -1), Colour: colour), (Shift: offset, Colour: palm) };
            if (!palmTowardViewer)
                Array.Reverse(faces);
            foreach (var (shift, faceColour) in faces)
            {
                using var fill = new SKPaint
                {
                    Color = faceColour, IsAntialias = true, Style = SKPaintStyle.StrokeAndFill,
                    StrokeWidth = round, StrokeJoin = SKStrokeJoin.Round,
                };
                using var path = Plate(at, side, corners, shift);
                canvas.DrawPath(path, fill);
            }
        }
        if (!thumbBehind)
            canvas.DrawLine(P(thumbRoot), P(at[$"{side}.thumb"]), thumbPaint);
    }

    private SKPath Plate(Dictionary<string, Placed> at, string side, string[] corners, SKPoint shift)
    {
        using var path = new SKPathBuilder();
        path.MoveTo(P(at[$"{side}.{corners[0]}"]) + shift);
        foreach (var corner in corners.Skip(1))
            path.LineTo(P(at[$"{side}.{corner}"]) + shift);
        path.Close();
        return path.Snapshot();
    }

    /// <summary>A shoulder blade on the back, in the clinic's colour: a rounded triangle that slides toward the spine.</summary>
    private void DrawShoulderBlade(SKCanvas canvas, Dictionary<string, Placed> at, string side)
    {
        using var fill = new SKPaint
        {
            Color = style.Accent, IsAntialias = true, Style = SKPaintStyle.StrokeAndFill,
            StrokeWidth = (float)(0.02 * scene.Scale), StrokeJoin = SKStrokeJoin.Round,
        };
        using var path = Plate(at, side, ["bladeTop", "bladeOuter", "bladeTip"], SKPoint.Empty);
        canvas.DrawPath(path, fill);
    }

    private void DrawBone(SKCanvas canvas, Dictionary<string, Placed> at, Bone bone, SKColor colour, float wider = 0)
    {
        using var paint = Stroke(colour, (float)(bone.Width * scene.Scale) + 2 * wider);
        canvas.DrawLine(P(at[bone.From]), P(at[bone.To]), paint);
    }

    private void DrawTrunk(SKCanvas canvas, Dictionary<string, Placed> at, SKColor colour)
    {
        if (Data.View == PoseView.Side)
        {
            using var paint = Stroke(colour, (float)(Skeleton.TrunkWidthSide * scene.Scale));
            using var side = TrunkPath(at);
            canvas.DrawPath(side, paint);
            return;
        }
        using var fill = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.StrokeAndFill, StrokeWidth = (float)(Skeleton.TrunkWidthFront * scene.Scale), StrokeJoin = SKStrokeJoin.Round };
        using var torso = TorsoPath(at);
        canvas.DrawPath(torso, fill);
    }

    /// <summary>The trunk seen from the side: a curve from pelvis to neck through the chest point.</summary>
    private SKPath TrunkPath(Dictionary<string, Placed> at)
    {
        using var path = new SKPathBuilder();
        var pelvis = P(at["pelvis"]);
        var neck = P(at["neck"]);
        var chest = P(at["chest"]);
        // A quadratic through the chest point: the control point lies twice as far from the chord.
        var control = new SKPoint(2 * chest.X - (pelvis.X + neck.X) / 2, 2 * chest.Y - (pelvis.Y + neck.Y) / 2);
        path.MoveTo(pelvis);
        path.QuadTo(control, neck);
        return path.Snapshot();
    }

    /// <summary>The trunk seen from the front, back or feet: shoulders to hips.</summary>
    private SKPath TorsoPath(Dictionary<string, Placed> at)
    {
        using var body = new SKPathBuilder();
        // Shoulders drawn a little inside the arm roots, so arms hanging at the sides stay visible.
        body.MoveTo(P(Vec(at["neck"], at["right.shoulder"], 0.72)));
        body.LineTo(P(Vec(at["neck"], at["left.shoulder"], 0.72)));
        body.LineTo(P(at["left.hip"]));
        body.LineTo(P(at["right.hip"]));
        body.Close();
        return body.Snapshot();
    }

    private void DrawHead(SKCanvas canvas, Dictionary<string, Placed> at, SKColor colour)
    {
        DrawBone(canvas, at, Skeleton.Bones[0], colour);
        var radius = (float)(Skeleton.HeadRadius * scene.Scale);
        var noseRadius = (float)(0.02 * scene.Scale);
        using var paint = Fill(colour);
        var noseBehind = at["nose"].Depth < at["head"].Depth - 0.02;
        if (Data.View != PoseView.Side)
        {
            // Seen from the front or back the ears stand out from the outline: a turned head hides one behind
            // itself, a head bent to the side carries one down toward the shoulder.
            var earRadius = (float)(0.017 * scene.Scale);
            foreach (var ear in Ears.Where(e => at[e].Depth > at["head"].Depth - 0.03))
                canvas.DrawCircle(P(at[ear]), earRadius, paint);
        }
        if (!noseBehind)
            canvas.DrawCircle(P(at["nose"]), noseRadius, paint);
        canvas.DrawCircle(P(at["head"]), radius, paint);
        if (Data.View != PoseView.Side && !noseBehind)
        {
            // Seen from the front the nose is inside the outline; a darker dot shows where the face points.
            using var face = Fill(Darker(colour));
            canvas.DrawCircle(P(at["nose"]), noseRadius * 0.8f, face);
        }
    }

    private void DrawFixedProp(SKCanvas canvas, PropPlacement prop, Dictionary<string, Placed> first, Dictionary<string, Placed> now)
    {
        var anchor = PropGeometry.AnchorOf(prop, first);
        using var fill = Fill(PictureStyle.Prop);
        using var edge = Stroke(PictureStyle.PropEdge, 2f);
        var s = scene.Scale;
        switch (prop.Kind)
        {
            case "mat":
            {
                var xs = now.Values.Select(p => p.X).ToList();
                var (left, right) = (first.Values.Min(p => p.X) - 0.08, first.Values.Max(p => p.X) + 0.08);
                left = Math.Min(left, xs.Min() - 0.08);
                right = Math.Max(right, xs.Max() + 0.08);
                if (!scene.HasFloor)
                {
                    // Seen from above the mat lies under the whole figure: pale, so the figure stands out on it.
                    var (bottom, top) = (first.Values.Min(p => p.Y) - 0.1, first.Values.Max(p => p.Y) + 0.1);
                    using var pale = Fill(PictureStyle.PropPale);
                    Box(canvas, left, right, bottom, top, pale, edge, 10);
                }
                else
                    Box(canvas, left, right, 0, 0.022, fill, edge, 4);
                break;
            }
            case "chair":
            {
                var seat = anchor.Y - 0.06;
                if (Data.View == PoseView.Side)
                {
                    Box(canvas, anchor.X - 0.14, anchor.X - 0.11, seat, seat + 0.3, fill, edge, 3);
                    Box(canvas, anchor.X - 0.14, anchor.X + 0.13, seat - 0.03, seat, fill, edge, 3);
                    Box(canvas, anchor.X - 0.13, anchor.X - 0.11, 0, seat - 0.03, fill, edge, 2);
                    Box(canvas, anchor.X + 0.10, anchor.X + 0.12, 0, seat - 0.03, fill, edge, 2);
                }
                else
                {
                    Box(canvas, anchor.X - 0.15, anchor.X + 0.15, seat + 0.05, seat + 0.3, fill, edge, 3);
                    Box(canvas, anchor.X - 0.17, anchor.X + 0.17, seat - 0.03, seat, fill, edge, 3);
                    Box(canvas, anchor.X - 0.16, anchor.X - 0.14, 0, seat - 0.03, fill, edge, 2);
                    Box(canvas, anchor.X + 0.14, anchor.X + 0.16, 0, seat - 0.03, fill, edge, 2);
                }
                break;
            }
            case "table" or "counter":
            {
                var (left, right) = PropGeometry.TableSpan(prop, first, Data.View, scene.KeyPlaced);
                // The hand rests on the top.
                var top = anchor.Y - 0.018;
                if (prop.Kind == "counter")
                {
                    // A kitchen counter: a paler cupboard under a worktop the hands rest on.
                    using var cupboard = Fill(PictureStyle.PropPale);
                    Box(canvas, left + 0.02, right - 0.02, 0, top - 0.035, cupboard, edge, 2);
                    Box(canvas, left, right, top - 0.035, top, fill, edge, 3);
                }
                else
                {
                    Box(canvas, left, right, top - 0.035, top, fill, edge, 3);
                    Box(canvas, left + 0.02, left + 0.045, 0, top - 0.035, fill, edge, 2);
                    Box(canvas, right - 0.045, right - 0.02, 0, top - 0.035, fill, edge, 2);
                }
                break;
            }
            case "wall":
            {
                var x = anchor.X + 0.025;
                var wallTop = (scene.FloorPixel - 4) / s;
                Box(canvas, x, x + 0.05, 0, wallTop, fill, edge, 0);
                break;
            }
            case "step":
                Box(canvas, anchor.X - 0.12, anchor.X + 0.15, 0, 0.08, fill, edge, 3);
                break;
            case "towelRoll":
            {
                var ground = (Data.Props.Any(p => p.Kind == "mat") ? 0.022 : 0);
                var (y, radius) = (anchor.Y < 0.15 ? ground + 0.045 : anchor.Y, 0.045);
                if (UnderKnee(prop))
                {
                    // Under a knee: the roll lies on the mat or floor and fills the gap up to the back of the knee.
                    radius = Math.Max(0.03, (anchor.Y - 0.03 - ground) / 2);
                    y = ground + radius;
                }
                canvas.DrawCircle(P(new Placed(anchor.X, y, 0)), (float)(radius * s), fill);
                canvas.DrawCircle(P(new Placed(anchor.X, y, 0)), (float)(radius * s), edge);
                break;
            }
            case "cushion" or "pillow":
            {
                var width = prop.Kind == "pillow" ? 0.14 : 0.1;
                var height = prop.Kind == "pillow" ? Math.Max(0.06, anchor.Y - 0.03) : 0.035;
                Box(canvas, anchor.X - width, anchor.X + width, 0, height, fill, edge, 8);
                break;
            }
        }
    }

    private void DrawFollowingProp(SKCanvas canvas, PropPlacement prop, Dictionary<string, Placed> at)
    {
        var anchor = PropGeometry.AnchorOf(prop, at);
        using var fill = Fill(PictureStyle.Prop);
        using var edge = Stroke(PictureStyle.PropEdge, 2f);
        var s = scene.Scale;
        switch (prop.Kind)
        {
            case "towel":
                Box(canvas, anchor.X - 0.12, anchor.X + 0.12, anchor.Y - 0.035, anchor.Y - 0.018, fill, edge, 3);
                break;
            case "ball":
            {
                var hand = anchor;
                if (prop.At is null)
                {
                    // In the palm of the hand, held by the curled fingers.
                    var palm = Vec(at["right.wrist"], at["right.knuckles"], 0.7);
                    var face = at["right.palmFace"];
                    var k = 0.038 / Skeleton.HandThickness;
                    hand = new Placed(palm.X + (face.X - at["right.wrist"].X) * k, palm.Y + (face.Y - at["right.wrist"].Y) * k, palm.Depth);
                }
                canvas.DrawCircle(P(hand), (float)(0.036 * s), fill);
                canvas.DrawCircle(P(hand), (float)(0.036 * s), edge);
                break;
            }
            case "weight":
            {
                var hand = prop.At is null ? Vec(at["right.wrist"], at["right.knuckles"], 1.0) : anchor;
                Box(canvas, hand.X - 0.022, hand.X + 0.022, hand.Y - 0.06, hand.Y + 0.06, fill, edge, 5);
                break;
            }
            case "band":
            {
                var to = at[prop.To ?? "left.hand"];
                using var band = Stroke(PictureStyle.PropEdge, (float)(0.014 * s));
                canvas.DrawLine(P(anchor), P(to), band);
                break;
            }
        }
    }

    /// <summary>One motion arrow as drawn: its line through the points, the head at the last one.</summary>
    internal sealed record ArrowShape(IReadOnlyList<SKPoint> Points);

    /// <summary>An arrow as placed, with the share of it that lies over the drawing (figure, props, floor) or outside the panel.</summary>
    internal sealed record PlacedArrow(ArrowShape Shape, double Covered, bool Outside);

    private void DrawArrow(SKCanvas canvas, KeyPose pose, KeyPose? ghost)
    {
        using var paint = Stroke(style.Arrow, 4.5f);
        using var head = Fill(style.Arrow);
        foreach (var arrow in PlanArrows(pose, ghost))
            DrawArrowAlong(canvas, [.. arrow.Shape.Points], paint, head);
    }

    /// <summary>
    /// Where the still's arrows go. Each arrow has a few candidate places (either side of the path, nearer or
    /// farther, behind or ahead of a short push); the one chosen lies over the least of the drawing, inside
    /// the panel and above the floor, preferring the first when they tie, so an arrow never hides under a table
    /// or runs along the floor line.
    /// </summary>
    internal IReadOnlyList<PlacedArrow> PlanArrows(KeyPose pose, KeyPose? ghost)
    {
        using var mask = new SKBitmap(new SKImageInfo(PictureStyle.Width, PictureStyle.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var maskCanvas = new SKCanvas(mask))
        {
            Draw(maskCanvas, pose, arrow: false, ghost);
            maskCanvas.Flush();
        }
        var placed = new List<PlacedArrow>();
        foreach (var candidates in ArrowCandidates())
        {
            var scored = candidates.Select((shape, index) => (Arrow: Score(shape, mask), Index: index)).ToList();
            var best = scored
                .OrderBy(c => (c.Arrow.Outside ? 1 : 0) + c.Arrow.Covered + 0.01 * c.Index)
                .First();
            placed.Add(best.Arrow);
        }
        return placed;
    }

    private PlacedArrow Score(ArrowShape shape, SKBitmap mask)
    {
        var samples = Samples(shape).ToList();
        var (covered, outside, total) = (0, false, 0);
        foreach (var point in samples)
        {
            var (x, y) = ((int)Math.Round(point.X), (int)Math.Round(point.Y));
            if (x < 4 || y < 4 || x >= PictureStyle.Width - 4 || y >= PictureStyle.Height - 4
                || (scene.HasFloor && point.Y > scene.FloorPixel - 5))
            {
                outside = true;
                continue;
            }
            for (var dy = -3; dy <= 3; dy += 3)
                for (var dx = -3; dx <= 3; dx += 3)
                {
                    total++;
                    // Over the figure, a limb's ghost or the floor line it counts whole; over a pale prop (a
                    // counter's cupboard behind the figure, a table top) the arrow still reads, so a little.
                    var c = mask.GetPixel(x + dx, y + dy);
                    var darkest = Math.Min(c.Red, Math.Min(c.Green, c.Blue));
                    covered += darkest < 195 ? 4 : darkest < 236 ? 1 : 0;
                }
        }
        return new PlacedArrow(shape, total == 0 ? 1 : covered / 4.0 / total, outside);
    }

    /// <summary>Points every 2 px along the arrow's line, and across its head.</summary>
    internal static IEnumerable<SKPoint> Samples(ArrowShape shape)
    {
        var points = shape.Points;
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            var steps = Math.Max(1, (int)(Distance(a, b) / 2));
            for (var k = 0; k < steps; k++)
                yield return a + Times(b - a, (float)k / steps);
        }
        var tip = points[^1];
        var dir = Normalised(tip - points[Math.Max(0, points.Count - 3)]);
        var normal = new SKPoint(-dir.Y, dir.X);
        foreach (var across in new[] { -8f, -4f, 0f, 4f, 8f })
            yield return tip - Times(dir, 10) + Times(normal, across);
        yield return tip + Times(dir, 3);
    }

    /// <summary>For each arrow of the still, its candidate shapes, the usual place first.</summary>
    private IEnumerable<List<ArrowShape>> ArrowCandidates()
    {
        var path = scene.StillPath().Select(scene.Place).ToList();
        // Both shoulder blades squeezing toward the spine: an arrow at each, pointing at each other.
        var blades = Data.Moving.Where(m => m.EndsWith(".scapula", StringComparison.Ordinal)).ToList();
        if (Data.Arrow is null && blades.Count > 1)
        {
            foreach (var blade in blades)
                yield return Candidates(path, blade[..^8] + ".blade");
            yield break;
        }
        var candidates = Data.Moving.SelectMany(Skeleton.LandmarksOf).Distinct().ToList();
        var effector = Data.Arrow ?? candidates
            .OrderByDescending(n => Distance(P(path[0][n]), P(path[^1][n])))
            .ThenBy(n => n, StringComparer.Ordinal)
            .First();
        yield return Candidates(path, effector);
    }

    private List<ArrowShape> Candidates(List<Dictionary<string, Placed>> path, string effector)
    {
        var points = path.Select(p => P(p[effector])).ToList();
        var centre = P(path[0]["chest"]);
        var length = 0.0;
        for (var i = 1; i < points.Count; i++)
            length += Distance(points[i - 1], points[i]);

        if (effector.EndsWith(".blade", StringComparison.Ordinal))
        {
            // Two blades squeezing: each arrow starts outside its blade and stops short of the spine.
            var inward = Normalised(points[^1] - points[0]);
            var across = new SKPoint(-inward.Y, inward.X);
            if (Dot(across, points[0] - centre) < 0)
                across = Times(across, -1);
            var start = points[0] + Times(across, 24) - Times(inward, 14);
            return [new([start, start + Times(inward, 24)])];
        }
        if (effector == "nose" && Data.View is PoseView.Front or PoseView.Back)
            return [TurnAround(path, points)];
        if (length < 24)
        {
            // An isometric hold or a small glide: a short straight arrow by the moving part, pointing the way it pushes.
            var direction = Normalised(points[^1] - points[0]);
            if (direction == SKPoint.Empty)
                direction = Normalised(points[0] - centre);
            // Beside the moving part, on the side away from the body first.
            var side = new SKPoint(-direction.Y, direction.X);
            if (Dot(side, points[0] - centre) < 0)
                side = Times(side, -1);
            ArrowShape Straight(SKPoint from) => new([from, from + Times(direction, 34)]);
            return
            [
                Straight(points[0] + Times(side, 24)),
                Straight(points[0] - Times(side, 24)),
                // Behind the part, pushing it; then ahead of it, leading the way.
                Straight(points[0] - Times(direction, 44)),
                Straight(points[^1] + Times(direction, 14)),
                Straight(points[0] + Times(side, 38)),
                Straight(points[0] - Times(side, 38)),
                // Ahead of the part and off to either side, for a part with a limb or a prop right beside it.
                Straight(points[^1] + Times(direction, 14) + Times(side, 24)),
                Straight(points[^1] + Times(direction, 14) - Times(side, 24)),
                Straight(points[0] + Times(side, 52) - Times(direction, 17)),
                Straight(points[0] - Times(side, 52) - Times(direction, 17)),
            ];
        }
        if (effector.EndsWith(".thumb", StringComparison.Ordinal))
        {
            // A forearm turning: a turn-over arrow round the hand, an ellipse about the forearm's axis seen from
            // the side, from behind the hand over the top to its front.
            var limb = effector[..^6];
            var (wrist, knuckles) = (P(path[^1][limb + ".wrist"]), P(path[^1][limb + ".knuckles"]));
            var along = Normalised(knuckles - wrist);
            var up = new SKPoint(along.Y, -along.X);
            if (up.Y > 0)
                up = Times(up, -1);
            var radius = (float)(0.075 * scene.Scale);
            var turn = new List<SKPoint>();
            for (var degrees = 200; degrees >= -20; degrees -= 10)
            {
                var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
                turn.Add(knuckles + Times(along, (float)(0.8 * radius * cos)) + Times(up, (float)(radius * sin)));
            }
            return [new(turn)];
        }
        // Beside the path, on the side away from the body first, so it does not cover the limb.
        var awaySign = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var tangent = Normalised(points[Math.Min(i + 1, points.Count - 1)] - points[Math.Max(i - 1, 0)]);
            awaySign += Dot(new SKPoint(-tangent.Y, tangent.X), points[i] - centre);
        }
        var sign = awaySign >= 0 ? 1f : -1f;
        var shapes = new List<ArrowShape>();
        foreach (var distance in new[] { 22f, 34f, 48f })
            foreach (var s in new[] { sign, -sign })
            {
                var offset = new List<SKPoint>();
                for (var i = 0; i < points.Count; i++)
                {
                    var tangent = Normalised(points[Math.Min(i + 1, points.Count - 1)] - points[Math.Max(i - 1, 0)]);
                    offset.Add(points[i] + Times(new SKPoint(-tangent.Y, tangent.X), distance * s));
                }
                shapes.Add(new(offset));
            }
        // A limb that moves along its own line (an arm sliding a towel forward) leaves no room beside its path:
        // then a straight arrow just ahead of where it ends, pointing on the way it went.
        var onward = Normalised(points[^1] - points[Math.Max(0, points.Count - 4)]);
        shapes.Add(new([points[^1] + Times(onward, 16), points[^1] + Times(onward, 52)]));
        return shapes;
    }

    /// <summary>
    /// A head turning, seen from the front: an arrow round the top of the head, as a flat ellipse about the neck
    /// from the face toward the side the nose turns to.
    /// </summary>
    private ArrowShape TurnAround(List<Dictionary<string, Placed>> path, List<SKPoint> nose)
    {
        var head = P(path[0]["head"]);
        var radius = (float)(Skeleton.HeadRadius * scene.Scale);
        var toward = nose[^1].X >= nose[0].X ? 1f : -1f;
        var centre = head + new SKPoint(0, -radius * 1.2f);
        var points = new List<SKPoint>();
        // From the front of the ellipse (nearest the viewer) round toward the side the face turns to.
        for (var degrees = 120; degrees >= -30; degrees -= 10)
        {
            var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
            points.Add(centre + new SKPoint(toward * (float)(radius * 1.9 * cos), (float)(radius * 0.55 * sin)));
        }
        return new(points);
    }

    private static void DrawArrowAlong(SKCanvas canvas, List<SKPoint> offset, SKPaint paint, SKPaint head)
    {
        // Leave room for the head at the end.
        var last = offset[^1];
        var dir = Normalised(last - offset[Math.Max(0, offset.Count - 3)]);
        using var line = new SKPathBuilder();
        line.MoveTo(offset[0]);
        for (var i = 1; i < offset.Count - 1; i++)
            line.LineTo(offset[i]);
        line.LineTo(last - Times(dir, 8));
        using (var shape = line.Snapshot())
            canvas.DrawPath(shape, paint);
        ArrowHead(canvas, last, dir, head);
    }

    private static void ArrowHead(SKCanvas canvas, SKPoint tip, SKPoint direction, SKPaint paint)
    {
        var normal = new SKPoint(-direction.Y, direction.X);
        using var path = new SKPathBuilder();
        path.MoveTo(tip + Times(direction, 4));
        path.LineTo(tip - Times(direction, 14) + Times(normal, 9));
        path.LineTo(tip - Times(direction, 14) - Times(normal, 9));
        path.Close();
        using (var shape = path.Snapshot())
            canvas.DrawPath(shape, paint);
    }

    private void Box(SKCanvas canvas, double left, double right, double bottom, double top, SKPaint fill, SKPaint edge, float radius)
    {
        var a = P(new Placed(left, top, 0));
        var b = P(new Placed(right, bottom, 0));
        var rect = new SKRect(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.X, b.X), Math.Max(a.Y, b.Y));
        canvas.DrawRoundRect(rect, radius, radius, fill);
        canvas.DrawRoundRect(rect, radius, radius, edge);
    }

    private SKPoint P(Placed p) => scene.Pixel(p, mirrored);

    private static Placed Vec(Placed a, Placed b, double t) => new(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t, b.Depth);

    private static SKPaint Stroke(SKColor colour, float width) => new()
    {
        Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width,
        StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round,
    };

    private static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };

    internal static SKColor Darker(SKColor c) => new((byte)(c.Red * 0.55), (byte)(c.Green * 0.55), (byte)(c.Blue * 0.55));

    private static double Distance(SKPoint a, SKPoint b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private static float Dot(SKPoint a, SKPoint b) => a.X * b.X + a.Y * b.Y;

    private static SKPoint Times(SKPoint p, float k) => new(p.X * k, p.Y * k);

    private static SKPoint Normalised(SKPoint p)
    {
        var length = Math.Sqrt(p.X * p.X + p.Y * p.Y);
        return length < 1e-6 ? SKPoint.Empty : new SKPoint((float)(p.X / length), (float)(p.Y / length));
    }
}
