using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b)
    {
        b.Property(p => p.DisplayName).HasMaxLength(100);
        b.Property(p => p.Locale).HasMaxLength(16);
        b.Property(p => p.TimeZoneId).HasMaxLength(64);
        b.PrimitiveCollection(p => p.ReminderTimes);
        b.ComplexProperty(p => p.AlertRuleOverrides);
        b.HasOne(p => p.Therapist).WithMany().HasForeignKey(p => p.TherapistId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.ClinicId, p.TherapistId });
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class PatientMessageConfiguration : IEntityTypeConfiguration<PatientMessage>
{
    public void Configure(EntityTypeBuilder<PatientMessage> b)
    {
        b.Property(m => m.Text).HasMaxLength(PatientMessage.MaxLength);
        b.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Therapist>().WithMany().HasForeignKey(m => m.TherapistId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(m => new { m.TherapistId, m.SentAt });
        // The thread of one patient is read newest last.
        b.HasIndex(m => new { m.PatientId, m.SentAt });
    }
}
