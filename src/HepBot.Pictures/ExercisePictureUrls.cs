namespace HepBot.Pictures;

/// <summary>The stable addresses HepBot serves exercise pictures on (Teams cards and the web app load them).</summary>
public static class ExercisePictureUrls
{
    public static string StillPath(string slug, BodySide side) => $"/media/exercises/{Uri.EscapeDataString(slug)}/still.png?side={Side(side)}";

    public static string AnimationPath(string slug, BodySide side) => $"/media/exercises/{Uri.EscapeDataString(slug)}/animation.gif?side={Side(side)}";

    public static string Still(string baseUrl, string slug, BodySide side) => baseUrl.TrimEnd('/') + StillPath(slug, side);

    /// <summary>A clinic's own exercise drawn from its own pose data: by its id, as its slug is unique only within its clinic.</summary>
    public static string OwnStillPath(Guid exerciseId, BodySide side) => $"/media/exercises/custom/{exerciseId:D}/still.png?side={Side(side)}";

    public static string OwnAnimationPath(Guid exerciseId, BodySide side) => $"/media/exercises/custom/{exerciseId:D}/animation.gif?side={Side(side)}";

    private static string Side(BodySide side) => side == BodySide.Left ? "left" : "right";
}

/// <summary>HepBot's public https address, when it has one (<c>Pictures:PublicBaseUrl</c>).</summary>
public sealed record ExercisePictureAddress(string? BaseUrl);
