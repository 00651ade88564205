using HepBot.Core.Clinics;
using HepBot.Core.Prescriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class ProgramTemplateConfiguration : IEntityTypeConfiguration<ProgramTemplate>
{
    public void Configure(EntityTypeBuilder<ProgramTemplate> b)
    {
        b.HasOne<Clinic>().WithMany().HasForeignKey(t => t.ClinicId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.ClinicId, t.Name }).IsUnique();
        b.Property(t => t.Name).HasMaxLength(ProgramTemplate.MaxNameLength);
        b.Property(t => t.Notes).HasMaxLength(2000);
        // Flags are stored as their number: a combination has no single name.
        b.Property(t => t.Days).HasConversion<int>();
        b.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgramTemplateItemConfiguration : IEntityTypeConfiguration<ProgramTemplateItem>
{
    public void Configure(EntityTypeBuilder<ProgramTemplateItem> b)
    {
        b.HasOne(i => i.Exercise).WithMany().HasForeignKey(i => i.ExerciseId).OnDelete(DeleteBehavior.Restrict);
        b.ComplexProperty(i => i.Dose);
        b.Property(i => i.Notes).HasMaxLength(1000);
        b.HasIndex(i => new { i.TemplateId, i.Order }).IsUnique();
    }
}
