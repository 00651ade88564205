using HepBot.Core.Exercises;
using HepBot.Pictures;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// Turns an exercise's media into a Bot Framework attachment: a URL as it is, a library file as an
/// absolute file URI under the media folder (channel adapters upload it). Missing files are left out
/// rather than sent broken. Without media named in the library, the exercise's picture: the clinic's own
/// file in the media folder or HepBot's drawing. Teams fetches card images itself, so it gets the still on
/// HepBot's public address (<paramref name="publicBaseUrl"/>) with alt text, inside the card; without that address
/// it gets no picture (a file on this machine is nothing Teams can show). Telegram and the console get the animation file.
/// </summary>
public sealed class ExerciseMediaLocator(string mediaFolder, ExercisePictures? pictures = null, string? publicBaseUrl = null)
{
    /// <summary>Channels that load pictures from a web address rather than being sent the file.</summary>
    private static readonly IReadOnlySet<string> WebChannels = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "msteams", "webchat", "directline" };

    /// <summary>True when pictures for <paramref name="channelId"/> must be on a web address (Teams, Web Chat).</summary>
    public static bool IsWebChannel(string? channelId) => WebChannels.Contains(channelId ?? "");

    /// <summary>True when HepBot has a public address to put pictures on for web channels.</summary>
    public bool HasPublicAddress => publicBaseUrl is { Length: > 0 };

    /// <summary>
    /// The picture for one exercise card, drawn for the prescribed side (each: the right first).
    /// <paramref name="altText"/> describes it for a screen reader where the picture sits in a card.
    /// </summary>
    public Attachment? Attachment(Exercise exercise, Side side, string? channelId, string? altText = null)
    {
        if (exercise.Media is not null)
            return Attachment(exercise.Media);
        if (pictures is null || !pictures.Has(exercise))
            return null;
        var bodySide = side == Side.Left ? BodySide.Left : BodySide.Right;
        if (IsWebChannel(channelId))
        {
            if (publicBaseUrl is not { Length: > 0 } baseUrl)
                return null;
            var still = pictures.Still(exercise, bodySide)!;
            return new Attachment
            {
                ContentType = still.ContentType,
                ContentUrl = baseUrl.TrimEnd('/') + pictures.StillPath(exercise, bodySide),
                Name = altText,
            };
        }
        var file = pictures.Animation(exercise, bodySide)!;
        return new Attachment { ContentType = file.ContentType, ContentUrl = new Uri(file.Path).AbsoluteUri };
    }

    public Attachment? Attachment(ExerciseMedia? media)
    {
        if (media is null)
            return null;
        var location = media.Url;
        if (location is null && media.FilePath is { } file)
        {
            var path = Path.GetFullPath(Path.Combine(mediaFolder, file));
            if (!File.Exists(path))
                return null;
            location = new Uri(path).AbsoluteUri;
        }
        return location is null ? null : new Attachment
        {
            ContentType = ContentType(media.Kind, location),
            ContentUrl = location,
            Name = media.Caption,
        };
    }

    private static string ContentType(MediaKind kind, string location) =>
        (kind, Path.GetExtension(new Uri(location, UriKind.RelativeOrAbsolute).IsAbsoluteUri
            ? new Uri(location).AbsolutePath : location).ToLowerInvariant()) switch
        {
            (_, ".png") => "image/png",
            (_, ".jpg" or ".jpeg") => "image/jpeg",
            (_, ".gif") => "image/gif",
            (_, ".webp") => "image/webp",
            (_, ".mp4") => "video/mp4",
            (_, ".webm") => "video/webm",
            (MediaKind.Video, _) => "video/mp4",
            (MediaKind.Animation, _) => "image/gif",
            _ => "image/jpeg",
        };
}
