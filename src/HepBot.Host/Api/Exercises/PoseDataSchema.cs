using System.Globalization;
using System.Text.Json.Nodes;
using HepBot.Pictures;
using Microsoft.OpenApi;

namespace HepBot.Host.Api.Exercises;

/// <summary>
/// The OpenAPI schema of an exercise's <c>poseData</c>: the pose file's vocabulary (library/poses.yaml), every field described,
/// with the names and joint ranges the server checks, so a client can write pose data from the document alone.
/// </summary>
internal static class PoseDataSchema
{
    public const string PropertyName = "poseData";

    public static void Describe(OpenApiSchema schema)
    {
        schema.Description =
            "Pose data HepBot draws the exercise from (a still with the start and end pose and a looping animation), in the vocabulary of the "
            + "library's pose file: a simple figure's starting position, the view, the props, the limb that moves and 2 to 4 key poses as joint "
            + "angles in degrees from the starting position, for the figure's right side (the left side is drawn as its mirror). "
            + "Unknown fields, joints outside their range, unknown names and null values are refused with a 400 naming them. "
            + "GET /api/v1/exercises gives every library exercise's poseData to start from.";
        schema.Type = JsonSchemaType.Object | JsonSchemaType.Null;
        schema.AdditionalPropertiesAllowed = false;
        schema.AdditionalProperties = null;
        schema.Required = new HashSet<string> { "position", "moving", "poses" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["position"] = Names("How the patient starts; sets the figure's default joint angles and how it lies.", Camel<StartingPosition>()),
            ["view"] = Names("Where the viewer stands (default side: at the patient's right; feet: at the feet of a figure on its back).", Camel<PoseView>()),
            ["moving"] = List("The limbs that move, drawn in the clinic's colour (at least one).", Names("A limb.", PoseVocabulary.Limbs.Order(StringComparer.Ordinal))),
            ["helping"] = List("Limbs that help without being the exercise (the other hand bending the wrist), drawn plainly; never also moving.", Names("A limb.", PoseVocabulary.Limbs.Order(StringComparer.Ordinal))),
            ["props"] = List("Props drawn in grey, each a name or an object placing it at a landmark of the first pose.", Prop()),
            ["base"] = Angles("Joint angles every key pose shares (optional)."),
            ["poses"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "2 to 4 key poses; the animation eases from one to the next and back to the first. Joints not named keep the starting position's angle.",
                MinItems = 2,
                MaxItems = 4,
                Items = Angles("One key pose: joint angles in degrees."),
            },
            ["still"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Which two different key poses the still shows, by number from 1 (default: the first and the last).",
                MinItems = 2,
                MaxItems = 2,
                Items = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "A key pose's number, from 1.", Minimum = "1", Maximum = "4" },
            },
            ["anchor"] = Names("The landmark that stays put between key poses (default by position: a standing foot, the neck lying on the back, the knees on all fours, else the pelvis).", Landmarks()),
            ["arrow"] = Names("The landmark the motion arrow follows (default: what moves most); crown for a side bend, nose for a head turning.", Landmarks()),
            ["turn"] = Number("Degrees the viewer walks round toward the patient's right.", -90, 90),
            ["tilt"] = Number("Degrees the viewer looks down from above, so a palm turned up shows its face.", 0, 60),
            ["frame"] = Names("How much of the figure the picture holds: whole (default) or upperBody (hips up, for hands and wrists).", Camel<PictureFrame>()),
        };
    }

    private static OpenApiSchema Angles(string description)
    {
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var joint in Joints.All.Where(j => !j.PerSide))
            properties[joint.Name] = Number(JointMeaning(joint.Name), joint.Min, joint.Max);
        var side = new Dictionary<string, IOpenApiSchema>();
        foreach (var joint in Joints.All.Where(j => j.PerSide))
            side[joint.Name] = Number(JointMeaning(joint.Name), joint.Min, joint.Max);
        foreach (var (name, meaning) in new[] { ("right", "The figure's right side."), ("left", "The figure's left side."), ("both", "Both sides alike.") })
            properties[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = meaning + " Joints of one side in degrees.",
                AdditionalPropertiesAllowed = false,
                Properties = side.ToDictionary(p => p.Key, p => p.Value),
            };
        return new OpenApiSchema { Type = JsonSchemaType.Object, Description = description, AdditionalPropertiesAllowed = false, Properties = properties };
    }

    private static string JointMeaning(string joint) => joint switch
    {
        "pelvis" => "Pelvic tilt, tilted back positive.",
        "pelvisTurn" => "Pelvis and legs rolled as one about the long axis, to the right positive.",
        "spine" => "Curve of the back, rounded positive, arched negative.",
        "trunk" => "Trunk on the pelvis, bending forward positive.",
        "trunkSide" => "Side bend, to the right positive.",
        "trunkTwist" => "Trunk rotation, to the right positive.",
        "neck" => "Neck on the trunk, bending forward positive.",
        "head" => "Head on the neck, nodding (chin down) positive.",
        "headSide" => "Ear toward the right shoulder positive.",
        "headTurn" => "Looking to the right positive.",
        "hip" => "Hip bent forward positive.",
        "hipAbduction" => "Leg out to the side positive.",
        "hipRotation" => "Hip turned outward positive.",
        "knee" => "Knee bent positive (0 is straight).",
        "ankle" => "Toes pointed down positive.",
        "ankleTurn" => "Toes turned out positive.",
        "toes" => "Toes curled positive.",
        "scapula" => "Shoulder blade drawn back positive.",
        "shoulder" => "Arm forward and up positive.",
        "shoulderAbduction" => "Arm out to the side positive.",
        "shoulderRotation" => "Arm turned outward positive.",
        "elbow" => "Elbow bent positive (0 is straight).",
        "forearm" => "Palm up positive.",
        "wrist" => "Bent toward the palm positive.",
        "fingers" => "Fingers curled positive.",
        _ => "Degrees.",
    };

    private static OpenApiSchema Prop()
    {
        var kinds = PoseVocabulary.Props.Order(StringComparer.Ordinal).ToList();
        return new OpenApiSchema
        {
            Description = "A prop: its name alone, or an object with where it is.",
            OneOf =
            [
                Names("A prop by name, placed where the starting position puts it.", kinds),
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "A prop placed at a landmark.",
                    AdditionalPropertiesAllowed = false,
                    Required = new HashSet<string> { "kind" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["kind"] = Names("The prop.", kinds),
                        ["at"] = Names("The landmark of the first pose it is placed at (a band or ball follows it).", Landmarks()),
                        ["to"] = Names("For a table, band or counter: the landmark it reaches to (a table or counter may also be \"beside\").", Landmarks().Append("beside")),
                    },
                },
            ],
        };
    }

    private static IEnumerable<string> Landmarks() => PoseVocabulary.Landmarks.Order(StringComparer.Ordinal);

    private static IEnumerable<string> Camel<TEnum>() where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]);

    private static OpenApiSchema Names(string description, IEnumerable<string> names) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = [.. names.Select(n => (JsonNode)n)],
    };

    private static OpenApiSchema List(string description, IOpenApiSchema item) => new()
    {
        Type = JsonSchemaType.Array,
        Description = description,
        Items = item,
    };

    private static OpenApiSchema Number(string description, double min, double max) => new()
    {
        Type = JsonSchemaType.Number,
        Description = $"{description} {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.",
        Minimum = min.ToString(CultureInfo.InvariantCulture),
        Maximum = max.ToString(CultureInfo.InvariantCulture),
    };
}
