using System.Net.Http.Json;
using HepBot.Core.Alerts;
using HepBot.Core.Billing;
using HepBot.Core.Patients;
using HepBot.Core.Sessions;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Billing;

/// <summary>What the patient sent, at a patient-local time, and whether it counts as a data point.</summary>
internal sealed record SeededPoint(DateTime Local, string What, bool IsDataPoint);

internal sealed record SeededRtmPatient(Guid Id, string Name, string Zone, DateOnly LinkedOn, IReadOnlyList<SeededPoint> Points,
    IReadOnlyList<(DateOnly Date, int Minutes, bool Live)> Minutes)
{
    /// <summary>The test's own count: distinct local dates of data points in [from, to].</summary>
    public int DataDaysBetween(DateOnly from, DateOnly to) =>
        Points.Where(p => p.IsDataPoint).Select(p => DateOnly.FromDateTime(p.Local)).Where(d => d >= from && d <= to).Distinct().Count();
}

/// <summary>
/// Seeds a patient's February 2026 (the host's clock stands at 10 March 2026) directly in the database: session
/// answers, pain, a skipped day, a message, a warning sign, and things that are not data points.
/// </summary>
internal static class RtmMonthSeed
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<SeededRtmPatient> SeedAsync(ApiFixture fixture, TestTherapist therapist, string name, string zone,
        DateTime linkedLocal, IReadOnlyList<SeededPoint> points, IReadOnlyList<(DateOnly, int, bool)> minutes)
    {
        var created = await (await therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new CreatePatientRequest(name, zone, "en", ["18:00"]), ApiJson.Options, Ct)).ReadAsync<PatientDto>();
        var prescribed = await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{created.Id}/prescription", new
        {
            schedule = new { sessionsPerDay = 1, startDate = new DateOnly(2026, 3, 10) },
            items = new[] { new { exerciseSlug = "quad-set" } },
        }, ApiJson.Options, Ct);
        Assert.True(prescribed.IsSuccessStatusCode, await prescribed.Content.ReadAsStringAsync(Ct));
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        DateTimeOffset Utc(DateTime local) => new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), tz), TimeSpan.Zero);

        await using var db = fixture.Database.CreateContext();
        var patient = await db.Patients.SingleAsync(p => p.Id == created.Id, Ct);
        patient.LinkedAt = Utc(linkedLocal);
        var program = await db.Prescriptions.Include(p => p.Items).SingleAsync(p => p.PatientId == created.Id, Ct);
        var item = program.Items.Single();
        var sessionsPerDay = new Dictionary<DateOnly, int>();
        SessionLog Session(DateTime local)
        {
            var day = DateOnly.FromDateTime(local);
            sessionsPerDay[day] = sessionsPerDay.GetValueOrDefault(day) + 1;
            return new SessionLog
            {
                PatientId = created.Id, PrescriptionId = program.Id, LocalDate = day, SessionNumber = sessionsPerDay[day], ExercisesPlanned = 1,
                StartedAt = Utc(local),
            };
        }
        foreach (var point in points)
        {
            var at = Utc(point.Local);
            switch (point.What)
            {
                case "exercise":
                    var done = Session(point.Local);
                    done.Status = SessionStatus.Completed;
                    done.Exercises.Add(new ExerciseLog
                    {
                        SessionLogId = done.Id, PrescriptionItemId = item.Id, ExerciseId = item.ExerciseId, Outcome = ExerciseOutcome.Done, RecordedAt = at,
                    });
                    db.SessionLogs.Add(done);
                    break;
                case "pain before":
                    var pain = Session(point.Local);
                    pain.PainBefore = 3;
                    db.SessionLogs.Add(pain);
                    break;
                case "skipped day":
                    var skipped = Session(point.Local);
                    skipped.Status = SessionStatus.SkippedDay;
                    skipped.SkipBarrier = SkipReason.NoTime;
                    skipped.EndedAt = at;
                    db.SessionLogs.Add(skipped);
                    break;
                case "session opened, nothing answered":
                    db.SessionLogs.Add(Session(point.Local));
                    break;
                case "message from the patient":
                case "message from the therapist":
                    db.PatientMessages.Add(new PatientMessage
                    {
                        PatientId = created.Id, TherapistId = therapist.Id, Text = point.What, SentAt = at,
                        Direction = point.What == "message from the patient" ? MessageDirection.PatientToTherapist : MessageDirection.TherapistToPatient,
                    });
                    break;
                case "warning sign":
                case "no-contact alert":
                    db.Alerts.Add(new Alert
                    {
                        PatientId = created.Id, TherapistId = therapist.Id, CreatedAt = at, AcknowledgedAt = at,
                        Kind = point.What == "warning sign" ? AlertKind.RedFlag : AlertKind.NoContact, Severity = AlertSeverity.Urgent,
                    });
                    break;
                default:
                    throw new ArgumentException(point.What);
            }
        }
        foreach (var (date, count, live) in minutes)
        {
            db.TreatmentMinutes.Add(new TreatmentMinutes
            {
                PatientId = created.Id, TherapistId = therapist.Id, Date = date, Minutes = count, Activity = "Reviewed the pain log",
                RealTimeInteraction = live, CreatedAt = fixture.Host.Clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(Ct);
        return new SeededRtmPatient(created.Id, name, zone, DateOnly.FromDateTime(linkedLocal), points,
            minutes.Select(m => (m.Item1, m.Item2, m.Item3)).ToList());
    }

    /// <summary>Linked 5 January: periods of 30 days run 5 Jan–3 Feb and 4 Feb–5 Mar, the one current at February's end.</summary>
    public static Task<SeededRtmPatient> SecondPeriodPatientAsync(ApiFixture fixture, TestTherapist therapist, string name = "Nora") =>
        SeedAsync(fixture, therapist, name, "America/New_York", new DateTime(2026, 1, 5, 10, 0, 0),
        [
            new(new DateTime(2026, 1, 30, 9, 0, 0), "exercise", true),
            new(new DateTime(2026, 2, 4, 9, 0, 0), "exercise", true),
            new(new DateTime(2026, 2, 4, 19, 0, 0), "exercise", true),
            new(new DateTime(2026, 2, 5, 9, 0, 0), "exercise", true),
            new(new DateTime(2026, 2, 6, 9, 0, 0), "exercise", true),
            // 03:30 UTC on 10 February, still the 9th in New York.
            new(new DateTime(2026, 2, 9, 22, 30, 0), "pain before", true),
            new(new DateTime(2026, 2, 12, 20, 0, 0), "skipped day", true),
            new(new DateTime(2026, 2, 14, 8, 0, 0), "message from the patient", true),
            new(new DateTime(2026, 2, 20, 12, 0, 0), "warning sign", true),
            new(new DateTime(2026, 2, 22, 12, 0, 0), "message from the therapist", false),
            new(new DateTime(2026, 2, 23, 12, 0, 0), "no-contact alert", false),
            new(new DateTime(2026, 2, 24, 12, 0, 0), "session opened, nothing answered", false),
            new(new DateTime(2026, 3, 2, 9, 0, 0), "exercise", true),
        ],
        [(new DateOnly(2026, 1, 31), 30, true), (new DateOnly(2026, 2, 10), 15, true), (new DateOnly(2026, 2, 18), 10, false),
         (new DateOnly(2026, 2, 25), 20, false)]);

    /// <summary>Linked 15 February: the first period (15 Feb–16 Mar) is still running, with a data day every day from the 15th to 3 March.</summary>
    public static Task<SeededRtmPatient> FirstPeriodPatientAsync(ApiFixture fixture, TestTherapist therapist, string name = "Pablo") =>
        SeedAsync(fixture, therapist, name, "Europe/Madrid", new DateTime(2026, 2, 15, 11, 0, 0),
            Enumerable.Range(0, 17).Select(i => new SeededPoint(new DateTime(2026, 2, 15, 18, 0, 0).AddDays(i), "exercise", true)).ToList(),
            [(new DateOnly(2026, 2, 16), 12, true)]);
}
