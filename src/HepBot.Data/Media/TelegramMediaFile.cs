using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Media;

/// <summary>
/// A file one Telegram bot has uploaded, by what it holds: Telegram answers an upload with a file_id that the same
/// bot may send again without uploading, for as long as Telegram keeps the file. Kept in the database so a
/// restart, or another host of the same bot, does not upload the picture again.
/// </summary>
public sealed class TelegramMediaFile
{
    /// <summary>The bot the file_id belongs to (a file_id is valid only for the bot that received it).</summary>
    public long BotId { get; set; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex: an edited picture is a new file.</summary>
    public required string ContentKey { get; set; }

    public required string FileId { get; set; }

    public required string FileUniqueId { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class TelegramMediaFileConfiguration : IEntityTypeConfiguration<TelegramMediaFile>
{
    public void Configure(EntityTypeBuilder<TelegramMediaFile> b)
    {
        b.HasKey(f => new { f.BotId, f.ContentKey });
        b.Property(f => f.BotId).ValueGeneratedNever();
        b.Property(f => f.ContentKey).HasMaxLength(64);
        b.Property(f => f.FileId).HasMaxLength(256);
        b.Property(f => f.FileUniqueId).HasMaxLength(128);
    }
}
