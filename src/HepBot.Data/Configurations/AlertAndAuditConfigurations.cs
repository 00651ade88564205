using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Therapist>().WithMany().HasForeignKey(a => a.TherapistId).OnDelete(DeleteBehavior.NoAction);
        b.Property(a => a.Detail).HasMaxLength(1000);
        b.Property(a => a.Findings).HasMaxLength(400);
        b.Property(a => a.PatientWords).HasMaxLength(Alert.MaxPatientWords);
        b.Ignore(a => a.FindingList);
        b.HasIndex(a => new { a.TherapistId, a.CreatedAt });
        b.HasIndex(a => new { a.PatientId, a.Kind });
        b.Ignore(a => a.IsOpen);
    }
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> b)
    {
        b.HasOne<Alert>().WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.LastError).HasMaxLength(200);
        b.HasIndex(d => new { d.AlertId, d.Destination }).IsUnique();
        b.HasIndex(d => new { d.State, d.NextAttemptAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.HasIndex(a => new { a.PatientId, a.At });
    }
}
