using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Patients;
using HepBot.Host.Api.Exercises;
using HepBot.Host.Api.Invitations;
using HepBot.Host.Api.Patients;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Api;

/// <summary>The management API through the real pipeline; run once per database provider below.</summary>
public abstract class ManagementApiTests<TFixture>(TFixture fixture) where TFixture : ApiFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object KneeProgram = new
    {
        schedule = new { sessionsPerDay = 2, days = new[] { "monday", "wednesday", "friday" } },
        notes = "Week 1 after arthroscopy.",
        items = new object[]
        {
            new { exerciseSlug = "quad-set" },
            new { exerciseSlug = "straight-leg-raise", sets = 2, reps = 8, notes = "Keep the knee locked." },
        },
    };

    [Fact]
    public async Task Requests_without_a_valid_key_are_401()
    {
        var therapist = await fixture.NewTherapistAsync();
        var anonymous = fixture.Host.CreateClient();

        var missing = await anonymous.GetAsync("/api/v1/patients", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);

        foreach (var wrong in new[] { therapist.ApiKey[..^4] + "AAAA", "hb_" + new string('x', 43), "not-a-hepbot-key" })
        {
            anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/patients", Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await therapist.Client.GetAsync("/api/v1/patients", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_valid_key_records_when_it_was_last_used()
    {
        var therapist = await fixture.NewTherapistAsync();
        await therapist.Client.GetAsync("/api/v1/patients", Ct);

        await using var db = fixture.Database.CreateContext();
        var key = await db.ApiKeys.SingleAsync(k => k.TherapistId == therapist.Id, Ct);
        Assert.Equal(fixture.Host.Clock.GetUtcNow(), key.LastUsedAt);
    }

    [Fact]
    public async Task Another_therapists_patient_is_404_everywhere()
    {
        var owner = await fixture.NewTherapistAsync();
        var colleague = await fixture.NewTherapistAsync(clinicId: owner.ClinicId);
        var otherClinicAdmin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin);
        var patient = await CreatePatientAsync(owner);
        var invitation = await (await owner.Client.PostAsync($"/api/v1/patients/{patient.Id}/invitations", null, Ct)).ReadAsync<InvitationDto>();

        foreach (var outsider in new[] { colleague, otherClinicAdmin })
        {
            var client = outsider.Client;
            var url = $"/api/v1/patients/{patient.Id}";
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PatchAsJsonAsync(url, new { displayName = "Taken" }, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/prescription", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"{url}/prescription", KneeProgram, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/prescriptions", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"{url}/invitations", null, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{url}/invitations/{invitation.Code}", Ct)).StatusCode);
            Assert.Empty(await (await client.GetAsync("/api/v1/patients", Ct)).ReadAsync<List<PatientDto>>());
        }

        await using var db = fixture.Database.CreateContext();
        var stored = await db.Patients.SingleAsync(p => p.Id == patient.Id, Ct);
        Assert.Equal("Maria", stored.DisplayName);
        Assert.Equal(0, await db.Prescriptions.CountAsync(p => p.PatientId == patient.Id, Ct));
        Assert.Null((await db.Invitations.SingleAsync(i => i.Code == invitation.Code, Ct)).RevokedAt);
    }

    [Fact]
    public async Task A_clinic_admin_sees_every_patient_of_the_clinic()
    {
        var first = await fixture.NewTherapistAsync();
        var second = await fixture.NewTherapistAsync(clinicId: first.ClinicId);
        var admin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin, first.ClinicId);
        var maria = await CreatePatientAsync(first);
        var jon = await CreatePatientAsync(second, "Jon");

        var seen = await (await admin.Client.GetAsync("/api/v1/patients", Ct)).ReadAsync<List<PatientDto>>();

        Assert.Equal(new[] { maria.Id, jon.Id }.Order(), seen.Select(p => p.Id).Order());
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync($"/api/v1/patients/{jon.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsJsonAsync($"/api/v1/patients/{jon.Id}/prescription", KneeProgram, Ct)).StatusCode);
        Assert.Single(await (await first.Client.GetAsync("/api/v1/patients", Ct)).ReadAsync<List<PatientDto>>());
    }

    [Theory]
    [InlineData("""{"displayName":"Maria","timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"displayName":"Maria","timeZone":"Pacific Standard Time"}""", "timeZone")]
    [InlineData("""{"displayName":""}""", "displayName")]
    [InlineData("""{"timeZone":"Europe/Madrid"}""", "displayName")]
    [InlineData("""{"displayName":"Maria","locale":"fr"}""", "locale")]
    [InlineData("""{"displayName":"Maria","reminderTimes":["25:00"]}""", "reminderTimes[0]")]
    [InlineData("""{"displayName":"Maria","reminderTimes":["08:00","08:00"]}""", "reminderTimes")]
    [InlineData("""{"displayName":"Maria","reminderTimes":[]}""", "reminderTimes")]
    [InlineData("""{"displayName":"Maria","reminderTimes":["07:00","08:00","09:00","10:00","11:00","12:00","13:00"]}""", "reminderTimes")]
    [InlineData("""{"displayName":42}""", "displayName")]
    [InlineData("""{"displayName":"Maria","reminderTimes":"18:00"}""", "reminderTimes")]
    public async Task Creating_a_patient_with_bad_input_is_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.PostAsync("/api/v1/patients", ApiJson.Raw(json), Ct);

        await response.AssertValidationProblemAsync(field);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(0, await db.Patients.CountAsync(p => p.ClinicId == therapist.ClinicId, Ct));
    }

    [Fact]
    public async Task An_oversized_display_name_is_400()
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.PostAsJsonAsync("/api/v1/patients", new { displayName = new string('a', 101) }, Ct);

        await response.AssertValidationProblemAsync("displayName");
    }

    [Theory]
    [InlineData("{\"displayName\":\"Maria\"")]
    [InlineData("{displayName: Maria}")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.PostAsync("/api/v1/patients", ApiJson.Raw(body), Ct);

        Assert.NotEmpty(await response.AssertValidationProblemAsync());
    }

    [Theory]
    [InlineData("""{"timeZone":"Nowhere/Land"}""", "timeZone")]
    [InlineData("""{"displayName":"   "}""", "displayName")]
    [InlineData("""{"status":"deactivated"}""", "status")]
    [InlineData("""{"status":"active","pausedUntil":"2026-04-01"}""", "pausedUntil")]
    [InlineData("""{"pausedUntil":"2026-03-01"}""", "pausedUntil")]
    [InlineData("""{"locale":"de","timeZone":"Europe/Madrid"}""", "locale")]
    [InlineData("""{"pausedUntil":"next week"}""", "pausedUntil")]
    [InlineData("""{"alertRules":{"lowAdherenceBelow":1.5}}""", "alertRules.lowAdherenceBelow")]
    [InlineData("""{"alertRules":{"missedDaysInARow":0}}""", "alertRules.missedDaysInARow")]
    [InlineData("""{"alertRules":{"painRiseOf":0.2}}""", "alertRules.painRiseOf")]
    [InlineData("""{"alertRules":{"missedDaysInARow":"many"}}""", "alertRules.missedDaysInARow")]
    [InlineData("""{"alertRules":{"noContactDays":31},"displayName":"Maria Lopez"}""", "alertRules.noContactDays")]
    public async Task Updating_a_patient_with_bad_input_is_400_and_changes_nothing(string json, string field)
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var auditBefore = await AuditCountAsync(patient.Id);

        var response = await therapist.Client.PatchAsync($"/api/v1/patients/{patient.Id}", ApiJson.Raw(json), Ct);

        await response.AssertValidationProblemAsync(field);
        await using var db = fixture.Database.CreateContext();
        var stored = await db.Patients.SingleAsync(p => p.Id == patient.Id, Ct);
        Assert.Equal(("Maria", "Europe/Madrid", "en", PatientStatus.Active), (stored.DisplayName, stored.TimeZoneId, stored.Locale, stored.Status));
        Assert.Equal(auditBefore, await AuditCountAsync(patient.Id));
    }

    [Theory]
    [InlineData("""{"items":[{"exerciseSlug":"quad-set","sets":-1}]}""", "items[0].sets")]
    [InlineData("""{"items":[{"exerciseSlug":"quad-set","restSeconds":-5}]}""", "items[0].restSeconds")]
    [InlineData("""{"items":[{"exerciseSlug":"quad-set"},{"exerciseSlug":"moon-walk"}]}""", "items[1].exerciseSlug")]
    [InlineData("""{"items":[]}""", "items")]
    [InlineData("""{"items":[{"exerciseSlug":"quad-set","sets":"three"}]}""", "items[0].sets")]
    [InlineData("""{"items":[{"exerciseSlug":"quad-set","side":"top"}]}""", "items[0].side")]
    [InlineData("""{"schedule":{"sessionsPerDay":0},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.sessionsPerDay")]
    [InlineData("""{"schedule":{"days":[]},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.days")]
    [InlineData("""{"schedule":{"startDate":"2026-04-10","endDate":"2026-04-01"},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.endDate")]
    public async Task Prescribing_with_bad_input_is_400_and_writes_no_version(string json, string field)
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        await (await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", KneeProgram, Ct)).ReadAsync<PrescriptionDto>();
        var auditBefore = await AuditCountAsync(patient.Id);

        var response = await therapist.Client.PutAsync($"/api/v1/patients/{patient.Id}/prescription", ApiJson.Raw(json), Ct);

        await response.AssertValidationProblemAsync(field);
        await using var db = fixture.Database.CreateContext();
        var versions = await db.Prescriptions.Where(p => p.PatientId == patient.Id).ToListAsync(Ct);
        Assert.Equal(1, Assert.Single(versions).Version);
        Assert.Null(versions[0].SupersededAt);
        Assert.Equal(auditBefore, await AuditCountAsync(patient.Id));
    }

    [Fact]
    public async Task Oversized_prescription_notes_are_400()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);

        var response = await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", new
        {
            notes = new string('n', 2001),
            items = new[] { new { exerciseSlug = "quad-set", notes = new string('n', 1001) } },
        }, Ct);

        await response.AssertValidationProblemAsync("notes", "items[0].notes");
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(0, await db.Prescriptions.CountAsync(p => p.PatientId == patient.Id, Ct));
    }

    [Fact]
    public async Task Create_patient_prescribe_revise_invite_and_revoke()
    {
        var therapist = await fixture.NewTherapistAsync();
        var client = therapist.Client;

        var created = await client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = "Maria", timeZone = "America/New_York", reminderTimes = new[] { "18:30", "07:45" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var patient = await created.ReadAsync<PatientDto>();
        Assert.Equal(["07:45", "18:30"], patient.ReminderTimes);
        Assert.Equal(("America/New_York", "en", PatientStatus.Active), (patient.TimeZone, patient.Locale, patient.Status));

        var updated = await (await client.PatchAsJsonAsync($"/api/v1/patients/{patient.Id}",
            new { locale = "es", timeZone = "Europe/Madrid", pausedUntil = "2026-03-20" }, Ct)).ReadAsync<PatientDto>();
        Assert.Equal(("es", "Europe/Madrid", PatientStatus.Paused, new DateOnly(2026, 3, 20)),
            (updated.Locale, updated.TimeZone, updated.Status, updated.PausedUntil));
        var resumed = await (await client.PatchAsJsonAsync($"/api/v1/patients/{patient.Id}", new { status = "active" }, Ct)).ReadAsync<PatientDto>();
        Assert.Equal((PatientStatus.Active, (DateOnly?)null), (resumed.Status, resumed.PausedUntil));

        var first = await (await client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", KneeProgram, Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal(1, first.Version);
        Assert.Equal(new ExerciseDose(3, 10, 5, 30, Side.Affected), first.Items[0].Dose);
        Assert.Equal(new ExerciseDose(2, 8, null, 45, Side.Affected), first.Items[1].Dose); // rest: the library default
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], first.Schedule.Days);
        Assert.Equal(new DateOnly(2026, 3, 10), first.Schedule.StartDate);

        var second = await (await client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", new
        {
            items = new object[] { new { exerciseSlug = "sit-to-stand", sets = 4 }, new { exerciseSlug = "bridge" } },
        }, Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal(2, second.Version);

        var current = await (await client.GetAsync($"/api/v1/patients/{patient.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal((second.Id, 2), (current.Id, current.Version));
        Assert.Equal(["sit-to-stand", "bridge"], current.Items.Select(i => i.ExerciseSlug));
        Assert.Equal("Sit to stand", current.Items[0].ExerciseName);

        var history = await (await client.GetAsync($"/api/v1/patients/{patient.Id}/prescriptions", Ct)).ReadAsync<List<PrescriptionDto>>();
        Assert.Equal([2, 1], history.Select(p => p.Version));
        Assert.Null(history[0].SupersededAt);
        Assert.Equal(fixture.Host.Clock.GetUtcNow(), history[1].SupersededAt);
        Assert.Equal(2, history[1].Items.Count);

        var invited = await client.PostAsync($"/api/v1/patients/{patient.Id}/invitations", null, Ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.ReadAsync<InvitationDto>();
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", invitation.Code);
        Assert.Equal(fixture.Host.Clock.GetUtcNow().AddDays(7), invitation.ExpiresAt);
        Assert.Null(invitation.DeepLink);

        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/patients/{patient.Id}/invitations/ABCDEFGH", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/patients/{patient.Id}/invitations/{invitation.Code}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/patients/{patient.Id}/invitations/{invitation.Code}", Ct)).StatusCode);

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(fixture.Host.Clock.GetUtcNow(), (await db.Invitations.SingleAsync(i => i.Code == invitation.Code, Ct)).RevokedAt);
        var audit = await db.AuditEntries.Where(a => a.PatientId == patient.Id).ToListAsync(Ct);
        Assert.All(audit, a => Assert.Equal($"therapist:{therapist.Id}", a.Actor));
        Assert.Contains(audit, a => a is { Action: AuditAction.Create, EntityType: "Patient" });
        Assert.Contains(audit, a => a is { Action: AuditAction.Update, EntityType: "Patient" });
        Assert.Equal(2, audit.Count(a => a is { Action: AuditAction.Create, EntityType: "Prescription" }));
        Assert.Contains(audit, a => a is { Action: AuditAction.Read, EntityType: "Prescription" });
        Assert.Contains(audit, a => a is { Action: AuditAction.Create, EntityType: "Invitation" });
        Assert.Single(audit, a => a is { Action: AuditAction.Delete, EntityType: "Invitation" });
    }

    [Fact]
    public async Task Invitations_carry_a_telegram_link_when_the_bot_is_configured()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        await using var withBot = fixture.Host.WithWebHostBuilder(b => b.UseSetting("Telegram:BotUsername", "HepBotClinicBot"));
        var client = withBot.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", therapist.ApiKey);

        var invitation = await (await client.PostAsync($"/api/v1/patients/{patient.Id}/invitations", null, Ct)).ReadAsync<InvitationDto>();

        Assert.Equal($"https://t.me/HepBotClinicBot?start={invitation.Code}", invitation.DeepLink);
    }

    [Fact]
    public async Task Exercises_are_the_library_and_the_clinics_own()
    {
        var therapist = await fixture.NewTherapistAsync();
        var elsewhere = await fixture.NewTherapistAsync();
        var custom = await therapist.Client.PostAsJsonAsync("/api/v1/exercises", new
        {
            slug = "step-up-low",
            region = "knee",
            defaultDose = new { sets = 2, reps = 10, restSeconds = 30, side = "each" },
            texts = new[] { new { locale = "en", name = "Low step-up", steps = new[] { "Step up onto the bottom stair." } } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, custom.StatusCode);

        var knee = await (await therapist.Client.GetAsync("/api/v1/exercises?region=knee", Ct)).ReadAsync<List<ExerciseDto>>();
        Assert.Equal(7, knee.Count);
        Assert.Single(knee, e => e.IsCustom);
        var spanish = await (await therapist.Client.GetAsync("/api/v1/exercises?q=puente", Ct)).ReadAsync<List<ExerciseDto>>();
        Assert.Equal("bridge", Assert.Single(spanish).Slug);
        var bySlug = await (await therapist.Client.GetAsync("/api/v1/exercises?q=clam", Ct)).ReadAsync<List<ExerciseDto>>();
        Assert.Equal(BodyRegion.Hip, Assert.Single(bySlug).Region);
        var theirs = await (await elsewhere.Client.GetAsync("/api/v1/exercises?q=step-up", Ct)).ReadAsync<List<ExerciseDto>>();
        Assert.Empty(theirs);

        var patient = await CreatePatientAsync(therapist);
        var program = await (await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription",
            new { items = new[] { new { exerciseSlug = "step-up-low" } } }, Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal("Low step-up", program.Items[0].ExerciseName);
        var otherPatient = await CreatePatientAsync(elsewhere);
        var refused = await elsewhere.Client.PutAsJsonAsync($"/api/v1/patients/{otherPatient.Id}/prescription",
            new { items = new[] { new { exerciseSlug = "step-up-low" } } }, Ct);
        await refused.AssertValidationProblemAsync("items[0].exerciseSlug");
    }

    [Theory]
    [InlineData("""{"slug":"Wall Squat","region":"knee","defaultDose":{"sets":2,"reps":10,"restSeconds":30},"texts":[{"locale":"en","name":"Wall squat","steps":["Slide down."]}]}""", "slug")]
    [InlineData("""{"slug":"quad-set","region":"knee","defaultDose":{"sets":2,"reps":10,"restSeconds":30},"texts":[{"locale":"en","name":"Mine","steps":["Squeeze."]}]}""", "slug")]
    [InlineData("""{"slug":"wall-squat","region":"knee","defaultDose":{"sets":0,"reps":10,"restSeconds":30},"texts":[{"locale":"en","name":"Wall squat","steps":["Slide down."]}]}""", "defaultDose.sets")]
    [InlineData("""{"slug":"wall-squat","region":"knee","defaultDose":{"sets":2,"restSeconds":30},"texts":[{"locale":"en","name":"Wall squat","steps":["Slide down."]}]}""", "defaultDose.reps")]
    [InlineData("""{"slug":"wall-squat","region":"knee","defaultDose":{"sets":2,"reps":10,"restSeconds":30},"texts":[{"locale":"es","name":"Sentadilla","steps":["Baja."]}]}""", "texts")]
    [InlineData("""{"slug":"wall-squat","region":"knee","defaultDose":{"sets":2,"reps":10,"restSeconds":30},"texts":[{"locale":"en","name":"","steps":[]}]}""", "texts[0].name")]
    [InlineData("""{"slug":"wall-squat","region":"elbow","defaultDose":{"sets":2,"reps":10,"restSeconds":30},"texts":[{"locale":"en","name":"Wall squat","steps":["Slide down."]}]}""", "region")]
    [InlineData("""{"slug":"wall-squat","defaultDose":{"sets":2,"reps":10,"restSeconds":30},"texts":[{"locale":"en","name":"Wall squat","steps":["Slide down."]}],"media":{"kind":"video","url":"not a url"}}""", "media.url")]
    public async Task Creating_an_exercise_with_bad_input_is_400_and_writes_nothing(string json, string field)
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.PostAsync("/api/v1/exercises", ApiJson.Raw(json), Ct);

        await response.AssertValidationProblemAsync(field);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(0, await db.Exercises.CountAsync(e => e.ClinicId == therapist.ClinicId, Ct));
    }

    [Fact]
    public async Task An_unknown_region_filter_is_400()
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.GetAsync("/api/v1/exercises?region=tail", Ct);

        await response.AssertValidationProblemAsync("region");
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint()
    {
        await fixture.NewTherapistAsync();

        using var document = JsonDocument.Parse(await fixture.Host.CreateClient().GetStringAsync("/openapi/v1.json", Ct));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order().ToList();
        Assert.Equal(
        [
            "DELETE /api/v1/patients/{id}/invitations/{code}",
            "DELETE /api/v1/patients/{id}/minutes/{entryId}",
            "GET /api/v1/alerts",
            "GET /api/v1/api-keys",
            "GET /api/v1/exercises",
            "GET /api/v1/patients",
            "GET /api/v1/patients/{id}",
            "GET /api/v1/patients/{id}/adherence",
            "GET /api/v1/patients/{id}/messages",
            "GET /api/v1/patients/{id}/minutes",
            "GET /api/v1/patients/{id}/prescription",
            "GET /api/v1/patients/{id}/prescriptions",
            "GET /api/v1/patients/{id}/program.pdf",
            "GET /api/v1/reports/rtm",
            "GET /api/v1/templates",
            "GET /media/exercises/{slug}/animation.gif",
            "GET /media/exercises/{slug}/still.png",
            "GET /media/exercises/custom/{id}/animation.gif",
            "GET /media/exercises/custom/{id}/still.png",
            "PATCH /api/v1/patients/{id}",
            "POST /api/v1/alerts/{id}/acknowledge",
            "POST /api/v1/alerts/{id}/approve-progression",
            "POST /api/v1/api-keys",
            "POST /api/v1/api-keys/{id}/revoke",
            "POST /api/v1/exercises",
            "POST /api/v1/patients",
            "POST /api/v1/patients/{id}/invitations",
            "POST /api/v1/patients/{id}/messages",
            "POST /api/v1/patients/{id}/minutes",
            "POST /api/v1/patients/{id}/prescription/from-template",
            "POST /api/v1/templates",
            "PUT /api/v1/patients/{id}/prescription",
        ], operations);
    }

    [Fact]
    public async Task A_patients_alert_thresholds_override_the_clinic_defaults_and_clear_back_to_them()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var url = $"/api/v1/patients/{patient.Id}";
        var defaults = new Core.Alerts.AlertRuleOptions();
        Assert.Equal(new AlertRuleValuesDto(null, null, null, null), patient.AlertRules.Overrides);
        Assert.Equal(new AlertRuleValuesDto(defaults.LowAdherenceBelow, defaults.MissedDaysInARow, defaults.PainRiseOf, defaults.NoContactDays),
            patient.AlertRules.Effective);
        var auditBefore = await AuditCountAsync(patient.Id);

        var set = await (await therapist.Client.PatchAsJsonAsync(url,
            new { alertRules = new { missedDaysInARow = 2, painRiseOf = 1.5, lowAdherenceBelow = 0.7 } }, Ct)).ReadAsync<PatientDto>();
        Assert.Equal(new AlertRuleValuesDto(0.7, 2, 1.5, null), set.AlertRules.Overrides);
        Assert.Equal(new AlertRuleValuesDto(0.7, 2, 1.5, defaults.NoContactDays), set.AlertRules.Effective);

        // null clears one override; those left out stay.
        var cleared = await therapist.Client.PatchAsync(url, ApiJson.Raw("""{"alertRules":{"missedDaysInARow":null,"noContactDays":14}}"""), Ct);
        Assert.Equal(new AlertRuleValuesDto(0.7, null, 1.5, 14), (await cleared.ReadAsync<PatientDto>()).AlertRules.Overrides);

        var read = await (await therapist.Client.GetAsync(url, Ct)).ReadAsync<PatientDto>();
        Assert.Equal(new AlertRuleValuesDto(0.7, null, 1.5, 14), read.AlertRules.Overrides);
        Assert.Equal(new AlertRuleValuesDto(0.7, defaults.MissedDaysInARow, 1.5, 14), read.AlertRules.Effective);
        var other = await (await therapist.Client.PatchAsJsonAsync(url, new { displayName = "Maria L" }, Ct)).ReadAsync<PatientDto>();
        Assert.Equal(read.AlertRules, other.AlertRules);

        await using var db = fixture.Database.CreateContext();
        var stored = await db.Patients.SingleAsync(p => p.Id == patient.Id, Ct);
        Assert.Equal(new Core.Alerts.AlertRuleOverrides { LowAdherenceBelow = 0.7, PainRiseOf = 1.5, NoContactDays = 14 }, stored.AlertRuleOverrides);
        var audit = await db.AuditEntries.Where(a => a.PatientId == patient.Id).ToListAsync(Ct);
        Assert.Equal(auditBefore + 4, audit.Count);
        Assert.Equal(3, audit.Count(a => a is { Action: AuditAction.Update, EntityType: "Patient" }));
    }

    private static async Task<PatientDto> CreatePatientAsync(TestTherapist therapist, string name = "Maria") =>
        await (await therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = name, timeZone = "Europe/Madrid", reminderTimes = new[] { "18:00" } }, Ct)).ReadAsync<PatientDto>();

    private async Task<int> AuditCountAsync(Guid patientId)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.PatientId == patientId, Ct);
    }
}

public sealed class ManagementApiOnSqliteTests(SqliteApiFixture fixture)
    : ManagementApiTests<SqliteApiFixture>(fixture), IClassFixture<SqliteApiFixture>;

public sealed class ManagementApiOnPostgresTests(PostgresApiFixture fixture)
    : ManagementApiTests<PostgresApiFixture>(fixture), IClassFixture<PostgresApiFixture>;
