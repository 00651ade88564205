using HepBot.Core.Clinics;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Bench.Turns;

/// <summary>
/// One clinic and therapist, and patients on demand, each with the demo's six-exercise knee program every day
/// and an open invitation code: what a conversation needs to link and then do today's session.
/// </summary>
internal sealed class BenchClinic(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    public static readonly string[] Program = ["quad-set", "straight-leg-raise", "heel-slide", "short-arc-quad", "bridge", "sit-to-stand"];

    private Guid _clinicId;
    private Guid _therapistId;

    public async Task<List<string>> InviteAsync(int patients)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync();
        if (_clinicId == Guid.Empty)
        {
            var clinic = new Clinic { Name = "Bench Physio", CreatedAt = now };
            var therapist = new Therapist { ClinicId = clinic.Id, Name = "Bench Therapist", Email = "bench@hepbot.local", CreatedAt = now };
            db.AddRange(clinic, therapist);
            await db.SaveChangesAsync();
            (_clinicId, _therapistId) = (clinic.Id, therapist.Id);
        }
        var exercises = await db.Exercises.Where(e => Program.Contains(e.Slug)).ToDictionaryAsync(e => e.Slug);
        var missing = Program.Where(s => !exercises.ContainsKey(s)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"The exercise library lacks {string.Join(", ", missing)}.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var codes = new List<string>(patients);
        for (var i = 0; i < patients; i++)
        {
            var patient = new Patient
            {
                ClinicId = _clinicId,
                TherapistId = _therapistId,
                DisplayName = $"Bench Patient {i}",
                Locale = "en",
                TimeZoneId = "Europe/London",
                ReminderTimes = [new TimeOnly(18, 0)],
                CreatedAt = now,
            };
            var prescription = new Prescription
            {
                PatientId = patient.Id,
                Version = 1,
                PrescribedById = _therapistId,
                CreatedAt = now,
                Schedule = new PrescriptionSchedule(1, TrainingDays.Every, today.AddDays(-14), null),
                Items = [.. Program.Select((slug, n) => new PrescriptionItem { Order = n + 1, ExerciseId = exercises[slug].Id, Dose = exercises[slug].DefaultDose })],
            };
            var invitation = new Invitation
            {
                Code = InvitationCode.New(),
                PatientId = patient.Id,
                CreatedById = _therapistId,
                CreatedAt = now,
                ExpiresAt = now.AddDays(7),
            };
            db.AddRange(patient, prescription, invitation);
            codes.Add(invitation.Code);
            if (db.ChangeTracker.Entries().Count() >= 3000)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        return codes;
    }
}
