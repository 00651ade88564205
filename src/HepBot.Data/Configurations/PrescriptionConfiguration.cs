using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.PatientId, p.Version }).IsUnique();
        b.Property(p => p.Notes).HasMaxLength(2000);
        b.ComplexProperty(p => p.Schedule, s =>
        {
            // Flags are stored as their number: a combination has no single name.
            s.Property(x => x.Days).HasConversion<int>();
        });
        b.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.PrescriptionId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.IsCurrent);
    }
}

internal sealed class PrescriptionItemConfiguration : IEntityTypeConfiguration<PrescriptionItem>
{
    public void Configure(EntityTypeBuilder<PrescriptionItem> b)
    {
        b.HasOne(i => i.Exercise).WithMany().HasForeignKey(i => i.ExerciseId).OnDelete(DeleteBehavior.Restrict);
        b.ComplexProperty(i => i.Dose);
        b.Property(i => i.Notes).HasMaxLength(1000);
        b.HasIndex(i => new { i.PrescriptionId, i.Order }).IsUnique();
    }
}
