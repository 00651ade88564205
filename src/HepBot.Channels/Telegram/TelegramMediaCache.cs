using System.Collections.Concurrent;

namespace HepBot.Channels.Telegram;

/// <summary>
/// Telegram keeps every file a bot uploads and answers with a file_id that can be sent again without
/// uploading. This remembers that id per library file, keyed by path, size and last-write time so an
/// edited file is uploaded afresh. In memory: after a restart each file is uploaded once more.
/// </summary>
public sealed class TelegramMediaCache
{
    private readonly ConcurrentDictionary<MediaFileKey, string> _fileIds = new();

    public int Count => _fileIds.Count;

    public static MediaFileKey KeyOf(FileInfo file) => new(file.FullName, file.Length, file.LastWriteTimeUtc);

    public bool TryGet(MediaFileKey key, out string fileId) => _fileIds.TryGetValue(key, out fileId!);

    public void Remember(MediaFileKey key, string fileId) => _fileIds[key] = fileId;

    /// <summary>Drops a file_id Telegram no longer accepts, so the next send uploads the file again.</summary>
    public void Forget(MediaFileKey key) => _fileIds.TryRemove(key, out _);
}

public readonly record struct MediaFileKey(string Path, long Size, DateTime LastWriteUtc);
