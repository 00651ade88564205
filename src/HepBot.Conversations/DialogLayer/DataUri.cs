namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// A picture carried inside an attachment's <c>contentUrl</c> as <c>data:&lt;type&gt;;base64,…</c>: the Bot Framework's
/// form for an inline attachment. Used for pictures made for one patient (their progress), which are sent and
/// never stored or served. Read as a string: <see cref="Uri"/> refuses addresses longer than about 65,000 characters.
/// </summary>
public static class DataUri
{
    private const string Base64 = ";base64,";

    public static string Create(string contentType, byte[] bytes) => $"data:{contentType}{Base64}{Convert.ToBase64String(bytes)}";

    public static bool IsDataUri(string? contentUrl) => contentUrl?.StartsWith("data:", StringComparison.OrdinalIgnoreCase) == true;

    /// <returns>The bytes, or null when <paramref name="contentUrl"/> is not a base64 data URI.</returns>
    public static byte[]? Read(string? contentUrl)
    {
        if (!IsDataUri(contentUrl))
            return null;
        var start = contentUrl!.IndexOf(Base64, StringComparison.OrdinalIgnoreCase);
        if (start < 0 || contentUrl.IndexOf(',') != start + Base64.Length - 1)
            return null;
        try
        {
            return Convert.FromBase64String(contentUrl[(start + Base64.Length)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
