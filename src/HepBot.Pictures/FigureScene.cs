using SkiaSharp;

namespace HepBot.Pictures;

/// <summary>A landmark as drawn: picture-plane position (height-fractions, y up) and depth toward the viewer.</summary>
internal readonly record struct Placed(double X, double Y, double Depth);

/// <summary>
/// Lays one exercise out for drawing: projects each pose into the picture plane for the exercise's view,
/// stands it on the floor (or on its mat), keeps the anchor landmark still, and fits every frame of the
/// movement into the panel at one scale, so the figure never jumps or changes size.
/// </summary>
internal sealed class FigureScene
{
    public const int AnimationFrames = 60;
    /// <summary>GIF frame delay in hundredths of a second: 60 frames of 6 = 3.6 s per loop.</summary>
    public const int FrameDelay = 6;
    private const double MatThickness = 0.022, Margin = 22, FloorMargin = 34, MaxScale = 245, MaxScaleUpperBody = 520;
    /// <summary>The view from the feet looks down along the body at 35°, so the head shows beyond the knees.</summary>
    private static readonly double FeetSin = Math.Sin(35 * Math.PI / 180), FeetCos = Math.Cos(35 * Math.PI / 180);

    private readonly ExercisePoses _data;
    private readonly double _baseAngle;
    private readonly double _scale, _originX, _floorY;

    public ExercisePoses Data => _data;
    public bool HasFloor => _data.View is not (PoseView.Above or PoseView.Feet);
    public double FloorPixel => _floorY;
    public double Scale => _scale;
    /// <summary>The key poses as placed (before scaling), for props that must reach every pose, such as a table the hand slides along.</summary>
    public IReadOnlyList<Dictionary<string, Placed>> KeyPlaced { get; }

    public FigureScene(ExercisePoses data)
    {
        _data = data;
        _baseAngle = BaseAngle(data.Position, data.View);
        var samples = AnimationPoses().Concat(data.Poses).Select(Place).ToList();
        KeyPlaced = samples[^data.Poses.Count..];
        var upperBody = data.Frame == PictureFrame.UpperBody;
        var waist = samples[0]["pelvis"].Y - 0.06;
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (var sample in samples)
            foreach (var (name, p) in sample)
            {
                // From the hips up: shins and feet below the hips may leave the picture; the hands never do.
                if (upperBody && p.Y < waist && LegPart(name))
                    continue;
                minX = Math.Min(minX, p.X - 0.05);
                maxX = Math.Max(maxX, p.X + 0.05);
                minY = Math.Min(minY, p.Y - 0.05);
                maxY = Math.Max(maxY, p.Y + 0.07);
            }
        foreach (var (left, right, top) in FixedPropExtents(samples[0]))
        {
            if (upperBody && top < waist)
                continue;
            minX = Math.Min(minX, left);
            maxX = Math.Max(maxX, right);
            maxY = Math.Max(maxY, top);
        }
        var standsOnFloor = HasFloor && !upperBody;
        if (standsOnFloor)
            minY = Math.Min(minY, 0);
        var usableHeight = PictureStyle.Height - Margin - (standsOnFloor ? FloorMargin : Margin);
        var usableWidth = PictureStyle.Width - 2 * Margin;
        _scale = Math.Min(upperBody ? MaxScaleUpperBody : MaxScale, Math.Min(usableWidth / (maxX - minX), usableHeight / (maxY - minY)));
        _originX = PictureStyle.Width / 2.0 - (minX + maxX) / 2 * _scale;
        _floorY = standsOnFloor
            ? PictureStyle.Height - FloorMargin
            : PictureStyle.Height / 2.0 + (minY + maxY) / 2 * _scale;
    }

    private static bool LegPart(string landmark) =>
        landmark is "feet" or "knees" || landmark.EndsWith(".knee", StringComparison.Ordinal) || landmark.EndsWith(".ankle", StringComparison.Ordinal)
        || landmark.EndsWith(".heel", StringComparison.Ordinal) || landmark.EndsWith(".ball", StringComparison.Ordinal) || landmark.EndsWith(".toe", StringComparison.Ordinal);

    /// <summary>The poses of one loop of the animation: a short hold at each key pose, then an eased move to the next.</summary>
    public IReadOnlyList<KeyPose> AnimationPoses()
    {
        var poses = _data.Poses;
        var perSegment = AnimationFrames / poses.Count;
        var hold = perSegment / 4;
        var frames = new List<KeyPose>(AnimationFrames);
        for (var i = 0; i < poses.Count; i++)
        {
            var from = poses[i];
            var to = poses[(i + 1) % poses.Count];
            for (var j = 0; j < perSegment; j++)
            {
                var t = j < hold ? 0 : (double)(j - hold + 1) / (perSegment - hold);
                frames.Add(KeyPose.Between(from, to, (1 - Math.Cos(Math.PI * t)) / 2));
            }
        }
        return frames;
    }

    /// <summary>The poses from the still's first key pose to its last, for the motion arrow.</summary>
    public IReadOnlyList<KeyPose> StillPath()
    {
        var path = new List<KeyPose>();
        var (from, to) = (_data.StillFrom, _data.StillTo);
        var step = from < to ? 1 : -1;
        for (var i = from; i != to; i += step)
            for (var k = 0; k < 12; k++)
                path.Add(KeyPose.Between(_data.Poses[i], _data.Poses[i + step], (1 - Math.Cos(Math.PI * k / 12.0)) / 2));
        path.Add(_data.Poses[to]);
        return path;
    }

    /// <summary>Landmarks in picture units (x right, y up from the floor), before scaling to pixels.</summary>
    public Dictionary<string, Placed> Place(KeyPose pose)
    {
        var body = Skeleton.Solve(pose);
        var (sin, cos) = Math.SinCos(_baseAngle * Math.PI / 180);
        var placed = new Dictionary<string, Placed>(body.Count, StringComparer.Ordinal);
        var turn = Frame.Y(_data.Turn);
        var (tiltSin, tiltCos) = Math.SinCos(_data.Tilt * Math.PI / 180);
        foreach (var (name, raw) in body)
        {
            var v = turn.Apply(raw);
            var (x, y, depth) = _data.View switch
            {
                PoseView.Side => (v.X, v.Y, v.Z),
                PoseView.Back => (v.Z, v.Y, -v.X),
                // From the feet of a figure on its back, a little above: its right on the viewer's left, its head far.
                PoseView.Feet => (-v.Z, v.X * FeetCos + v.Y * FeetSin, v.X * FeetSin - v.Y * FeetCos),
                _ => (-v.Z, v.Y, v.X),
            };
            var (px, py) = (x * cos - y * sin, x * sin + y * cos);
            // A viewer a little above the patient, looking down: what is nearer sits lower in the picture, and
            // a palm turned up shows its face.
            placed[name] = new Placed(px, py * tiltCos - depth * tiltSin, depth * tiltCos + py * tiltSin);
        }
        double dy;
        if (HasFloor)
        {
            var lowest = double.MaxValue;
            foreach (var bone in Skeleton.Bones)
                lowest = Math.Min(lowest, Math.Min(placed[bone.From].Y, placed[bone.To].Y) - bone.Width / 2);
            lowest = Math.Min(lowest, placed["head"].Y - Skeleton.HeadRadius);
            var trunkWidth = _data.View == PoseView.Side ? Skeleton.TrunkWidthSide : Skeleton.TrunkWidthFront;
            foreach (var key in new[] { "pelvis", "neck", "chest", "right.hip", "left.hip", "right.shoulder", "left.shoulder" })
                lowest = Math.Min(lowest, placed[key].Y - trunkWidth / 2 * (key == "chest" ? 0.7 : 1));
            dy = -lowest + (_data.Props.Any(p => p.Kind == "mat") ? MatThickness : 0);
        }
        else
            dy = -placed[_data.Anchor].Y;
        var dx = -placed[_data.Anchor].X;
        foreach (var name in placed.Keys.ToList())
        {
            var p = placed[name];
            placed[name] = p with { X = p.X + dx, Y = p.Y + dy };
        }
        return placed;
    }

    public SKPoint Pixel(Placed p, bool mirrored)
    {
        var x = _originX + p.X * _scale;
        if (mirrored)
            x = PictureStyle.Width - x;
        return new SKPoint((float)x, (float)(_floorY - p.Y * _scale));
    }

    /// <summary>In-plane turn of the whole figure for its starting position (lying figures lie along the floor).</summary>
    private static double BaseAngle(StartingPosition position, PoseView view) => (position, view) switch
    {
        (StartingPosition.Supine, PoseView.Side) => 90,
        (_, PoseView.Feet) => 0,
        (StartingPosition.Prone or StartingPosition.FourPointKneeling, PoseView.Side) => -90,
        (StartingPosition.Supine or StartingPosition.Prone or StartingPosition.SideLying, _) => -90,
        _ => 0,
    };

    /// <summary>How far fixed props reach (left, right, top), so the fit leaves room for them.</summary>
    private IEnumerable<(double Left, double Right, double Top)> FixedPropExtents(Dictionary<string, Placed> first)
    {
        foreach (var prop in _data.Props)
        {
            var at = PropGeometry.AnchorOf(prop, first);
            switch (prop.Kind)
            {
                case "chair":
                    yield return (at.X - 0.16, at.X + 0.16, at.Y + 0.3);
                    break;
                case "table" or "counter":
                    var (l, r) = PropGeometry.TableSpan(prop, first, _data.View, KeyPlaced);
                    yield return (l, r, at.Y);
                    break;
                case "wall":
                    yield return (at.X, at.X + 0.06, at.Y);
                    break;
            }
        }
    }
}
