namespace HepBot.Pictures;

/// <summary>How the patient starts: sets the figure's default joint angles and how it lies in the picture.</summary>
public enum StartingPosition
{
    Standing,
    Sitting,
    Supine,
    Prone,
    SideLying,
    FourPointKneeling,
    Kneeling,
}

/// <summary>
/// Where the viewer stands: at the figure's right side, in front of it, above a figure lying down, behind it
/// (so a counter the patient faces stays behind the figure), or at the feet of a figure lying on its back
/// (knees seen rocking from side to side).
/// </summary>
public enum PoseView
{
    Side,
    Front,
    Above,
    Back,
    Feet,
}

public enum BodySide
{
    Right,
    Left,
}

/// <summary>A joint angle the pose data may set, in degrees, with the range a body can reach.</summary>
public sealed record JointRange(string Name, double Min, double Max, bool PerSide);

/// <summary>
/// The joints of the figure. Angles are relative to the parent segment, anatomical signs: flexion, abduction,
/// external rotation, supination and plantar flexion are positive.
/// </summary>
public static class Joints
{
    public static readonly IReadOnlyList<JointRange> All =
    [
        new("pelvis", -30, 30, false),      // pelvic tilt: posterior tilt positive
        new("pelvisTurn", -60, 60, false),  // pelvis and legs rolled as one about the long axis: to the right positive
        new("spine", -40, 40, false),       // curve of the back: rounded positive, arched negative
        new("trunk", -60, 120, false),      // trunk on pelvis: forward bend positive (back to -60 for a press-up with the pelvis down)
        new("trunkSide", -45, 45, false),   // side bend: to the right positive
        new("trunkTwist", -60, 60, false),  // rotation: to the right positive
        new("neck", -50, 60, false),        // neck on trunk: forward bend positive
        new("head", -30, 40, false),        // head on neck: nod (chin down) positive
        new("headSide", -50, 50, false),    // ear toward the right shoulder positive
        new("headTurn", -85, 85, false),    // looking to the right positive
        new("hip", -30, 130, true),
        new("hipAbduction", -35, 60, true),
        new("hipRotation", -50, 50, true),
        new("knee", 0, 150, true),
        new("ankle", -30, 60, true),        // plantar flexion (toes down) positive
        new("ankleTurn", -40, 40, true),    // toes turned out positive
        new("toes", -40, 80, true),         // toes curled positive
        new("scapula", -20, 20, true),      // shoulder blade drawn back positive
        new("shoulder", -70, 180, true),
        new("shoulderAbduction", -40, 180, true),
        new("shoulderRotation", -90, 90, true),
        new("elbow", 0, 150, true),
        new("forearm", -90, 90, true),      // palm up (supination) positive
        new("wrist", -80, 80, true),        // bent toward the palm positive
        new("fingers", 0, 110, true),       // fingers curled positive
    ];

    private static readonly Dictionary<string, JointRange> ByName = All.ToDictionary(j => j.Name);

    public static bool TryGet(string name, out JointRange range) => ByName.TryGetValue(name, out range!);
}

/// <summary>One key pose: joint name (or "right.knee", "left.hip") to degrees; joints not named keep their default.</summary>
public sealed class KeyPose
{
    private readonly SortedDictionary<string, double> _angles;

    public KeyPose(IDictionary<string, double> angles) => _angles = new(angles, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Angles => _angles;

    public double this[string key] => _angles.TryGetValue(key, out var value) ? value : 0;

    public KeyPose With(IReadOnlyDictionary<string, double> overrides)
    {
        var merged = new Dictionary<string, double>(_angles);
        foreach (var (key, value) in overrides)
            merged[key] = value;
        return new KeyPose(merged);
    }

    public static KeyPose Between(KeyPose from, KeyPose to, double t)
    {
        var keys = from._angles.Keys.Union(to._angles.Keys);
        return new KeyPose(keys.ToDictionary(k => k, k => from[k] + (to[k] - from[k]) * t));
    }
}

/// <summary>A prop drawn in grey, placed at a landmark of the first pose (or following one, for a band or ball).</summary>
public sealed record PropPlacement(string Kind, string? At, string? To);

/// <summary>The pose data of one exercise: how the figure starts, what it moves and through which key poses.</summary>
public sealed record ExercisePoses(
    string Exercise,
    StartingPosition Position,
    PoseView View,
    IReadOnlyList<string> Moving,
    IReadOnlyList<PropPlacement> Props,
    IReadOnlyList<KeyPose> Poses,
    string Anchor,
    int StillFrom,
    int StillTo,
    double Turn,
    string? Arrow,
    string Canonical,
    double Tilt = 0,
    PictureFrame Frame = PictureFrame.Whole,
    IReadOnlyList<string>? Helping = null)
{
    /// <summary>Limbs that help without being the exercise (the other hand bending the wrist): drawn plain, never paled as the far side.</summary>
    public IReadOnlyList<string> HelpingLimbs => Helping ?? [];
}

/// <summary>How much of the figure the picture holds: all of it, or from the hips up (hands and wrists large enough to read).</summary>
public enum PictureFrame
{
    Whole,
    UpperBody,
}

/// <summary>Names the props and limbs pose data may use.</summary>
public static class PoseVocabulary
{
    public static readonly IReadOnlySet<string> Props = new HashSet<string>(StringComparer.Ordinal)
    {
        "mat", "chair", "wall", "step", "table", "counter", "towelRoll", "towel", "band", "ball", "cushion", "weight", "pillow",
    };

    public static readonly IReadOnlySet<string> Limbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "right.leg", "left.leg", "right.arm", "left.arm", "right.foot", "left.foot", "right.hand", "left.hand", "head", "trunk",
        "right.scapula", "left.scapula",
    };

    public static readonly IReadOnlySet<string> Landmarks = new HashSet<string>(StringComparer.Ordinal)
    {
        "pelvis", "neck", "head", "chest", "crown", "nose",
        "right.hip", "right.knee", "right.ankle", "right.heel", "right.toe", "right.shoulder", "right.elbow", "right.wrist", "right.hand", "right.thumb",
        "left.hip", "left.knee", "left.ankle", "left.heel", "left.toe", "left.shoulder", "left.elbow", "left.wrist", "left.hand", "left.thumb",
        "feet", "knees", "hands",
    };
}
