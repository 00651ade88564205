using System.Collections.Concurrent;
using System.Security.Cryptography;
using HepBot.Data;
using HepBot.Data.Media;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Channels.Telegram;

/// <summary>
/// Telegram keeps every file a bot uploads and answers with a file_id that the same bot can send again without
/// uploading. This remembers that id per bot and per file content (SHA-256 of the bytes, so an edited picture is
/// uploaded afresh and the same drawing under another name is not), in the <c>TelegramMediaFiles</c> table: after a
/// restart, and on every host of the bot, a picture already uploaded goes by its file_id. A copy is kept in memory.
/// </summary>
public sealed class TelegramMediaCache(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(long Bot, string Key), string> _fileIds = new();
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Written), string> _contentKeys = new();

    /// <summary>The content key of a file on disk; hashed once per path, size and write time.</summary>
    public string ContentKeyOf(FileInfo file) =>
        _contentKeys.GetOrAdd((file.FullName, file.Length, file.LastWriteTimeUtc), _ =>
        {
            using var stream = file.OpenRead();
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });

    /// <summary>The file_id the bot got for this content, or null when it has not been uploaded yet.</summary>
    public async Task<string?> FileIdAsync(long botId, string contentKey, CancellationToken ct)
    {
        if (_fileIds.TryGetValue((botId, contentKey), out var known))
            return known;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.TelegramMediaFiles.AsNoTracking()
            .Where(f => f.BotId == botId && f.ContentKey == contentKey)
            .Select(f => f.FileId)
            .FirstOrDefaultAsync(ct);
        if (stored is not null)
            _fileIds[(botId, contentKey)] = stored;
        return stored;
    }

    /// <summary>Keeps the file_id of an upload, replacing one Telegram no longer accepted.</summary>
    public async Task RememberAsync(long botId, string contentKey, string fileId, string fileUniqueId, CancellationToken ct)
    {
        _fileIds[(botId, contentKey)] = fileId;
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ReplaceAsync(db, botId, contentKey, fileId, fileUniqueId, now, ct) == 1)
            return;
        db.TelegramMediaFiles.Add(new TelegramMediaFile
        {
            BotId = botId, ContentKey = contentKey, FileId = fileId, FileUniqueId = fileUniqueId, UploadedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            // Another chat uploaded the same picture at the same moment: either file_id works; keep the newer.
            db.ChangeTracker.Clear();
            await ReplaceAsync(db, botId, contentKey, fileId, fileUniqueId, now, ct);
        }
    }

    /// <summary>Drops a file_id Telegram no longer accepts, so the next send uploads the file again.</summary>
    public async Task ForgetAsync(long botId, string contentKey, CancellationToken ct)
    {
        _fileIds.TryRemove((botId, contentKey), out _);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.TelegramMediaFiles.Where(f => f.BotId == botId && f.ContentKey == contentKey).ExecuteDeleteAsync(ct);
    }

    private static Task<int> ReplaceAsync(HepBotDbContext db, long botId, string contentKey, string fileId, string fileUniqueId,
        DateTimeOffset now, CancellationToken ct) =>
        db.TelegramMediaFiles.Where(f => f.BotId == botId && f.ContentKey == contentKey)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.FileId, fileId)
                .SetProperty(f => f.FileUniqueId, fileUniqueId)
                .SetProperty(f => f.UploadedAt, now), ct);
}
