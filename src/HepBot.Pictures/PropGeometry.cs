namespace HepBot.Pictures;

/// <summary>Where each prop goes, from the landmark the pose data put it at (or the prop's usual place).</summary>
internal static class PropGeometry
{
    public static readonly IReadOnlySet<string> Following = new HashSet<string>(StringComparer.Ordinal) { "towel", "band", "ball", "weight" };

    /// <summary>A counter or table along the patient's far side (walking beside a counter) rather than in front.</summary>
    public const string Beside = "beside";

    public static string DefaultAnchor(string kind) => kind switch
    {
        "chair" => "pelvis",
        "table" or "counter" or "wall" => "hands",
        "step" or "towel" => "feet",
        "towelRoll" or "cushion" or "pillow" => "knees",
        "band" or "ball" or "weight" => "right.hand",
        _ => "pelvis",
    };

    public static Placed AnchorOf(PropPlacement prop, IReadOnlyDictionary<string, Placed> at) => at[prop.At ?? DefaultAnchor(prop.Kind)];

    /// <summary>
    /// A table's or counter's top from left to right: its edge at the anchor, reaching past <c>to</c> when
    /// given (a forearm along the table with the hand over the edge), otherwise out in front of the patient.
    /// </summary>
    public static (double Left, double Right) TableSpan(PropPlacement prop, IReadOnlyDictionary<string, Placed> at, PoseView view,
        IReadOnlyList<Dictionary<string, Placed>> keyPoses)
    {
        var anchor = AnchorOf(prop, at);
        if (prop.To == Beside)
            return (anchor.X - 0.6, anchor.X + 0.6);
        if (prop.To is { } to)
        {
            // Toward "to" the top reaches past it in every key pose (a towel slid forward stays on the table);
            // when "to" lies back toward the patient, the anchor is the far edge (a hand over it) and the top
            // stops at the patient, just behind "to", never running through the body.
            var other = at[to];
            return other.X >= anchor.X
                ? (anchor.X, keyPoses.Max(p => p[to].X) + 0.25)
                : (keyPoses.Min(p => p[to].X) - 0.02, anchor.X);
        }
        // Seen from the front or back the counter reaches well past both hands, so it reads as a counter, not a post.
        return view == PoseView.Side ? (anchor.X - 0.1, anchor.X + 0.3) : (anchor.X - 0.45, anchor.X + 0.45);
    }
}
