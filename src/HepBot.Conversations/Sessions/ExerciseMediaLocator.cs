using HepBot.Core.Exercises;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// Turns an exercise's media into a Bot Framework attachment: a URL as it is, a library file as an
/// absolute file URI under the media folder (channel adapters upload it). Missing files are left out
/// rather than sent broken.
/// </summary>
public sealed class ExerciseMediaLocator(string mediaFolder)
{
    public Attachment? Attachment(ExerciseMedia? media)
    {
        if (media is null)
            return null;
        string? location = media.Url;
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
