using HepBot.Core.Alerts;
using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Tests.Model;

/// <summary>The parts of the model that are more than plain columns survive a save and a fresh read.</summary>
public class ModelRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 15, 30, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Maria, a knee patient of Dr Ruiz, with a three-day program of one exercise.</summary>
    private sealed class Clinic_with_one_program
    {
        public Clinic Clinic { get; } = new() { Name = "Fisio Norte", DefaultTimeZone = "Europe/Madrid", CreatedAt = Now };
        public Therapist Therapist { get; }
        public Patient Patient { get; }
        public Exercise Exercise { get; }
        public Prescription Prescription { get; }

        public Clinic_with_one_program()
        {
            Therapist = new Therapist { ClinicId = Clinic.Id, Name = "Dr Ruiz", Email = "ruiz@fisionorte.example", CreatedAt = Now };
            Patient = new Patient
            {
                ClinicId = Clinic.Id,
                TherapistId = Therapist.Id,
                DisplayName = "Maria",
                Locale = "es",
                TimeZoneId = "Europe/Madrid",
                ReminderTimes = [new TimeOnly(8, 0), new TimeOnly(19, 30)],
                PausedUntil = new DateOnly(2026, 12, 24),
                AlertRuleOverrides = new AlertRuleOverrides { MissedDaysInARow = 2, PainRiseOf = 1.5 },
                CreatedAt = Now,
            };
            Exercise = new Exercise
            {
                Slug = "straight-leg-raise",
                Region = BodyRegion.Knee,
                DefaultDose = new ExerciseDose(3, 10, 5, 30, Side.Each),
                Media = new ExerciseMedia(MediaKind.Animation, "media/slr.gif", null, "Keep the knee straight"),
                Texts =
                [
                    new ExerciseText { Locale = "en", Name = "Straight leg raise", Steps = ["Lie on your back.", "Lift the leg."], Cues = ["Tighten the thigh."], Cautions = ["Do not arch your back."] },
                    new ExerciseText { Locale = "es", Name = "Elevación de pierna recta", Steps = ["Túmbate boca arriba.", "Levanta la pierna."], Cues = [], Cautions = [] },
                ],
                CreatedAt = Now,
                UpdatedAt = Now,
            };
            Prescription = new Prescription
            {
                PatientId = Patient.Id,
                Version = 1,
                PrescribedById = Therapist.Id,
                CreatedAt = Now,
                Schedule = new PrescriptionSchedule(2, TrainingDays.Monday | TrainingDays.Wednesday | TrainingDays.Friday,
                    new DateOnly(2026, 11, 30), new DateOnly(2027, 1, 31)),
                Items = [new PrescriptionItem { Order = 1, ExerciseId = Exercise.Id, Dose = new ExerciseDose(2, 8, null, 45, Side.Left), MaxSets = 4, MaxReps = 15 }],
            };
        }

        public async Task SaveAsync(TestDatabase database)
        {
            await using var db = database.CreateContext();
            db.AddRange(Clinic, Therapist, Patient, Exercise, Prescription);
            await db.SaveChangesAsync(Ct);
        }

        public SessionLog Session(DateOnly day, DateTimeOffset startedAt) => new()
        {
            PatientId = Patient.Id,
            PrescriptionId = Prescription.Id,
            LocalDate = day,
            ExercisesPlanned = 1,
            Status = SessionStatus.Completed,
            PainBefore = 3,
            PainAfter = 2,
            Difficulty = Difficulty.JustRight,
            StartedAt = startedAt,
            EndedAt = startedAt.AddMinutes(12),
            Exercises =
            [
                new ExerciseLog
                {
                    PrescriptionItemId = Prescription.Items[0].Id,
                    ExerciseId = Exercise.Id,
                    Order = 1,
                    Outcome = ExerciseOutcome.Done,
                    SetsDone = 2,
                    Pain = 4,
                    RecordedAt = startedAt.AddMinutes(10),
                },
            ],
        };
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_exercise_keeps_its_texts_dose_and_media(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var clinic = new Clinic_with_one_program();
        await clinic.SaveAsync(database);

        await using var db = database.CreateContext();
        var exercise = await db.Exercises.SingleAsync(Ct);

        Assert.Equal(new ExerciseDose(3, 10, 5, 30, Side.Each), exercise.DefaultDose);
        Assert.Equal(new ExerciseMedia(MediaKind.Animation, "media/slr.gif", null, "Keep the knee straight"), exercise.Media);
        Assert.Equal(["en", "es"], exercise.Texts.Select(t => t.Locale));
        Assert.Equal(["Lie on your back.", "Lift the leg."], exercise.TextFor("en").Steps);
        Assert.Equal(["Tighten the thigh."], exercise.TextFor("en").Cues);
        Assert.Equal(["Do not arch your back."], exercise.TextFor("en").Cautions);
        Assert.Equal("Elevación de pierna recta", exercise.TextFor("es-ES").Name);
        Assert.Empty(exercise.TextFor("es").Cautions);
        Assert.Equal(Now, exercise.CreatedAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_prescription_keeps_its_schedule_and_items_with_the_training_days_stored_as_a_number(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var clinic = new Clinic_with_one_program();
        await clinic.SaveAsync(database);

        await using var db = database.CreateContext();
        var prescription = await db.Prescriptions.Include(p => p.Items).ThenInclude(i => i.Exercise).SingleAsync(Ct);
        var storedDays = await db.Database
            .SqlQueryRaw<int>("SELECT \"Schedule_Days\" AS \"Value\" FROM \"Prescriptions\"")
            .SingleAsync(Ct);

        Assert.Equal(clinic.Prescription.Schedule, prescription.Schedule);
        Assert.True(prescription.Schedule.IsPlannedOn(new DateOnly(2026, 12, 2)));
        Assert.Equal(1 + 4 + 16, storedDays);
        var item = Assert.Single(prescription.Items);
        Assert.Equal(new ExerciseDose(2, 8, null, 45, Side.Left), item.Dose);
        Assert.Equal((4, 15), (item.MaxSets, item.MaxReps));
        Assert.Equal("straight-leg-raise", item.Exercise?.Slug);
        Assert.True(prescription.IsCurrent);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_patient_keeps_reminder_times_pause_and_alert_rule_overrides(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await new Clinic_with_one_program().SaveAsync(database);

        await using var db = database.CreateContext();
        var patient = await db.Patients.Include(p => p.Therapist).SingleAsync(Ct);

        Assert.Equal([new TimeOnly(8, 0), new TimeOnly(19, 30)], patient.ReminderTimes);
        Assert.Equal(new DateOnly(2026, 12, 24), patient.PausedUntil);
        Assert.Equal("Dr Ruiz", patient.Therapist?.Name);
        Assert.Equal(new AlertRuleOverrides { MissedDaysInARow = 2, PainRiseOf = 1.5 }, patient.AlertRuleOverrides);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_session_log_keeps_its_exercise_logs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var clinic = new Clinic_with_one_program();
        await clinic.SaveAsync(database);
        await using (var db = database.CreateContext())
        {
            db.SessionLogs.Add(clinic.Session(new DateOnly(2026, 11, 30), Now));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = database.CreateContext();
        var session = await read.SessionLogs.Include(s => s.Exercises).SingleAsync(Ct);

        Assert.Equal((SessionStatus.Completed, 3, 2, Difficulty.JustRight), (session.Status, session.PainBefore, session.PainAfter, session.Difficulty));
        Assert.Equal(Now, session.StartedAt);
        Assert.Equal(Now.AddMinutes(12), session.EndedAt);
        var log = Assert.Single(session.Exercises);
        Assert.Equal((ExerciseOutcome.Done, 2, 4), (log.Outcome, log.SetsDone, log.Pain));
        Assert.Equal(Now.AddMinutes(10), log.RecordedAt);
        Assert.Equal(1, session.ExercisesDone);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sessions_are_filtered_and_ordered_by_when_they_started_in_the_database(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var clinic = new Clinic_with_one_program();
        await clinic.SaveAsync(database);
        var monday = new DateOnly(2026, 11, 30);
        await using (var db = database.CreateContext())
        {
            // Saved out of order; each on its own day (one session per day and number).
            db.SessionLogs.AddRange(
                clinic.Session(monday.AddDays(2), Now.AddDays(2)),
                clinic.Session(monday, Now),
                clinic.Session(monday.AddDays(7), Now.AddDays(7)),
                clinic.Session(monday.AddDays(1), Now.AddDays(1)));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = database.CreateContext();
        var thisWeek = await read.SessionLogs
            .Where(s => s.StartedAt > Now && s.StartedAt < Now.AddDays(7))
            .OrderByDescending(s => s.StartedAt)
            .Select(s => s.LocalDate)
            .ToListAsync(Ct);

        Assert.Equal([monday.AddDays(2), monday.AddDays(1)], thisWeek);
    }

    [Fact]
    public async Task On_SQLite_times_with_different_offsets_are_ordered_by_the_instant_not_the_clock_reading()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var clinic = new Clinic_with_one_program();
        await clinic.SaveAsync(database);
        var madridMorning = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1));    // 08:00 UTC
        var londonMorning = new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero);           // 08:30 UTC
        var newYorkNight = new DateTimeOffset(2026, 11, 30, 3, 45, 0, TimeSpan.FromHours(-5));   // 08:45 UTC
        await using (var db = database.CreateContext())
        {
            db.SessionLogs.AddRange(
                clinic.Session(new DateOnly(2026, 11, 30), newYorkNight),
                clinic.Session(new DateOnly(2026, 12, 1), madridMorning),
                clinic.Session(new DateOnly(2026, 12, 2), londonMorning));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = database.CreateContext();
        var started = await read.SessionLogs.OrderBy(s => s.StartedAt).Select(s => s.StartedAt).ToListAsync(Ct);
        var afterHalfPast = await read.SessionLogs.CountAsync(s => s.StartedAt > londonMorning, Ct);

        Assert.Equal([madridMorning, londonMorning, newYorkNight], started);
        Assert.Equal(1, afterHalfPast);
    }
}
