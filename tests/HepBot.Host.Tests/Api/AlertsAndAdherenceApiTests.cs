using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HepBot.Core.Alerts;
using HepBot.Core.Clinics;
using HepBot.Core.Sessions;
using HepBot.Data.Alerts;
using HepBot.Host.Api.Alerts;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace HepBot.Host.Tests.Api;

/// <summary>
/// Alerts, adherence and reminder scheduling through the real pipeline, on Tuesday 10 March 2026
/// (10:00 in Madrid); run once per database provider below.
/// </summary>
public abstract class AlertsAndAdherenceApiTests<TFixture>(TFixture fixture) where TFixture : ApiFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static readonly object DailyKneeProgram = new
    {
        schedule = new { sessionsPerDay = 1, startDate = "2026-03-03" },
        items = new object[] { new { exerciseSlug = "quad-set" }, new { exerciseSlug = "straight-leg-raise" } },
    };

    private static async Task<PatientDto> PatientWithProgramAsync(TestTherapist therapist, string name = "Maria Lopez")
    {
        var patient = await (await therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = name, timeZone = "Europe/Madrid", reminderTimes = new[] { "18:00" } }, Ct)).ReadAsync<PatientDto>();
        (await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", DailyKneeProgram, Ct)).EnsureSuccessStatusCode();
        return patient;
    }

    private async Task<Alert> RaiseAsync(Guid patientId, AlertKind kind, AlertSeverity severity = AlertSeverity.Warning)
    {
        await using var db = fixture.Database.CreateContext();
        var alert = await AlertWriter.RaiseAsync(db, patientId, kind, severity, "3 planned days in a row missed", fixture.Host.Clock.GetUtcNow(), Ct);
        await db.SaveChangesAsync(Ct);
        return alert!;
    }

    private async Task<ITrigger?> ReminderTriggerAsync(Guid patientId)
    {
        var scheduler = await fixture.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        return await scheduler.GetTrigger(new TriggerKey($"{patientId:N}.1", "reminders"), Ct);
    }

    [Fact]
    public async Task Prescribing_and_changing_the_reminder_time_keep_the_reminder_trigger_in_step()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await PatientWithProgramAsync(therapist);
        await using (var db = fixture.Database.CreateContext())
        {
            // Consent is given in the chat when the patient links; the API does not set it.
            await db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.MessagingConsentAt, fixture.Host.Clock.GetUtcNow()), Ct);
        }
        Assert.Null(await ReminderTriggerAsync(patient.Id));

        (await therapist.Client.PatchAsJsonAsync($"/api/v1/patients/{patient.Id}", new { reminderTimes = new[] { "19:30" } }, Ct))
            .EnsureSuccessStatusCode();

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await ReminderTriggerAsync(patient.Id));
        Assert.Equal("0 30 19 ? * SUN,MON,TUE,WED,THU,FRI,SAT", trigger.CronExpressionString);
        Assert.Equal("Europe/Madrid", trigger.TimeZone.Id);
    }

    [Fact]
    public async Task A_therapist_lists_the_alerts_of_their_patients_only_and_a_clinic_admin_those_of_the_clinic()
    {
        var ana = await fixture.NewTherapistAsync();
        var luis = await fixture.NewTherapistAsync(clinicId: ana.ClinicId);
        var admin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin, ana.ClinicId);
        var outsider = await fixture.NewTherapistAsync();
        var maria = await PatientWithProgramAsync(ana);
        var pedro = await PatientWithProgramAsync(luis, "Pedro Gil");
        var missed = await RaiseAsync(maria.Id, AlertKind.MissedDays);
        await RaiseAsync(pedro.Id, AlertKind.HighPain, AlertSeverity.Urgent);

        var anas = await (await ana.Client.GetAsync("/api/v1/alerts", Ct)).ReadAsync<List<AlertDto>>();
        var admins = await (await admin.Client.GetAsync("/api/v1/alerts", Ct)).ReadAsync<List<AlertDto>>();
        var outsiders = await (await outsider.Client.GetAsync("/api/v1/alerts", Ct)).ReadAsync<List<AlertDto>>();

        var alert = Assert.Single(anas);
        Assert.Equal((missed.Id, maria.Id, "Maria Lopez", AlertKind.MissedDays, AlertSeverity.Warning, fixture.Host.Clock.GetUtcNow(), (DateTimeOffset?)null),
            (alert.Id, alert.PatientId, alert.PatientName, alert.Kind, alert.Severity, alert.CreatedAt, alert.AcknowledgedAt));
        Assert.Equal(2, admins.Count);
        Assert.Empty(outsiders);

        using var json = JsonDocument.Parse(await (await ana.Client.GetAsync("/api/v1/alerts", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal("missedDays", json.RootElement[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Alerts_say_why_in_the_therapists_language_from_their_fields_and_older_ones_keep_their_detail()
    {
        var ana = await fixture.NewTherapistAsync();
        var maria = await PatientWithProgramAsync(ana);
        Guid chestPainId, olderId;
        await using (var db = fixture.Database.CreateContext())
        {
            var quadSet = await db.Exercises.SingleAsync(e => e.Slug == "quad-set" && e.ClinicId == null, Ct);
            var now = fixture.Host.Clock.GetUtcNow();
            var chestPain = await AlertWriter.RaiseAsync(db, maria.Id, AlertKind.RedFlag, AlertSeverity.Urgent, "Emergency; ChestPain; pain 7/10", now, Ct,
                new AlertReason(Core.Safety.UrgencyTier.Emergency, [Core.Safety.SymptomFinding.ChestPain], 7, "my chest hurts")
                {
                    Moment = AlertMoment.AtExercise, ExerciseId = quadSet.Id,
                });
            await AlertWriter.RaiseAsync(db, maria.Id, AlertKind.MissedDays, AlertSeverity.Warning, DailyAlertDetail.MissedDays(3), now, Ct);
            // Stored before alerts kept their fields: only the free-text detail.
            var older = await AlertWriter.RaiseAsync(db, maria.Id, AlertKind.HighPain, AlertSeverity.Urgent, "Pain 8/10 during Heel slide", now.AddDays(-40), Ct);
            await db.SaveChangesAsync(Ct);
            (chestPainId, olderId) = (chestPain!.Id, older!.Id);
        }

        var english = await (await ana.Client.GetAsync("/api/v1/alerts", Ct)).ReadAsync<List<AlertDto>>();
        await using (var db = fixture.Database.CreateContext())
        {
            (await db.Therapists.SingleAsync(t => t.Id == ana.Id, Ct)).Locale = "es";
            await db.SaveChangesAsync(Ct);
        }
        var spanish = await (await ana.Client.GetAsync("/api/v1/alerts", Ct)).ReadAsync<List<AlertDto>>();

        Assert.Equal("EMERGENCY. Warning signs: Chest, jaw or arm pain or pressure. Pain 7/10. During Quad set.",
            english.Single(a => a.Id == chestPainId).Text);
        Assert.Equal("EMERGENCIA. Señales de alarma: Dolor o presión en el pecho, la mandíbula o el brazo. Dolor 7/10. Durante Contracción de cuádriceps.",
            spanish.Single(a => a.Id == chestPainId).Text);
        Assert.Equal(("3 planned days in a row missed", "3 días planificados seguidos sin hacer"),
            (english.Single(a => a.Kind == AlertKind.MissedDays).Text, spanish.Single(a => a.Kind == AlertKind.MissedDays).Text));
        Assert.Equal("Pain 8/10 during Heel slide", spanish.Single(a => a.Id == olderId).Text);
        var fields = spanish.Single(a => a.Id == chestPainId);
        Assert.Equal((AlertMoment.AtExercise, "my chest hurts", "Emergency; ChestPain; pain 7/10"), (fields.Moment, fields.PatientWords, fields.Detail));
    }

    [Fact]
    public async Task Acknowledging_closes_the_alert_once_and_another_therapists_alert_is_404()
    {
        var ana = await fixture.NewTherapistAsync();
        var outsider = await fixture.NewTherapistAsync();
        var maria = await PatientWithProgramAsync(ana);
        var alert = await RaiseAsync(maria.Id, AlertKind.HighPain, AlertSeverity.Urgent);

        var notYours = await outsider.Client.PostAsync($"/api/v1/alerts/{alert.Id}/acknowledge", null, Ct);
        var unknown = await ana.Client.PostAsync($"/api/v1/alerts/{Guid.NewGuid()}/acknowledge", null, Ct);
        var acknowledged = await (await ana.Client.PostAsync($"/api/v1/alerts/{alert.Id}/acknowledge", null, Ct)).ReadAsync<AlertDto>();
        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await (await ana.Client.PostAsync($"/api/v1/alerts/{alert.Id}/acknowledge", null, Ct)).ReadAsync<AlertDto>();
        var open = await (await ana.Client.GetAsync("/api/v1/alerts?open=true", Ct)).ReadAsync<List<AlertDto>>();

        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotNull(acknowledged.AcknowledgedAt);
        Assert.Equal(acknowledged.AcknowledgedAt, again.AcknowledgedAt);
        Assert.Empty(open);
        // A new cause after acknowledgement opens a new alert.
        Assert.NotNull(await RaiseAsync(maria.Id, AlertKind.HighPain, AlertSeverity.Urgent));
    }

    [Fact]
    public async Task Adherence_over_seven_days_counts_sessions_exercises_data_days_and_the_streak()
    {
        var ana = await fixture.NewTherapistAsync();
        var maria = await PatientWithProgramAsync(ana);
        await using (var db = fixture.Database.CreateContext())
        {
            var prescription = await db.Prescriptions.Include(p => p.Items).SingleAsync(p => p.PatientId == maria.Id, Ct);
            var at = fixture.Host.Clock.GetUtcNow();
            SessionLog Log(DateOnly day, int done, SkipReason? barrier = null) => new()
            {
                PatientId = maria.Id, PrescriptionId = prescription.Id, LocalDate = day, ExercisesPlanned = 2,
                Status = barrier is null ? SessionStatus.Completed : SessionStatus.SkippedDay, SkipBarrier = barrier,
                PainBefore = barrier is null ? 3 : null, StartedAt = at, EndedAt = at,
                Exercises = prescription.Items.OrderBy(i => i.Order).Take(done).Select(i => new ExerciseLog
                {
                    PrescriptionItemId = i.Id, ExerciseId = i.ExerciseId, Order = i.Order, Outcome = ExerciseOutcome.Done, RecordedAt = at,
                }).ToList(),
            };
            // Mon 2 March is before the window; Thu 5 half done; Fri 6 skipped (no time); Sat 7 to Mon 9 all done.
            db.SessionLogs.AddRange(Log(Today.AddDays(-8), 2), Log(Today.AddDays(-5), 1), Log(Today.AddDays(-4), 0, SkipReason.NoTime),
                Log(Today.AddDays(-3), 2), Log(Today.AddDays(-2), 2), Log(Today.AddDays(-1), 2));
            await db.SaveChangesAsync(Ct);
        }

        using var json = JsonDocument.Parse(await (await ana.Client.GetAsync($"/api/v1/patients/{maria.Id}/adherence?days=7", Ct))
            .Content.ReadAsStringAsync(Ct));
        var a = json.RootElement;

        Assert.Equal("2026-03-04", a.GetProperty("from").GetString());
        Assert.Equal("2026-03-10", a.GetProperty("to").GetString());
        Assert.Equal(7, a.GetProperty("sessionsPlanned").GetInt32());
        Assert.Equal(3, a.GetProperty("sessionsDone").GetInt32());
        Assert.Equal(14, a.GetProperty("exercisesPrescribed").GetInt32());
        Assert.Equal(7, a.GetProperty("exercisesDone").GetInt32());
        Assert.Equal(5, a.GetProperty("dataDays").GetInt32());
        Assert.Equal(3, a.GetProperty("currentStreak").GetInt32());
        Assert.Equal(3, a.GetProperty("bestStreak").GetInt32());
        Assert.Equal(1, a.GetProperty("barriers").GetProperty("noTime").GetInt32());
        Assert.Equal(6, a.GetProperty("calendarMonthDataDays").GetInt32());
    }

    [Theory]
    [InlineData("days=0", "days")]
    [InlineData("days=91", "days")]
    [InlineData("month=2026-13", "month")]
    [InlineData("days=7&month=2026-03", "month")]
    public async Task Bad_adherence_windows_are_400_naming_the_parameter(string query, string field)
    {
        var ana = await fixture.NewTherapistAsync();
        var maria = await PatientWithProgramAsync(ana);

        var response = await ana.Client.GetAsync($"/api/v1/patients/{maria.Id}/adherence?{query}", Ct);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Adherence_of_a_calendar_month_and_of_someone_elses_patient()
    {
        var ana = await fixture.NewTherapistAsync();
        var outsider = await fixture.NewTherapistAsync();
        var maria = await PatientWithProgramAsync(ana);

        var march = await (await ana.Client.GetAsync($"/api/v1/patients/{maria.Id}/adherence?month=2026-03", Ct)).Content.ReadAsStringAsync(Ct);
        var notYours = await outsider.Client.GetAsync($"/api/v1/patients/{maria.Id}/adherence?days=7", Ct);

        using var json = JsonDocument.Parse(march);
        Assert.Equal("2026-03-01", json.RootElement.GetProperty("from").GetString());
        // Planned from Tue 3 March (program start) to today.
        Assert.Equal(8, json.RootElement.GetProperty("sessionsPlanned").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
    }

    [Fact]
    public async Task Approving_a_progression_creates_the_next_version_and_tells_the_patient_what_changed()
    {
        var ana = await fixture.NewTherapistAsync();
        var outsider = await fixture.NewTherapistAsync();
        var maria = await PatientWithProgramAsync(ana);
        (await ana.Client.PutAsJsonAsync($"/api/v1/patients/{maria.Id}/prescription", new
        {
            schedule = new { sessionsPerDay = 1, startDate = "2026-03-03" },
            items = new object[]
            {
                new { exerciseSlug = "quad-set", sets = 3, reps = 10, maxSets = 3, maxReps = 15 },
                new { exerciseSlug = "straight-leg-raise", sets = 2, reps = 10, maxSets = 3, maxReps = 10 },
            },
        }, Ct)).EnsureSuccessStatusCode();
        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var suggestion = await RaiseAsync(maria.Id, AlertKind.ReadyToProgress, AlertSeverity.Info);

        var notYours = await outsider.Client.PostAsync($"/api/v1/alerts/{suggestion.Id}/approve-progression", null, Ct);
        var approved = await (await ana.Client.PostAsync($"/api/v1/alerts/{suggestion.Id}/approve-progression", null, Ct))
            .ReadAsync<HepBot.Host.Api.Prescriptions.PrescriptionDto>();
        var twice = await ana.Client.PostAsync($"/api/v1/alerts/{suggestion.Id}/approve-progression", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(3, approved.Version);
        Assert.Equal(new DateOnly(2026, 3, 10), approved.Schedule.StartDate);
        Assert.Equal([(3, 12), (3, 10)], approved.Items.Select(i => (i.Dose.Sets, i.Dose.Reps ?? 0)));
        Assert.Equal([(3, 15), (3, 10)], approved.Items.Select(i => (i.MaxSets ?? 0, i.MaxReps ?? 0)));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var told = Assert.Single(fixture.Host.Notifier.Sent, m => m.RecipientId == maria.Id);
        Assert.Contains("moved your program up a step", told.Text);
        Assert.Contains("3×10 → 3×12", told.Text);
        Assert.Contains("2×10 → 3×10", told.Text);
    }
}

public sealed class AlertsAndAdherenceApiOnSqliteTests(SqliteApiFixture fixture)
    : AlertsAndAdherenceApiTests<SqliteApiFixture>(fixture), IClassFixture<SqliteApiFixture>;

public sealed class AlertsAndAdherenceApiOnPostgresTests(PostgresApiFixture fixture)
    : AlertsAndAdherenceApiTests<PostgresApiFixture>(fixture), IClassFixture<PostgresApiFixture>;
