using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Testing;

/// <summary>
/// A small clinic in a fresh database that holds the exercise library (see <see cref="LibraryDatabase"/>): one therapist and one patient (Alex, in Madrid) with a knee
/// program of three library exercises, every day (or on <c>days</c>; or no program at all), and an
/// open invitation code.
/// </summary>
public sealed class ClinicFixture
{
    public static readonly string[] KneeProgram = ["quad-set", "straight-leg-raise", "heel-slide"];

    public Guid ClinicId { get; private set; }
    public Guid TherapistId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PrescriptionId { get; private set; }
    public string InvitationCode { get; private set; } = "";
    public IReadOnlyList<Exercise> Exercises { get; private set; } = [];

    public static async Task<ClinicFixture> SeedAsync(TestDatabase database, DateTimeOffset now, string locale = "en",
        string timeZone = "Europe/Madrid", string[]? program = null, TrainingDays days = TrainingDays.Every,
        bool withProgram = true)
    {
        var fixture = new ClinicFixture();
        await using var db = database.CreateContext();
        var clinic = new Clinic { Name = "Riverside Physio", CreatedAt = now };
        var therapist = new Therapist { ClinicId = clinic.Id, Name = "Dana Ruiz", Email = "dana@riverside.test", CreatedAt = now };
        var patient = new Patient
        {
            ClinicId = clinic.Id,
            TherapistId = therapist.Id,
            DisplayName = "Alex Moreno",
            Locale = locale,
            TimeZoneId = timeZone,
            ReminderTimes = [new TimeOnly(18, 0)],
            CreatedAt = now,
        };
        db.AddRange(clinic, therapist, patient);
        await db.SaveChangesAsync();

        var slugs = withProgram ? program ?? KneeProgram : [];
        var exercises = await db.Exercises.Where(e => slugs.Contains(e.Slug)).ToListAsync();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var prescription = new Prescription
        {
            PatientId = patient.Id,
            Version = 1,
            PrescribedById = therapist.Id,
            CreatedAt = now,
            Schedule = new PrescriptionSchedule(1, days, today.AddDays(-14), null),
            Items = slugs.Select((slug, i) =>
            {
                var exercise = exercises.Single(e => e.Slug == slug);
                return new PrescriptionItem { Order = i + 1, ExerciseId = exercise.Id, Dose = exercise.DefaultDose };
            }).ToList(),
        };
        var invitation = new Invitation
        {
            Code = Core.Linking.InvitationCode.New(),
            PatientId = patient.Id,
            CreatedById = therapist.Id,
            CreatedAt = now,
            ExpiresAt = now.AddDays(7),
        };
        if (withProgram)
            db.Add(prescription);
        db.Add(invitation);
        await db.SaveChangesAsync();

        fixture.ClinicId = clinic.Id;
        fixture.TherapistId = therapist.Id;
        fixture.PatientId = patient.Id;
        fixture.PrescriptionId = withProgram ? prescription.Id : Guid.Empty;
        fixture.InvitationCode = invitation.Code;
        fixture.Exercises = slugs.Select(s => exercises.Single(e => e.Slug == s)).ToList();
        return fixture;
    }

    /// <summary>Another invitation code for Alex (or for the therapist's own chat), in the given state.</summary>
    public async Task<string> InviteAsync(TestDatabase database, DateTimeOffset now, InvitationState state = InvitationState.Open,
        bool forTherapist = false, string? code = null)
    {
        await using var db = database.CreateContext();
        var invitation = new Invitation
        {
            Code = code ?? Core.Linking.InvitationCode.New(),
            PatientId = forTherapist ? null : PatientId,
            TherapistId = forTherapist ? TherapistId : null,
            CreatedById = TherapistId,
            CreatedAt = now.AddDays(-8),
            ExpiresAt = state == InvitationState.Expired ? now.AddDays(-1) : now.AddDays(7),
            RevokedAt = state == InvitationState.Revoked ? now.AddDays(-2) : null,
            RedeemedAt = state == InvitationState.Redeemed ? now.AddDays(-3) : null,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return invitation.Code;
    }
}
