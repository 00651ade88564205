using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class ExerciseConfiguration : IEntityTypeConfiguration<Exercise>
{
    public void Configure(EntityTypeBuilder<Exercise> b)
    {
        b.Property(e => e.Slug).HasMaxLength(80);
        // A slug is unique within the library and within each clinic's custom exercises.
        b.HasIndex(e => new { e.ClinicId, e.Slug }).IsUnique();
        // That index does not cover the library: unique indexes treat NULLs as distinct (and SQL Server's
        // gets an IS NOT NULL filter), so library slugs need their own filtered index.
        b.HasIndex(e => e.Slug, "IX_Exercises_LibrarySlug").IsUnique().HasFilter("\"ClinicId\" IS NULL");
        b.HasOne<Clinic>().WithMany().HasForeignKey(e => e.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.ComplexProperty(e => e.DefaultDose);
        b.Property(e => e.Poses).HasMaxLength(Exercise.PosesMaxLength);
        b.OwnsOne(e => e.Media, m =>
        {
            m.Property(x => x.FilePath).HasMaxLength(400);
            m.Property(x => x.Url).HasMaxLength(2000);
            m.Property(x => x.Caption).HasMaxLength(400);
        });
        // The texts are read and written with their exercise, so they live beside it as JSON.
        b.OwnsMany(e => e.Texts, t =>
        {
            t.ToJson();
            t.PrimitiveCollection(x => x.Steps);
            t.PrimitiveCollection(x => x.Cues);
            t.PrimitiveCollection(x => x.Cautions);
        });
    }
}
