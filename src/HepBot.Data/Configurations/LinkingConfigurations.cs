using HepBot.Core.Clinics;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(i => i.Code).HasMaxLength(16);
        b.HasIndex(i => i.Code).IsUnique();
        // Two chats redeeming one code at once: the second update finds RedeemedAt already set and fails.
        b.Property(i => i.RedeemedAt).IsConcurrencyToken();
        b.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Therapist>().WithMany().HasForeignKey(i => i.TherapistId).OnDelete(DeleteBehavior.NoAction);
        b.ToTable(t => t.HasCheckConstraint("CK_Invitations_OneTarget",
            "(\"PatientId\" IS NULL AND \"TherapistId\" IS NOT NULL) OR (\"PatientId\" IS NOT NULL AND \"TherapistId\" IS NULL)"));
    }
}

internal sealed class ChannelAccountConfiguration : IEntityTypeConfiguration<ChannelAccount>
{
    public void Configure(EntityTypeBuilder<ChannelAccount> b)
    {
        b.Property(a => a.Channel).HasMaxLength(32);
        b.Property(a => a.ChannelUserId).HasMaxLength(200);
        b.Property(a => a.ChannelUserObjectId).HasMaxLength(64);
        b.Property(a => a.ConversationId).HasMaxLength(400);
        b.Property(a => a.ConversationReference).HasMaxLength(8000);
        b.HasIndex(a => new { a.Channel, a.ConversationId }).IsUnique();
        b.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Therapist>().WithMany().HasForeignKey(a => a.TherapistId).OnDelete(DeleteBehavior.NoAction);
    }
}
