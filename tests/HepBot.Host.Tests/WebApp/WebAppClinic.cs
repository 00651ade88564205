using System.Net.Http.Json;
using HepBot.Core.Alerts;
using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Data.Accounts;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;
using HepBot.Host.WebApp.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.WebApp;

/// <summary>A therapist with a web sign-in, and a patient of theirs with two weeks of logged sessions.</summary>
internal sealed record WebTherapist(TestTherapist Therapist, string Email, string Password)
{
    public Guid Id => Therapist.Id;
    public Guid ClinicId => Therapist.ClinicId;
}

internal sealed record SeededPatient(Guid Id, string Name, Guid RedFlagAlertId, Guid HighPainAlertId);

internal static class WebAppClinic
{
    public const string Password = "a long knee-friendly passphrase";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<WebTherapist> NewWebTherapistAsync(this ApiFixture fixture, TherapistRole role = TherapistRole.Therapist, Guid? clinicId = null)
    {
        var therapist = await fixture.NewTherapistAsync(role, clinicId);
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HepBotDbContext>();
        var entity = await db.Therapists.SingleAsync(t => t.Id == therapist.Id, Ct);
        var account = await scope.ServiceProvider.GetRequiredService<SetPasswordLinks>().EnsureAccountAsync(entity);
        var added = await scope.ServiceProvider.GetRequiredService<UserManager<TherapistAccount>>().AddPasswordAsync(account, Password);
        Assert.True(added.Succeeded, string.Join(", ", added.Errors.Select(e => e.Code)));
        return new WebTherapist(therapist, entity.Email, Password);
    }

    /// <summary>
    /// A patient (created and prescribed through the API) whose last days were: done, partly done, skipped for
    /// lack of time, and stopped for safety with pain 8; with an open red flag and high-pain alert and a message.
    /// </summary>
    public static async Task<SeededPatient> NewPatientWithHistoryAsync(this ApiFixture fixture, WebTherapist therapist, string name = "Maria")
    {
        var client = therapist.Therapist.Client;
        var created = await (await client.PostAsJsonAsync("/api/v1/patients",
            new CreatePatientRequest(name, "Europe/Madrid", "en", ["18:00"]), ApiJson.Options, Ct)).ReadAsync<PatientDto>();
        var now = fixture.Host.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var prescribed = await client.PutAsJsonAsync($"/api/v1/patients/{created.Id}/prescription", new
        {
            schedule = new { sessionsPerDay = 1, startDate = today.AddDays(-13) },
            items = new[] { new { exerciseSlug = "quad-set" }, new { exerciseSlug = "heel-slide" } },
        }, ApiJson.Options, Ct);
        Assert.True(prescribed.IsSuccessStatusCode, await prescribed.Content.ReadAsStringAsync(Ct));

        await using var db = fixture.Database.CreateContext();
        var program = await db.Prescriptions.Include(p => p.Items).SingleAsync(p => p.PatientId == created.Id, Ct);
        var items = program.Items.OrderBy(i => i.Order).ToList();
        void Log(int daysAgo, SessionStatus status, int done, int? before, int? after, SkipReason? barrier = null)
        {
            var log = new SessionLog
            {
                PatientId = created.Id, PrescriptionId = program.Id, LocalDate = today.AddDays(-daysAgo), ExercisesPlanned = items.Count,
                Status = status, PainBefore = before, PainAfter = after, SkipBarrier = barrier, StartedAt = now.AddDays(-daysAgo),
            };
            log.Exercises.AddRange(items.Select((item, i) => new ExerciseLog
            {
                SessionLogId = log.Id, PrescriptionItemId = item.Id, ExerciseId = item.ExerciseId, Order = item.Order,
                Outcome = i < done ? ExerciseOutcome.Done : status == SessionStatus.StoppedForSafety ? ExerciseOutcome.Stopped : ExerciseOutcome.Skipped,
                Barrier = i < done ? null : barrier, RecordedAt = now.AddDays(-daysAgo),
            }).Where(e => status != SessionStatus.SkippedDay));
            db.SessionLogs.Add(log);
        }
        Log(4, SessionStatus.Completed, done: 2, before: 3, after: 2);
        Log(3, SessionStatus.Abandoned, done: 1, before: 3, after: null, barrier: SkipReason.Pain);
        Log(2, SessionStatus.SkippedDay, done: 0, before: null, after: null, barrier: SkipReason.NoTime);
        Log(1, SessionStatus.StoppedForSafety, done: 1, before: 5, after: 8);

        var heelSlide = await db.Exercises.Where(e => e.Slug == "heel-slide" && e.ClinicId == null).Select(e => e.Id).SingleAsync(Ct);
        // As the chat stores it: the fields it is worded from, and the fixed English detail for programs.
        var redFlag = new Alert
        {
            PatientId = created.Id, TherapistId = therapist.Id, Kind = AlertKind.RedFlag, Severity = AlertSeverity.Urgent,
            Detail = "SameDay; CalfSwelling", CreatedAt = now.AddHours(-3),
            Tier = HepBot.Core.Safety.UrgencyTier.SameDay, Findings = "CalfSwelling", PatientWords = "my calf is swollen and red",
            Moment = AlertMoment.AtExercise, ExerciseId = heelSlide,
        };
        // Stored before alerts kept their fields: only the free-text detail.
        var highPain = new Alert
        {
            PatientId = created.Id, TherapistId = therapist.Id, Kind = AlertKind.HighPain, Severity = AlertSeverity.Urgent,
            Detail = "Pain 8/10 during Heel slide", CreatedAt = now.AddHours(-1),
        };
        db.Alerts.AddRange(redFlag, highPain);
        db.PatientMessages.Add(new PatientMessage
        {
            PatientId = created.Id, TherapistId = therapist.Id, Direction = MessageDirection.PatientToTherapist,
            Text = "My calf feels tight after yesterday.", SentAt = now.AddHours(-2),
        });
        await db.SaveChangesAsync(Ct);
        return new SeededPatient(created.Id, name, redFlag.Id, highPain.Id);
    }
}
