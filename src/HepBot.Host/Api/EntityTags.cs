using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace HepBot.Host.Api;

/// <summary>
/// ETags from a row's version number, and If-Match: a PATCH or PUT made from a copy that is no longer
/// current is refused with 412 instead of overwriting (or blending with) the change made in between.
/// </summary>
internal static class EntityTags
{
    public static string For(string kind, int version) => $"\"{kind}-{version}\"";

    public static void Set(HttpResponse response, string tag) => response.Headers.ETag = tag;

    /// <summary>False when the request has If-Match and none of its tags is <paramref name="current"/> (null: nothing exists yet).</summary>
    public static bool Matches(HttpRequest request, string? current)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (header.Length == 0)
            return true;
        var tags = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return current is not null && tags.Any(t => t == "*" || t == current);
    }

    public static ProblemHttpResult Stale() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The resource changed since you read it.",
        detail: "Nothing was saved. GET it again (for its new ETag) and repeat the change if it still applies.");
}
