using HepBot.Core.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Outbound;

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> b)
    {
        b.HasOne<ChannelAccount>().WithMany().HasForeignKey(m => m.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.Channel).HasMaxLength(32);
        b.Property(m => m.Arguments).HasMaxLength(400);
        b.Property(m => m.IdempotencyKey).HasMaxLength(160);
        b.Property(m => m.LeaseHolder).HasMaxLength(160);
        b.Property(m => m.LastError).HasMaxLength(200);
        b.HasIndex(m => new { m.ChannelAccountId, m.IdempotencyKey }).IsUnique();
        b.HasIndex(m => new { m.Channel, m.Status, m.NextAttemptAt });
        b.HasIndex(m => new { m.ChannelAccountId, m.Status });
    }
}

internal sealed class SenderLeaseConfiguration : IEntityTypeConfiguration<SenderLease>
{
    public void Configure(EntityTypeBuilder<SenderLease> b)
    {
        b.HasKey(l => l.Channel);
        b.Property(l => l.Channel).HasMaxLength(32);
        b.Property(l => l.Holder).HasMaxLength(160);
    }
}
