using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HepBot.Pictures;

/// <summary>
/// Reads library/poses.yaml, the figure data HepBot draws each exercise from. Every mistake is listed with
/// its line and exercise, so a clinic editing the file sees all of them at once.
/// </summary>
public static class PoseFile
{
    /// <summary>Fields of the pose file that pose data given with an exercise does not have.</summary>
    private static readonly string[] Sides = ["right", "left"];

    private static readonly string[] ReservedJsonFields = ["exercise", "custom"];

    public static PoseLibrary Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static PoseLibrary Parse(string yaml, string fileName = "poses.yaml")
    {
        var errors = new List<string>();
        var entries = new List<ExercisePoses>();
        var custom = new HashSet<string>(StringComparer.Ordinal);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new PoseFileException([$"{fileName} line {e.Start.Line}: {e.Message}"]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode list)
            throw new PoseFileException([$"{fileName}: the file must be a list of exercises (each item starting with '- exercise:')."]);

        foreach (var node in list.Children)
        {
            var where = $"{fileName} line {node.Start.Line}";
            if (node is not YamlMappingNode item)
            {
                errors.Add($"{where}: each item must be a mapping starting with 'exercise:'.");
                continue;
            }
            var entry = ParseEntry(item, where, errors);
            if (entry is null)
                continue;
            if (entries.Any(e => e.Exercise == entry.Exercise))
                errors.Add($"{where}: exercise '{entry.Exercise}' has pose data twice.");
            else
                entries.Add(entry);
            if (Scalar(item, "custom") is "true")
                custom.Add(entry.Exercise);
        }
        if (errors.Count > 0)
            throw new PoseFileException(errors);
        return new PoseLibrary(entries, custom);
    }

    /// <summary>
    /// The pose data of a clinic's own exercise, given as JSON (the API's <c>poseData</c>): the same fields and
    /// rules as one entry of the pose file, without <c>exercise</c> and <c>custom</c> (the exercise it belongs to is
    /// <paramref name="key"/>). Every mistake is listed, each starting with <paramref name="field"/>; numbers must be
    /// JSON numbers and no field may be null. Null with the problems when it cannot be drawn.
    /// </summary>
    public static ExercisePoses? ParseJson(string key, JsonElement json, string field, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        problems = errors;
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{field}: give an object such as {{ \"position\": \"supine\", \"moving\": [\"right.leg\"], \"poses\": [{{ \"right\": {{ \"knee\": 8 }} }}, {{ \"right\": {{ \"knee\": 0 }} }}] }}.");
            return null;
        }
        if (ToYaml(json, field, errors) is not YamlMappingNode item)
            return null;
        foreach (var reserved in ReservedJsonFields)
            if (item.Children.ContainsKey(new YamlScalarNode(reserved)))
                errors.Add($"{field}: unknown field '{reserved}' (the pose data belongs to the exercise it is given with).");
        if (errors.Count > 0)
            return null;
        item.Children.Add(new YamlScalarNode("exercise"), new YamlScalarNode(key));
        var poses = ParseEntry(item, field, errors, named: false);
        return errors.Count > 0 ? null : poses;
    }

    /// <summary>
    /// Pose data as the JSON <see cref="ParseJson"/> reads (every key pose with all its joints written out), so a clinic's
    /// own exercise can start from a library exercise's poses: read back, it draws the same figure.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject ToJson(ExercisePoses poses)
    {
        static System.Text.Json.Nodes.JsonArray Texts(IEnumerable<string> values) => [.. values.Select(v => (System.Text.Json.Nodes.JsonNode?)v)];
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["position"] = Camel(poses.Position.ToString()),
            ["view"] = Camel(poses.View.ToString()),
            ["moving"] = Texts(poses.Moving),
        };
        if (poses.Props.Count > 0)
            json["props"] = new System.Text.Json.Nodes.JsonArray([.. poses.Props.Select(p =>
            {
                var prop = new System.Text.Json.Nodes.JsonObject { ["kind"] = p.Kind };
                if (p.At is not null)
                    prop["at"] = p.At;
                if (p.To is not null)
                    prop["to"] = p.To;
                return (System.Text.Json.Nodes.JsonNode?)prop;
            })]);
        json["poses"] = new System.Text.Json.Nodes.JsonArray([.. poses.Poses.Select(pose =>
        {
            var angles = new System.Text.Json.Nodes.JsonObject();
            foreach (var (joint, angle) in pose.Angles.Where(a => !a.Key.Contains('.', StringComparison.Ordinal)))
                angles[joint] = angle;
            foreach (var side in Sides)
            {
                var sideAngles = new System.Text.Json.Nodes.JsonObject();
                foreach (var (joint, angle) in pose.Angles.Where(a => a.Key.StartsWith(side + ".", StringComparison.Ordinal)))
                    sideAngles[joint[(side.Length + 1)..]] = angle;
                if (sideAngles.Count > 0)
                    angles[side] = sideAngles;
            }
            return (System.Text.Json.Nodes.JsonNode?)angles;
        })]);
        json["still"] = new System.Text.Json.Nodes.JsonArray(poses.StillFrom + 1, poses.StillTo + 1);
        json["anchor"] = poses.Anchor;
        if (poses.Turn != 0)
            json["turn"] = poses.Turn;
        if (poses.Tilt != 0)
            json["tilt"] = poses.Tilt;
        if (poses.Frame != PictureFrame.Whole)
            json["frame"] = Camel(poses.Frame.ToString());
        if (poses.Arrow is not null)
            json["arrow"] = poses.Arrow;
        if (poses.HelpingLimbs.Count > 0)
            json["helping"] = Texts(poses.HelpingLimbs);
        return json;
    }

    /// <summary>JSON as the YAML nodes the pose file is read from; a JSON string stays quoted, so it is never read as a number.</summary>
    private static YamlNode? ToYaml(JsonElement json, string at, List<string> errors)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new YamlMappingNode();
                foreach (var property in json.EnumerateObject())
                {
                    var name = new YamlScalarNode(property.Name);
                    if (map.Children.ContainsKey(name))
                    {
                        errors.Add($"{at}.{property.Name}: given twice.");
                        continue;
                    }
                    if (ToYaml(property.Value, $"{at}.{property.Name}", errors) is { } value)
                        map.Children.Add(name, value);
                }
                return map;
            case JsonValueKind.Array:
                var list = new YamlSequenceNode();
                var index = 0;
                foreach (var element in json.EnumerateArray())
                {
                    if (ToYaml(element, $"{at}[{index}]", errors) is { } value)
                        list.Children.Add(value);
                    index++;
                }
                return list;
            case JsonValueKind.String:
                return new YamlScalarNode(json.GetString()) { Style = ScalarStyle.DoubleQuoted };
            case JsonValueKind.Number:
                return new YamlScalarNode(json.GetRawText());
            case JsonValueKind.True or JsonValueKind.False:
                return new YamlScalarNode(json.GetRawText()) { Style = ScalarStyle.DoubleQuoted };
            default:
                errors.Add($"{at}: give a value or leave the field out (null is not a value here).");
                return null;
        }
    }

    private static ExercisePoses? ParseEntry(YamlMappingNode item, string where, List<string> errors, bool named = true)
    {
        var id = Scalar(item, "exercise");
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add($"{where}: 'exercise:' (the exercise's slug) is missing.");
            return null;
        }
        if (named)
            where = $"{where}, exercise '{id}'";
        var before = errors.Count;
        foreach (var key in item.Children.Keys.OfType<YamlScalarNode>())
            if (key.Value is not ("exercise" or "position" or "view" or "moving" or "props" or "poses" or "base" or "anchor" or "still" or "custom" or "turn" or "tilt" or "frame" or "arrow" or "helping"))
                errors.Add($"{where}: unknown field '{key.Value}'.");

        var position = Enum<StartingPosition>(item, "position", where, errors, required: true);
        var view = Enum<PoseView>(item, "view", where, errors, required: false) ?? PoseView.Side;
        var frame = Enum<PictureFrame>(item, "frame", where, errors, required: false) ?? PictureFrame.Whole;

        var moving = Strings(item, "moving");
        if (moving.Count == 0)
            errors.Add($"{where}: 'moving:' must name the limb that moves ({string.Join(", ", PoseVocabulary.Limbs)}).");
        foreach (var limb in moving.Where(l => !PoseVocabulary.Limbs.Contains(l)))
            errors.Add($"{where}: unknown moving limb '{limb}' (use {string.Join(", ", PoseVocabulary.Limbs)}).");

        var helping = Strings(item, "helping");
        foreach (var limb in helping.Where(l => !PoseVocabulary.Limbs.Contains(l) || moving.Contains(l)))
            errors.Add($"{where}: helping limb '{limb}' must be a limb ({string.Join(", ", PoseVocabulary.Limbs)}) that is not also moving.");

        var props = new List<PropPlacement>();
        if (item.Children.TryGetValue(new YamlScalarNode("props"), out var propsNode))
        {
            if (propsNode is not YamlSequenceNode propList)
                errors.Add($"{where}: 'props:' must be a list.");
            else
                foreach (var p in propList.Children)
                {
                    var prop = p switch
                    {
                        YamlScalarNode s => new PropPlacement(s.Value ?? "", null, null),
                        YamlMappingNode m => new PropPlacement(Scalar(m, "kind") ?? "", Scalar(m, "at"), Scalar(m, "to")),
                        _ => new PropPlacement("", null, null),
                    };
                    if (p is YamlMappingNode propMap)
                        foreach (var propKey in propMap.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value is not ("kind" or "at" or "to")))
                            errors.Add($"{where}{At(p)}: unknown field '{propKey.Value}' in a prop (use kind, at, to).");
                    if (!PoseVocabulary.Props.Contains(prop.Kind))
                        errors.Add($"{where}{At(p)}: unknown prop '{prop.Kind}' (use {string.Join(", ", PoseVocabulary.Props)}).");
                    foreach (var landmark in new[] { prop.At, prop.To }.OfType<string>()
                        .Where(l => !PoseVocabulary.Landmarks.Contains(l) && !(l == PropGeometry.Beside && prop.Kind is "counter" or "table")))
                        errors.Add($"{where}{At(p)}: prop '{prop.Kind}' is placed at unknown landmark '{landmark}'.");
                    props.Add(prop);
                }
        }

        var anchor = Scalar(item, "anchor") ?? DefaultAnchor(position ?? StartingPosition.Standing, moving);
        if (!PoseVocabulary.Landmarks.Contains(anchor))
            errors.Add($"{where}: unknown anchor '{anchor}' (use a landmark such as pelvis, neck, feet, knees, right.ankle).");

        var baseAngles = item.Children.TryGetValue(new YamlScalarNode("base"), out var baseNode)
            ? Angles(baseNode, $"{where}, base", errors)
            : new Dictionary<string, double>();
        var start = DefaultPose(position ?? StartingPosition.Standing).With(baseAngles);

        var poses = new List<KeyPose>();
        if (!item.Children.TryGetValue(new YamlScalarNode("poses"), out var posesNode) || posesNode is not YamlSequenceNode poseList)
            errors.Add($"{where}: 'poses:' must list 2 to 4 key poses.");
        else
        {
            if (poseList.Children.Count is < 2 or > 4)
                errors.Add($"{where}: 'poses:' must list 2 to 4 key poses, not {poseList.Children.Count}.");
            for (var i = 0; i < poseList.Children.Count; i++)
                poses.Add(start.With(Angles(poseList.Children[i], $"{where}, pose {i + 1}", errors)));
        }

        var still = Strings(item, "still");
        int stillFrom = 0, stillTo = Math.Max(0, poses.Count - 1);
        if (still.Count > 0)
        {
            if (still.Count != 2 || Quoted(item, "still") || !int.TryParse(still[0], out stillFrom) || !int.TryParse(still[1], out stillTo)
                || stillFrom < 1 || stillTo < 1 || stillFrom > poses.Count || stillTo > poses.Count || stillFrom == stillTo)
                errors.Add($"{where}: 'still:' must name two different key poses by number, such as [1, 2].");
            else
            {
                stillFrom--;
                stillTo--;
            }
        }

        var turn = 0.0;
        if (Scalar(item, "turn") is { } turnText
            && (Quoted(item, "turn") || !double.TryParse(turnText, NumberStyles.Float, CultureInfo.InvariantCulture, out turn) || turn is < -90 or > 90))
            errors.Add($"{where}: 'turn:' must be degrees from -90 to 90 (how far the viewer walks round toward the patient's right).");
        var tilt = 0.0;
        if (Scalar(item, "tilt") is { } tiltText
            && (Quoted(item, "tilt") || !double.TryParse(tiltText, NumberStyles.Float, CultureInfo.InvariantCulture, out tilt) || tilt is < 0 or > 60))
            errors.Add($"{where}: 'tilt:' must be degrees from 0 to 60 (how far above the patient the viewer looks down from).");
        var arrow = Scalar(item, "arrow");
        if (arrow is not null && !PoseVocabulary.Landmarks.Contains(arrow))
            errors.Add($"{where}: the arrow follows unknown landmark '{arrow}'.");

        if (errors.Count > before || position is null)
            return null;
        var canonical = Canonical(id, position.Value, view, moving, props, poses, anchor, stillFrom, stillTo)
            + $"|turn={turn.ToString("R", CultureInfo.InvariantCulture)}|arrow={arrow}"
            + (tilt != 0 ? $"|tilt={tilt.ToString("R", CultureInfo.InvariantCulture)}" : "")
            + (frame != PictureFrame.Whole ? $"|frame={frame}" : "")
            + (helping.Count > 0 ? $"|helping={string.Join(",", helping)}" : "");
        return new ExercisePoses(id, position.Value, view, moving, props, poses, anchor, stillFrom, stillTo, turn, arrow, canonical, tilt, frame, helping);
    }

    /// <summary>The joints a starting position implies before the pose data change any of them.</summary>
    public static KeyPose DefaultPose(StartingPosition position) => new(position switch
    {
        StartingPosition.Sitting => new Dictionary<string, double>
        {
            ["right.hip"] = 90, ["left.hip"] = 90, ["right.knee"] = 90, ["left.knee"] = 90,
        },
        StartingPosition.FourPointKneeling => new Dictionary<string, double>
        {
            ["right.hip"] = 90, ["left.hip"] = 90, ["right.knee"] = 90, ["left.knee"] = 90,
            ["right.ankle"] = 50, ["left.ankle"] = 50, ["right.shoulder"] = 90, ["left.shoulder"] = 90,
            ["right.forearm"] = -90, ["left.forearm"] = -90, ["right.wrist"] = -80, ["left.wrist"] = -80,
        },
        StartingPosition.Kneeling => new Dictionary<string, double>
        {
            ["right.knee"] = 90, ["left.knee"] = 90, ["right.ankle"] = 40, ["left.ankle"] = 40,
        },
        StartingPosition.Prone => new Dictionary<string, double> { ["right.ankle"] = 50, ["left.ankle"] = 50 },
        _ => new Dictionary<string, double>(),
    });

    private static string DefaultAnchor(StartingPosition position, IReadOnlyList<string> moving) => position switch
    {
        StartingPosition.Standing when moving.Contains("right.leg") && !moving.Contains("left.leg") => "left.ankle",
        StartingPosition.Standing when moving.Contains("left.leg") && !moving.Contains("right.leg") => "right.ankle",
        StartingPosition.Standing => "feet",
        StartingPosition.Supine => "neck",
        StartingPosition.FourPointKneeling => "knees",
        _ => "pelvis",
    };

    private static Dictionary<string, double> Angles(YamlNode node, string where, List<string> errors)
    {
        var angles = new Dictionary<string, double>(StringComparer.Ordinal);
        if (node is YamlScalarNode { Value: null or "" or "{}" })
            return angles;
        if (node is not YamlMappingNode map)
        {
            errors.Add($"{where}{At(node)}: a pose is a mapping of joints to degrees, such as {{ right: {{ knee: 90 }} }}.");
            return angles;
        }
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (key is "right" or "left" or "both")
            {
                if (valueNode is not YamlMappingNode sideMap)
                {
                    errors.Add($"{where}{At(valueNode)}: '{key}:' must map joints to degrees.");
                    continue;
                }
                foreach (var (jointNode, angleNode) in sideMap.Children)
                {
                    var joint = (jointNode as YamlScalarNode)?.Value ?? "";
                    if (!Joints.TryGet(joint, out var range) || !range.PerSide)
                    {
                        errors.Add($"{where}{At(jointNode)}: '{joint}' is not a joint of one side (use {string.Join(", ", Joints.All.Where(j => j.PerSide).Select(j => j.Name))}).");
                        continue;
                    }
                    if (Angle(angleNode, range, $"{key}.{joint}", where, errors) is { } angle)
                        foreach (var side in key == "both" ? new[] { "right", "left" } : [key])
                            angles[$"{side}.{joint}"] = angle;
                }
                continue;
            }
            if (!Joints.TryGet(key, out var central) || central.PerSide)
            {
                errors.Add(central?.PerSide == true
                    ? $"{where}{At(keyNode)}: '{key}' belongs to one side; write it under right: or left:."
                    : $"{where}{At(keyNode)}: unknown joint '{key}' (use right:, left:, both: or {string.Join(", ", Joints.All.Where(j => !j.PerSide).Select(j => j.Name))}).");
                continue;
            }
            if (Angle(valueNode, central, key, where, errors) is { } value)
                angles[key] = value;
        }
        return angles;
    }

    private static double? Angle(YamlNode node, JointRange range, string name, string where, List<string> errors)
    {
        if (node is not YamlScalarNode { Value: { } text, Style: not (ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted) } || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var angle))
        {
            errors.Add($"{where}{At(node)}: {name} must be a number of degrees.");
            return null;
        }
        if (angle < range.Min || angle > range.Max)
        {
            errors.Add($"{where}{At(node)}: {name} {angle.ToString(CultureInfo.InvariantCulture)}° is outside the joint's range ({range.Min.ToString(CultureInfo.InvariantCulture)} to {range.Max.ToString(CultureInfo.InvariantCulture)}).");
            return null;
        }
        return angle;
    }

    private static TEnum? Enum<TEnum>(YamlMappingNode item, string key, string where, List<string> errors, bool required) where TEnum : struct, Enum
    {
        var text = Scalar(item, key);
        if (text is null)
        {
            if (required)
                errors.Add($"{where}: '{key}:' is missing (use {Names<TEnum>()}).");
            return null;
        }
        foreach (var value in System.Enum.GetValues<TEnum>())
            if (string.Equals(Camel(value.ToString()), text, StringComparison.Ordinal))
                return value;
        errors.Add($"{where}: unknown {key} '{text}' (use {Names<TEnum>()}).");
        return null;
    }

    private static string Names<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => Camel(v.ToString())));

    /// <summary>Where a node is in the pose file; pose data given as JSON has no lines.</summary>
    private static string At(YamlNode node) => node.Start.Equals(Mark.Empty) ? "" : $" (line {node.Start.Line})";

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>A number written as text ("30", or a JSON string): refused like a quoted joint angle, so "30" and 30 never mean the same.</summary>
    private static bool Quoted(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
        && (node is YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted }
            || node is YamlSequenceNode sequence && sequence.Children.Any(c => c is YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted }));

    private static List<string> Strings(YamlMappingNode map, string key) =>
        !map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? []
        : node is YamlSequenceNode seq ? [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")]
        : node is YamlScalarNode s ? [s.Value ?? ""]
        : [];

    private static string Canonical(string id, StartingPosition position, PoseView view, IReadOnlyList<string> moving,
        IReadOnlyList<PropPlacement> props, IReadOnlyList<KeyPose> poses, string anchor, int stillFrom, int stillTo)
    {
        var text = new StringBuilder()
            .Append(id).Append('|').Append(position).Append('|').Append(view).Append('|').Append(anchor)
            .Append('|').Append(string.Join(",", moving)).Append('|').Append(stillFrom).Append(',').Append(stillTo).Append('|');
        foreach (var prop in props)
            text.Append(prop.Kind).Append('@').Append(prop.At).Append('>').Append(prop.To).Append(';');
        foreach (var pose in poses)
        {
            text.Append('[');
            foreach (var (joint, angle) in pose.Angles)
                text.Append(joint).Append('=').Append(angle.ToString("R", CultureInfo.InvariantCulture)).Append(';');
            text.Append(']');
        }
        return text.ToString();
    }
}

/// <summary>Pose data that cannot be drawn; the message lists every problem found.</summary>
public sealed class PoseFileException(IReadOnlyList<string> errors)
    : Exception("The pose file has problems:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>The pose data of every exercise that has it, by slug.</summary>
public sealed class PoseLibrary(IReadOnlyList<ExercisePoses> entries, IReadOnlySet<string> custom)
{
    private readonly Dictionary<string, ExercisePoses> _bySlug = entries.ToDictionary(e => e.Exercise, StringComparer.Ordinal);

    public IReadOnlyList<ExercisePoses> Entries { get; } = entries;

    public ExercisePoses? For(string slug) => _bySlug.GetValueOrDefault(slug);

    /// <summary>
    /// Checks the pose data against the library: every library exercise needs pose data, and pose data must
    /// name a library exercise (or be marked <c>custom: true</c> for a clinic's own exercise).
    /// </summary>
    public IReadOnlyList<string> Problems(IEnumerable<string> librarySlugs)
    {
        var slugs = librarySlugs.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var slug in slugs.Where(s => !_bySlug.ContainsKey(s)).Order(StringComparer.Ordinal))
            problems.Add($"exercise '{slug}' has no pose data: add an entry '- exercise: {slug}' with its poses.");
        foreach (var entry in Entries.Where(e => !slugs.Contains(e.Exercise) && !custom.Contains(e.Exercise)))
            problems.Add($"pose data for '{entry.Exercise}' names no exercise in the library (mark a clinic's own exercise with 'custom: true').");
        return problems;
    }
}
