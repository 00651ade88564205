using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HepBot.Bench.Nightly;

/// <summary>
/// The nightly bench's patients: a cohort written through EF Core with a mix of histories the alert rules tell
/// apart, then copied on the PostgreSQL server under new ids (each copy's ids are an MD5 of the original id and
/// the copy's number, so every row keeps its relations and nothing collides).
/// </summary>
internal static class NightlyCohort
{
    private static readonly string[] Zones = ["Europe/Madrid", "America/Bogota", "America/Mexico_City", "Europe/London"];

    /// <summary>The tables copied, parents first; every other table (clinic, therapist, exercises) is shared.</summary>
    private static readonly Type[] Copied = [typeof(Patient), typeof(Prescription), typeof(PrescriptionItem), typeof(SessionLog), typeof(ExerciseLog)];

    public static async Task WriteAsync(IDbContextFactory<HepBotDbContext> contexts, int patients, int days, DateTimeOffset night)
    {
        var today = DateOnly.FromDateTime(night.UtcDateTime);
        var clinic = new Clinic { Name = "Bench clinic", DefaultTimeZone = "Europe/Madrid", CreatedAt = night.AddDays(-days - 10) };
        var therapists = Enumerable.Range(1, 20).Select(i => new Therapist
        {
            ClinicId = clinic.Id, Name = $"Therapist {i}", Email = $"therapist{i}@bench.test", CreatedAt = clinic.CreatedAt,
        }).ToList();
        var exercises = Enumerable.Range(1, 3).Select(i => new Exercise
        {
            Slug = $"bench-exercise-{i}",
            ClinicId = clinic.Id,
            DefaultDose = new ExerciseDose(3, 10, null, 30, Side.Both),
            Texts = [new ExerciseText { Locale = "en", Name = $"Exercise {i}" }],
            CreatedAt = clinic.CreatedAt,
            UpdatedAt = clinic.CreatedAt,
        }).ToList();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.AddRange(clinic);
            db.AddRange(therapists);
            db.AddRange(exercises);
            await db.SaveChangesAsync();
        }

        const int PerSave = 100;
        for (var first = 0; first < patients; first += PerSave)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(patients, first + PerSave); i++)
                AddPatient(db, i, clinic, therapists[i % therapists.Count], exercises, days, today, night);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Patient <paramref name="index"/>: most train most days; one in seven has stopped lately (missed days, then no
    /// contact), one in ten has rising pain, one in twenty skips for pain. Seeded by the index, so every run is the same.
    /// </summary>
    private static void AddPatient(HepBotDbContext db, int index, Clinic clinic, Therapist therapist, List<Exercise> exercises,
        int days, DateOnly today, DateTimeOffset night)
    {
        var random = new Random(index);
        var zone = Zones[index % Zones.Length];
        var start = today.AddDays(-days);
        var patient = new Patient
        {
            ClinicId = clinic.Id,
            TherapistId = therapist.Id,
            DisplayName = $"Bench patient {index}",
            TimeZoneId = zone,
            ReminderTimes = [new TimeOnly(18, 0)],
            CreatedAt = night.AddDays(-days - 2),
            LinkedAt = night.AddDays(-days - 1),
            MessagingConsentAt = night.AddDays(-days - 1),
        };
        var prescription = new Prescription
        {
            PatientId = patient.Id,
            Version = 1,
            PrescribedById = therapist.Id,
            CreatedAt = night.AddDays(-days - 1),
            Schedule = new PrescriptionSchedule(1, TrainingDays.Every, start, null),
            Items = [.. exercises.Select((e, i) => new PrescriptionItem { Order = i + 1, ExerciseId = e.Id, Dose = e.DefaultDose, MaxSets = 4, MaxReps = 15 })],
        };
        db.AddRange(patient, prescription);

        var kind = index % 20;
        var stoppedLately = kind is 1 or 8 or 15;   // one in seven: nothing for the last 9 days
        var painRising = kind is 3 or 13;          // one in ten
        var skipsForPain = kind == 5;              // one in twenty
        for (var d = days; d >= 1; d--)
        {
            var day = today.AddDays(-d);
            if (stoppedLately && d <= 9 || random.NextDouble() < 0.15)
                continue; // a missed day: no session at all
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 30)), TimeSpan.Zero);
            var pain = painRising && d <= 7 ? 5 + (7 - d) / 3 : random.Next(0, 4);
            var skipped = skipsForPain && random.NextDouble() < 0.4;
            var log = new SessionLog
            {
                PatientId = patient.Id,
                PrescriptionId = prescription.Id,
                LocalDate = day,
                ExercisesPlanned = prescription.Items.Count,
                Status = SessionStatus.Completed,
                PainBefore = pain,
                PainAfter = Math.Min(10, pain + random.Next(0, 2)),
                SkipBarrier = skipped ? SkipReason.Pain : null,
                StartedAt = at,
                EndedAt = at.AddMinutes(20),
            };
            var done = skipped ? 1 : random.NextDouble() < 0.85 ? 3 : 2;
            log.Exercises = [.. prescription.Items.Select((item, i) => new ExerciseLog
            {
                SessionLogId = log.Id,
                PrescriptionItemId = item.Id,
                ExerciseId = item.ExerciseId,
                Order = item.Order,
                Outcome = i < done ? ExerciseOutcome.Done : ExerciseOutcome.Skipped,
                Barrier = i < done ? null : skipped ? SkipReason.Pain : SkipReason.NoTime,
                SetsDone = i < done ? item.Dose.Sets : 0,
                Pain = i < done ? pain : null,
                RecordedAt = at.AddMinutes(5 * (i + 1)),
            })];
            db.Add(log);
        }
    }

    /// <summary>Makes <paramref name="copies"/> of the cohort in all (the original is the first) and keeps the first <paramref name="keep"/> patients by id.</summary>
    public static async Task CopyAsync(IDbContextFactory<HepBotDbContext> contexts, int copies, int keep)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        if (copies > 1)
        {
            foreach (var type in Copied)
            {
                var entity = db.Model.FindEntityType(type)!;
                var table = entity.GetTableName()!;
                // Ids of the copied tables get the copy's id; references to shared rows (clinic, therapist, exercise) stay.
                var remapped = new HashSet<string>(StringComparer.Ordinal) { entity.FindPrimaryKey()!.Properties.Single().GetColumnName() };
                foreach (var fk in entity.GetForeignKeys().Where(fk => Copied.Contains(fk.PrincipalEntityType.ClrType)))
                    remapped.Add(fk.Properties.Single().GetColumnName());
                var columns = new List<string>();
                await using (var read = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", connection))
                {
                    read.Parameters.AddWithValue("t", table);
                    await using var reader = await read.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                        columns.Add(reader.GetString(0));
                }
                var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
                var values = string.Join(", ", columns.Select(c => remapped.Contains(c) ? $"md5(t.\"{c}\"::text || ':' || g)::uuid" : $"t.\"{c}\""));
                await using var copy = new NpgsqlCommand(
                    $"INSERT INTO \"{table}\" ({names}) SELECT {values} FROM \"{table}\" t CROSS JOIN generate_series(1, {copies - 1}) g", connection)
                { CommandTimeout = 0 };
                await copy.ExecuteNonQueryAsync();
            }
        }
        // Trim to exactly the size asked for: the patients after the first `keep` by id go, with their rows.
        await using (var trim = new NpgsqlCommand($"""
            CREATE TEMP TABLE extra AS SELECT "Id" FROM "Patients" ORDER BY "Id" OFFSET {keep};
            DELETE FROM "ExerciseLogs" e USING "SessionLogs" s, extra x WHERE e."SessionLogId" = s."Id" AND s."PatientId" = x."Id";
            DELETE FROM "SessionLogs" s USING extra x WHERE s."PatientId" = x."Id";
            DELETE FROM "PrescriptionItems" i USING "Prescriptions" p, extra x WHERE i."PrescriptionId" = p."Id" AND p."PatientId" = x."Id";
            DELETE FROM "Prescriptions" p USING extra x WHERE p."PatientId" = x."Id";
            DELETE FROM "Patients" p USING extra x WHERE p."Id" = x."Id";
            """, connection) { CommandTimeout = 0 })
            await trim.ExecuteNonQueryAsync();
        // What autovacuum does for a table written long ago: statistics, and the visibility map that lets the
        // covering indexes answer a read without visiting the table (an index-only scan).
        await VacuumAsync(connection);
    }

    public static async Task VacuumAsync(NpgsqlConnection connection)
    {
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>The nightly run's covering indexes (migration CoveringSessionIndexes), dropped or created again, for a night measured without them.</summary>
    public static async Task CoveringIndexesAsync(IDbContextFactory<HepBotDbContext> contexts, bool present)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = present
            ? """
              CREATE INDEX "IX_SessionLogs_PatientId_LocalDate_Covering" ON "SessionLogs" ("PatientId", "LocalDate", "SessionNumber", "Id", "ExercisesPlanned", "Status", "PainBefore", "PainAfter", "SkipBarrier");
              CREATE INDEX "IX_ExerciseLogs_SessionLogId_Outcome_Pain" ON "ExerciseLogs" ("SessionLogId", "Outcome", "Pain");
              """
            : """
              DROP INDEX "IX_SessionLogs_PatientId_LocalDate_Covering";
              DROP INDEX "IX_ExerciseLogs_SessionLogId_Outcome_Pain";
              """;
        await using (var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 })
            await command.ExecuteNonQueryAsync();
        await VacuumAsync(connection);
    }

    /// <summary>Removes the alerts (and their deliveries) a measured night opened, so the next night measured is a first night again.</summary>
    public static async Task ForgetAlertsAsync(IDbContextFactory<HepBotDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.AlertDeliveries.ExecuteDeleteAsync();
        await db.Alerts.ExecuteDeleteAsync();
    }

    public static async Task<long> CountSessionsAsync(IDbContextFactory<HepBotDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.SessionLogs.LongCountAsync();
    }
}
