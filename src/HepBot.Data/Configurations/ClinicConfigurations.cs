using HepBot.Core.Clinics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.DefaultTimeZone).HasMaxLength(64);
        b.Property(c => c.EmergencyNumber).HasMaxLength(Clinic.MaxEmergencyNumber);
        b.ComplexProperty(c => c.AlertRuleDefaults);
    }
}

internal sealed class TherapistConfiguration : IEntityTypeConfiguration<Therapist>
{
    public void Configure(EntityTypeBuilder<Therapist> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Email).HasMaxLength(254);
        b.Property(t => t.Locale).HasMaxLength(16);
        b.HasIndex(t => t.Email).IsUnique();
        b.Ignore(t => t.IsActive);
        b.HasOne(t => t.Clinic).WithMany().HasForeignKey(t => t.ClinicId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.Hash).HasMaxLength(128);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasOne(k => k.Therapist).WithMany().HasForeignKey(k => k.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}
