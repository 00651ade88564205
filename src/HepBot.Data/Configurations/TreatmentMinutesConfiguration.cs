using HepBot.Core.Billing;
using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HepBot.Data.Configurations;

internal sealed class TreatmentMinutesConfiguration : IEntityTypeConfiguration<TreatmentMinutes>
{
    public void Configure(EntityTypeBuilder<TreatmentMinutes> b)
    {
        b.Property(m => m.Activity).HasMaxLength(TreatmentMinutes.MaxActivity);
        b.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Therapist>().WithMany().HasForeignKey(m => m.TherapistId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<PatientMessage>().WithMany().HasForeignKey(m => m.MessageId).OnDelete(DeleteBehavior.NoAction);
        // The month report sums one patient's month.
        b.HasIndex(m => new { m.PatientId, m.Date });
        // A reply is logged once.
        b.HasIndex(m => m.MessageId).IsUnique();
    }
}
