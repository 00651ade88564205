using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Data;

namespace HepBot.Scheduling.Tests.Support;

public sealed record SeededPatient(Guid PatientId, Guid TherapistId, Guid PrescriptionId, IReadOnlyList<PrescriptionItem> Items, Guid? ChatId);

/// <summary>Patients with a program and (unless told otherwise) a linked Telegram chat, and the sessions they log, written straight to the database.</summary>
public static class TestPatients
{
    public static async Task<SeededPatient> AddAsync(HepBotDbContext db, DateTimeOffset now, string zone = "Europe/Madrid",
        string[]? times = null, int sessionsPerDay = 1, TrainingDays days = TrainingDays.Every, bool consent = true,
        DateOnly? programStart = null, DateTimeOffset? linkedAt = null, string name = "Maria Lopez", bool chat = true)
    {
        var clinic = new Clinic { Name = $"Clinic {Guid.NewGuid():N}", DefaultTimeZone = zone, CreatedAt = now };
        var therapist = new Therapist
        {
            ClinicId = clinic.Id, Name = "Dr Ana Ruiz", Email = $"{Guid.NewGuid():N}@clinic.test", CreatedAt = now,
        };
        var exercises = Enumerable.Range(1, 2).Select(i => new Exercise
        {
            Slug = $"test-{Guid.NewGuid():N}",
            ClinicId = clinic.Id,
            DefaultDose = new ExerciseDose(2, 10, null, 30, Side.Both),
            Texts = [new ExerciseText { Locale = "en", Name = $"Exercise {i}" }],
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        var patient = new Patient
        {
            ClinicId = clinic.Id,
            TherapistId = therapist.Id,
            DisplayName = name,
            TimeZoneId = zone,
            ReminderTimes = (times ?? ["18:00"]).Select(TimeOnly.Parse).ToList(),
            CreatedAt = now.AddDays(-60),
            LinkedAt = linkedAt ?? now.AddDays(-30),
            MessagingConsentAt = consent ? now.AddDays(-30) : null,
        };
        var prescription = new Prescription
        {
            PatientId = patient.Id,
            Version = 1,
            PrescribedById = therapist.Id,
            CreatedAt = now.AddDays(-30),
            Schedule = new PrescriptionSchedule(sessionsPerDay, days, programStart ?? DateOnly.FromDateTime(now.AddDays(-30).UtcDateTime), null),
            Items = exercises.Select((e, i) => new PrescriptionItem
            {
                Order = i + 1, ExerciseId = e.Id, Dose = e.DefaultDose, MaxSets = 4, MaxReps = 15,
            }).ToList(),
        };
        var account = chat ? new ChannelAccount
        {
            Channel = "telegram", ChannelUserId = $"{patient.Id:N}", ConversationId = $"{patient.Id:N}", PatientId = patient.Id,
            LinkedAt = patient.LinkedAt ?? now,
        } : null;
        db.AddRange(clinic, therapist, patient, prescription);
        if (account is not null)
            db.ChannelAccounts.Add(account);
        db.Exercises.AddRange(exercises);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new(patient.Id, therapist.Id, prescription.Id, prescription.Items, account?.Id);
    }

    /// <summary>A session of <paramref name="day"/> with <paramref name="done"/> of the program's exercises done.</summary>
    public static SessionLog Session(SeededPatient patient, DateOnly day, int done, DateTimeOffset at,
        SessionStatus status = SessionStatus.Completed, int? pain = null)
    {
        var log = new SessionLog
        {
            PatientId = patient.PatientId,
            PrescriptionId = patient.PrescriptionId,
            LocalDate = day,
            ExercisesPlanned = patient.Items.Count,
            Status = status,
            PainBefore = pain,
            PainAfter = pain,
            StartedAt = at,
            EndedAt = status == SessionStatus.InProgress ? null : at,
        };
        log.Exercises = patient.Items.Take(done).Select(i => new ExerciseLog
        {
            SessionLogId = log.Id, PrescriptionItemId = i.Id, ExerciseId = i.ExerciseId, Order = i.Order,
            Outcome = ExerciseOutcome.Done, SetsDone = i.Dose.Sets, RecordedAt = at,
        }).ToList();
        return log;
    }
}
