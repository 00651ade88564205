namespace HepBot.Pictures;

/// <summary>A point or direction in the figure's space.</summary>
internal readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(Vec3 a, double k) => new(a.X * k, a.Y * k, a.Z * k);
    public static Vec3 Lerp(Vec3 a, Vec3 b, double t) => a + (b - a) * t;
}

/// <summary>A rotation, as the three columns of its matrix.</summary>
internal readonly record struct Frame(Vec3 Cx, Vec3 Cy, Vec3 Cz)
{
    public static readonly Frame Identity = new(new(1, 0, 0), new(0, 1, 0), new(0, 0, 1));

    public Vec3 Apply(Vec3 v) => Cx * v.X + Cy * v.Y + Cz * v.Z;

    public Frame Then(Frame local) => new(Apply(local.Cx), Apply(local.Cy), Apply(local.Cz));

    private static double Rad(double degrees) => degrees * Math.PI / 180;

    /// <summary>About the body's right-pointing axis: positive turns "down" toward "forward".</summary>
    public static Frame Z(double degrees)
    {
        var (s, c) = Math.SinCos(Rad(degrees));
        return new(new(c, s, 0), new(-s, c, 0), new(0, 0, 1));
    }

    /// <summary>About the forward axis: positive turns "up" toward "right".</summary>
    public static Frame X(double degrees)
    {
        var (s, c) = Math.SinCos(Rad(degrees));
        return new(new(1, 0, 0), new(0, c, s), new(0, -s, c));
    }

    /// <summary>About the long (up) axis: positive turns "right" toward "forward".</summary>
    public static Frame Y(double degrees)
    {
        var (s, c) = Math.SinCos(Rad(degrees));
        return new(new(c, 0, -s), new(0, 1, 0), new(s, 0, c));
    }
}

/// <summary>One drawn limb segment: a rounded bar between two points of the figure.</summary>
internal sealed record Bone(string Limb, string From, string To, double Width);

/// <summary>
/// The figure's body plan and forward kinematics: joint angles in, landmark positions out. Body space: x
/// forward, y up, z to the patient's right; lengths are fractions of standing height.
/// </summary>
internal static class Skeleton
{
    public const double TrunkLength = 0.30, NeckLength = 0.065, HeadRadius = 0.062;
    public const double HipHalfWidth = 0.075, ShoulderHalfWidth = 0.16;
    public const double Thigh = 0.245, Shin = 0.245, UpperArm = 0.17, Forearm = 0.15, Hand = 0.06, Fingers = 0.045;
    public const double TrunkWidthSide = 0.12, TrunkWidthFront = 0.07;
    public const double HandHalfWidth = 0.024, HandThickness = 0.009;

    /// <summary>Limb segments, drawn as rounded bars; the trunk and head are drawn separately.</summary>
    public static readonly IReadOnlyList<Bone> Bones = BuildBones();

    private static List<Bone> BuildBones()
    {
        var bones = new List<Bone> { new("head", "neck", "neckTop", 0.05) };
        foreach (var side in new[] { "right", "left" })
        {
            bones.Add(new($"{side}.leg", $"{side}.hip", $"{side}.knee", 0.075));
            bones.Add(new($"{side}.leg", $"{side}.knee", $"{side}.ankle", 0.058));
            bones.Add(new($"{side}.foot", $"{side}.heel", $"{side}.ball", 0.042));
            bones.Add(new($"{side}.foot", $"{side}.ankle", $"{side}.ball", 0.042));
            bones.Add(new($"{side}.foot", $"{side}.ball", $"{side}.toe", 0.032));
            bones.Add(new($"{side}.arm", $"{side}.shoulder", $"{side}.elbow", 0.055));
            bones.Add(new($"{side}.arm", $"{side}.elbow", $"{side}.wrist", 0.045));
            bones.Add(new($"{side}.hand", $"{side}.wrist", $"{side}.knuckles", 0.038));
            bones.Add(new($"{side}.hand", $"{side}.knuckles", $"{side}.hand", 0.028));
            bones.Add(new($"{side}.hand", $"{side}.wrist", $"{side}.thumb", 0.022));
        }
        return bones;
    }

    /// <summary>Which moving-limb name a bone belongs to: a leg includes its foot, an arm its hand.</summary>
    public static bool Belongs(Bone bone, string limb) =>
        bone.Limb == limb
        || (limb.EndsWith(".leg", StringComparison.Ordinal) && bone.Limb == limb[..^4] + ".foot")
        || (limb.EndsWith(".arm", StringComparison.Ordinal) && bone.Limb == limb[..^4] + ".hand");

    /// <summary>Landmarks that move with a limb, for choosing where the motion arrow runs.</summary>
    public static IEnumerable<string> LandmarksOf(string limb) => limb switch
    {
        "head" => ["head", "nose", "crown"],
        "trunk" => ["neck", "chest", "pelvis"],
        _ when limb.EndsWith(".leg", StringComparison.Ordinal) => [limb[..^4] + ".hip", limb[..^4] + ".knee", limb[..^4] + ".ankle", limb[..^4] + ".toe", limb[..^4] + ".heel"],
        _ when limb.EndsWith(".foot", StringComparison.Ordinal) => [limb[..^5] + ".toe", limb[..^5] + ".heel"],
        _ when limb.EndsWith(".scapula", StringComparison.Ordinal) => [limb[..^8] + ".blade", limb[..^8] + ".bladeTop", limb[..^8] + ".bladeTip"],
        _ when limb.EndsWith(".arm", StringComparison.Ordinal) => [limb[..^4] + ".elbow", limb[..^4] + ".wrist", limb[..^4] + ".hand"],
        _ => [limb[..^5] + ".hand", limb[..^5] + ".knuckles", limb[..^5] + ".thumb"],
    };

    /// <summary>Landmark positions in body space for one pose, with the pelvis at the origin.</summary>
    public static Dictionary<string, Vec3> Solve(KeyPose pose)
    {
        var at = new Dictionary<string, Vec3>(StringComparer.Ordinal);
        var pelvisFrame = Frame.Y(-pose["pelvisTurn"]).Then(Frame.Z(pose["pelvis"]));
        var pelvis = new Vec3(0, 0, 0);
        at["pelvis"] = pelvis;

        var trunk = pelvisFrame.Then(Frame.Z(-pose["trunk"])).Then(Frame.X(pose["trunkSide"])).Then(Frame.Y(-pose["trunkTwist"]));
        var neck = pelvis + trunk.Apply(new Vec3(0, TrunkLength, 0));
        at["neck"] = neck;
        // The back's curve: rounded pushes the middle of the trunk backward, arched forward.
        at["chest"] = pelvis + trunk.Apply(new Vec3(-pose["spine"] / 40 * 0.06, TrunkLength * 0.5, 0));

        // A side bend happens along the neck, not only at the skull: the neck takes half of it, so the head
        // tips over toward the shoulder instead of pivoting on top of an upright neck.
        var neckFrame = trunk.Then(Frame.Z(-pose["neck"])).Then(Frame.X(pose["headSide"] * 0.5));
        var neckTop = neck + neckFrame.Apply(new Vec3(0, NeckLength, 0));
        at["neckTop"] = neckTop;
        var head = neckFrame.Then(Frame.Z(-pose["head"])).Then(Frame.X(pose["headSide"] * 0.5)).Then(Frame.Y(-pose["headTurn"]));
        var headCentre = neckTop + head.Apply(new Vec3(0.012, HeadRadius * 0.85, 0));
        at["head"] = headCentre;
        at["nose"] = headCentre + head.Apply(new Vec3(HeadRadius * 0.95, -0.005, 0));
        at["crown"] = headCentre + head.Apply(new Vec3(0, HeadRadius, 0));
        // The ears, on the sides of the head: seen from the front a turned head hides one, a tilted head lowers one.
        at["right.ear"] = headCentre + head.Apply(new Vec3(-0.004, -0.004, HeadRadius * 0.97));
        at["left.ear"] = headCentre + head.Apply(new Vec3(-0.004, -0.004, -HeadRadius * 0.97));

        foreach (var (side, s) in new[] { ("right", 1.0), ("left", -1.0) })
        {
            double J(string joint) => pose[$"{side}.{joint}"];

            var hip = pelvis + pelvisFrame.Apply(new Vec3(0, 0, s * HipHalfWidth));
            var thigh = pelvisFrame.Then(Frame.Z(J("hip"))).Then(Frame.X(-s * J("hipAbduction"))).Then(Frame.Y(-s * J("hipRotation")));
            var knee = hip + thigh.Apply(new Vec3(0, -Thigh, 0));
            var shin = thigh.Then(Frame.Z(-J("knee")));
            var ankle = knee + shin.Apply(new Vec3(0, -Shin, 0));
            var foot = shin.Then(Frame.Y(-s * J("ankleTurn"))).Then(Frame.Z(-J("ankle")));
            var ball = ankle + foot.Apply(new Vec3(0.095, -0.04, 0));
            var toes = foot.Then(Frame.Z(-J("toes")));
            at[$"{side}.hip"] = hip;
            at[$"{side}.knee"] = knee;
            at[$"{side}.ankle"] = ankle;
            at[$"{side}.heel"] = ankle + foot.Apply(new Vec3(-0.03, -0.04, 0));
            at[$"{side}.ball"] = ball;
            at[$"{side}.toe"] = ball + toes.Apply(new Vec3(0.04, 0, 0));

            var shoulder = neck + trunk.Apply(new Vec3(-J("scapula") / 20 * 0.035, -0.03, s * ShoulderHalfWidth));
            var upper = trunk.Then(Frame.Z(J("shoulder"))).Then(Frame.X(-s * J("shoulderAbduction"))).Then(Frame.Y(-s * J("shoulderRotation")));
            var elbow = shoulder + upper.Apply(new Vec3(0, -UpperArm, 0));
            var fore = upper.Then(Frame.Z(J("elbow"))).Then(Frame.Y(-s * J("forearm")));
            var wrist = elbow + fore.Apply(new Vec3(0, -Forearm, 0));
            var palm = new Vec3(0, 0, -s);
            var (ws, wc) = Math.SinCos(J("wrist") * Math.PI / 180);
            var (fs, fc) = Math.SinCos((J("wrist") + J("fingers")) * Math.PI / 180);
            var handDir = new Vec3(0, -wc, 0) + palm * ws;
            var fingerDir = new Vec3(0, -fc, 0) + palm * fs;
            var knuckles = wrist + fore.Apply(handDir * Hand);
            var tips = knuckles + fore.Apply(fingerDir * Fingers);
            at[$"{side}.shoulder"] = shoulder;
            at[$"{side}.elbow"] = elbow;
            at[$"{side}.wrist"] = wrist;
            at[$"{side}.knuckles"] = knuckles;
            at[$"{side}.hand"] = tips;

            // The hand as a flat plate with two faces: across it toward the thumb, and the way the palm faces
            // (turned with the wrist and, for the fingers, with their curl), so the palm can be told from the back.
            var thumbward = new Vec3(1, 0, 0);
            var palmNormal = palm * wc + new Vec3(0, ws, 0);
            var fingersNormal = palm * fc + new Vec3(0, fs, 0);
            at[$"{side}.wristThumb"] = wrist + fore.Apply(thumbward * HandHalfWidth * 0.8);
            at[$"{side}.wristLittle"] = wrist - fore.Apply(thumbward * HandHalfWidth * 0.8);
            at[$"{side}.knucklesThumb"] = knuckles + fore.Apply(thumbward * HandHalfWidth);
            at[$"{side}.knucklesLittle"] = knuckles - fore.Apply(thumbward * HandHalfWidth);
            at[$"{side}.tipsThumb"] = tips + fore.Apply(thumbward * HandHalfWidth * 0.8);
            at[$"{side}.tipsLittle"] = tips - fore.Apply(thumbward * HandHalfWidth * 0.8);
            at[$"{side}.palmFace"] = wrist + fore.Apply(palmNormal * HandThickness);
            at[$"{side}.fingersFace"] = knuckles + fore.Apply(fingersNormal * HandThickness);
            at[$"{side}.thumb"] = wrist + fore.Apply(handDir * 0.035 + thumbward * (HandHalfWidth + 0.018) + palmNormal * 0.008);

            // The shoulder blade on the back: drawn back (+) it slides toward the spine and a little down.
            var blade = J("scapula") / 20;
            Vec3 OnBack(double y, double z) => pelvis + trunk.Apply(new Vec3(-TrunkWidthSide / 2 - 0.005, y, s * z));
            at[$"{side}.bladeTop"] = OnBack(TrunkLength - 0.045 - 0.012 * blade, 0.062 - 0.034 * blade);
            at[$"{side}.bladeOuter"] = OnBack(TrunkLength - 0.04 - 0.012 * blade, 0.135 - 0.022 * blade);
            at[$"{side}.bladeTip"] = OnBack(TrunkLength - 0.165 - 0.012 * blade, 0.078 - 0.034 * blade);
            at[$"{side}.blade"] = OnBack(TrunkLength - 0.085 - 0.012 * blade, 0.09 - 0.03 * blade);
        }
        at["feet"] = Vec3.Lerp(at["right.ankle"], at["left.ankle"], 0.5);
        at["knees"] = Vec3.Lerp(at["right.knee"], at["left.knee"], 0.5);
        at["hands"] = Vec3.Lerp(at["right.hand"], at["left.hand"], 0.5);
        return at;
    }
}
