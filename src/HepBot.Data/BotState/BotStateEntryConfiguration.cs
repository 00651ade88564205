using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.BotState;

internal sealed class BotStateEntryConfiguration : IEntityTypeConfiguration<BotStateEntry>
{
    public void Configure(EntityTypeBuilder<BotStateEntry> b)
    {
        b.ToTable("BotState");
        b.HasKey(e => e.Key);
        b.Property(e => e.Key).HasMaxLength(400);
        b.Property(e => e.ETag).HasMaxLength(64).IsConcurrencyToken();
    }
}
