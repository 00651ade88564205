using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Deliveries;

internal sealed class SeenDeliveryConfiguration : IEntityTypeConfiguration<SeenDelivery>
{
    public void Configure(EntityTypeBuilder<SeenDelivery> b)
    {
        b.HasKey(d => new { d.Channel, d.DeliveryId });
        b.Property(d => d.Channel).HasMaxLength(32);
        b.Property(d => d.DeliveryId).HasMaxLength(64);
        b.HasIndex(d => d.SeenAt);
    }
}
