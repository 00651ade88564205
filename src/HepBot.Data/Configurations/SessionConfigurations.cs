using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class SessionLogConfiguration : IEntityTypeConfiguration<SessionLog>
{
    public void Configure(EntityTypeBuilder<SessionLog> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Prescription>().WithMany().HasForeignKey(s => s.PrescriptionId).OnDelete(DeleteBehavior.Restrict);
        // One log per planned session: a double tap or a resumed conversation cannot start a second one.
        b.HasIndex(s => new { s.PatientId, s.LocalDate, s.SessionNumber }).IsUnique();
        // Covers the nightly adherence run's read of a page of patients' recent sessions, so it is answered from the
        // index alone (an index-only scan) instead of one heap page per session.
        b.HasIndex(s => new { s.PatientId, s.LocalDate, s.SessionNumber, s.Id, s.ExercisesPlanned, s.Status, s.PainBefore, s.PainAfter, s.SkipBarrier })
            .HasDatabaseName("IX_SessionLogs_PatientId_LocalDate_Covering");
        b.Property(s => s.Note).HasMaxLength(2000);
        b.HasMany(s => s.Exercises).WithOne().HasForeignKey(e => e.SessionLogId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(s => s.ExercisesDone);
    }
}

internal sealed class ExerciseLogConfiguration : IEntityTypeConfiguration<ExerciseLog>
{
    public void Configure(EntityTypeBuilder<ExerciseLog> b)
    {
        b.HasIndex(e => new { e.SessionLogId, e.PrescriptionItemId }).IsUnique();
        // Covers the nightly run's read of what was done and the pain scored per session: the index alone answers it.
        b.HasIndex(e => new { e.SessionLogId, e.Outcome, e.Pain });
        b.Property(e => e.Note).HasMaxLength(2000);
    }
}
