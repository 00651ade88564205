using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Host.Api.Patients;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Api;

/// <summary>
/// What probing the API from outside found (issue 9): unknown fields, asymmetric PUT, 500s, races and lost
/// updates, enum errors, dates out of range. Run once per database provider below.
/// </summary>
public abstract class ApiRobustnessTests<TFixture>(TFixture fixture) where TFixture : ApiFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object KneeProgram = new
    {
        schedule = new { sessionsPerDay = 1, days = new[] { "monday", "wednesday", "friday" }, startDate = "2026-03-09", endDate = "2026-06-30" },
        notes = "Week 1 after arthroscopy.",
        items = new object[]
        {
            new { exerciseSlug = "quad-set" },
            new { exerciseSlug = "straight-leg-raise", sets = 2, reps = 8, notes = "Keep the knee locked.", maxSets = 4, maxReps = 12 },
        },
    };

    // Finding 7: unknown fields were dropped silently ("language": "es" gave a patient in English).
    [Theory]
    [InlineData("/api/v1/patients", "POST", """{"displayName":"Maria","language":"es"}""", "language")]
    [InlineData("/api/v1/patients/{id}", "PATCH", """{"displayNme":"Maria"}""", "displayNme")]
    [InlineData("/api/v1/patients/{id}/prescription", "PUT", """{"items":[{"exerciseSlug":"quad-set","dosage":{"sets":2}}]}""", "items[0].dosage")]
    [InlineData("/api/v1/patients/{id}/prescription", "PUT", """{"schedule":{"start":"2026-03-10"},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.start")]
    public async Task An_unknown_field_is_a_400_naming_it_and_nothing_is_written(string url, string method, string json, string field)
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var before = await RowsAsync(therapist);

        var response = await therapist.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url.Replace("{id}", patient.Id.ToString()))
        {
            Content = ApiJson.Raw(json),
        }, Ct);

        await response.AssertValidationProblemAsync(field);
        Assert.Equal(before, await RowsAsync(therapist));
    }

    // Finding 7: PUT accepts what GET returns; the "dose" shape was ignored (2×8 saved as the library's 3×10).
    [Fact]
    public async Task A_prescription_read_with_GET_and_sent_back_with_PUT_becomes_an_identical_new_version()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var url = $"/api/v1/patients/{patient.Id}/prescription";
        (await therapist.Client.PutAsJsonAsync(url, KneeProgram, Ct)).EnsureSuccessStatusCode();
        var first = await therapist.Client.GetStringAsync(url, Ct);

        var put = await therapist.Client.PutAsync(url, ApiJson.Raw(first), Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var second = await therapist.Client.GetStringAsync(url, Ct);
        Assert.Equal(1, JsonNode.Parse(first)!["version"]!.GetValue<int>());
        Assert.Equal(2, JsonNode.Parse(second)!["version"]!.GetValue<int>());
        Assert.Equal(WithoutIdentity(first), WithoutIdentity(second));
    }

    [Fact]
    public async Task A_dose_given_in_the_shape_GET_returns_is_the_dose_prescribed()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);

        var response = await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription",
            new { items = new[] { new { exerciseSlug = "straight-leg-raise", dose = new { sets = 2, reps = 8 } } } }, Ct);

        var prescription = await response.ReadAsync<PrescriptionDto>();
        Assert.Equal((2, 8), (prescription.Items[0].Dose.Sets, prescription.Items[0].Dose.Reps));
        var both = await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription",
            new { items = new[] { new { exerciseSlug = "straight-leg-raise", sets = 3, dose = new { sets = 2, reps = 8 } } } }, Ct);
        await both.AssertValidationProblemAsync("items[0].dose");
    }

    // Finding 15: enum errors list the allowed values.
    [Theory]
    [InlineData("""{"schedule":{"days":["Mon"]},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.days[0]", "\"monday\"")]
    [InlineData("""{"items":[{"exerciseSlug":"quad-set","side":"up"}]}""", "items[0].side", "\"left\", \"right\"")]
    [InlineData("""{"items":[{"exerciseSlug":"quad-set","side":2}]}""", "items[0].side", "\"both\"")]
    public async Task A_wrong_enum_value_is_a_400_listing_the_allowed_values(string json, string field, string listed)
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);

        var response = await therapist.Client.PutAsync($"/api/v1/patients/{patient.Id}/prescription", ApiJson.Raw(json), Ct);

        await response.AssertValidationProblemAsync(field);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Contains(listed, message);
    }

    [Fact]
    public async Task A_wrong_status_lists_the_statuses()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);

        var response = await therapist.Client.PatchAsync($"/api/v1/patients/{patient.Id}", ApiJson.Raw("""{"status":"sleeping"}"""), Ct);

        await response.AssertValidationProblemAsync("status");
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").GetProperty("status")[0].GetString();
        Assert.Equal("Allowed values: \"active\", \"paused\", \"deactivated\".", message);
    }

    // Finding 8: inputs that gave 500s.
    [Theory]
    [InlineData("/api/v1/patients/{id}/prescription", "PUT", """{"items":[null]}""", "items[0]")]
    [InlineData("/api/v1/exercises", "POST", """{"slug":"wall-squat","region":"knee","defaultDose":{"sets":2,"reps":10,"restSeconds":30,"side":"both"},"texts":[null]}""", "texts[0]")]
    [InlineData("/api/v1/patients/{id}", "PATCH", """{"timeZone":"Mars/Olympus_Mons","pausedUntil":"2026-03-20"}""", "timeZone")]
    [InlineData("/api/v1/patients/{id}", "PATCH", """{"pausedUntil":"9999-12-31"}""", "pausedUntil")]
    [InlineData("/api/v1/patients/{id}/adherence?month=9999-12", "GET", null, "month")]
    [InlineData("/api/v1/patients/{id}/adherence?month=0001-01", "GET", null, "month")]
    // Finding 3: dates bounded where they enter.
    [InlineData("/api/v1/patients/{id}/prescription", "PUT", """{"schedule":{"startDate":"0001-01-01"},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.startDate")]
    [InlineData("/api/v1/patients/{id}/prescription", "PUT", """{"schedule":{"startDate":"2031-01-01"},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.startDate")]
    [InlineData("/api/v1/patients/{id}/prescription", "PUT", """{"schedule":{"startDate":"2026-03-10","endDate":"9999-12-31"},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.endDate")]
    [InlineData("/api/v1/patients/{id}/prescription", "PUT", """{"schedule":{"startDate":"2026-03-10","endDate":"2026-03-09"},"items":[{"exerciseSlug":"quad-set"}]}""", "schedule.endDate")]
    public async Task Input_that_used_to_give_a_500_is_a_400_naming_the_field_and_writes_nothing(string url, string method, string? json, string field)
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var before = await RowsAsync(therapist, ignoreAudit: method == "GET");

        var response = await therapist.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url.Replace("{id}", patient.Id.ToString()))
        {
            Content = json is null ? null : ApiJson.Raw(json),
        }, Ct);

        await response.AssertValidationProblemAsync(field);
        Assert.Equal(before, await RowsAsync(therapist, ignoreAudit: method == "GET"));
    }

    // Finding 3: a stored program starting on 0001-01-01 (and prescribed again on the same day) made every adherence read a 500.
    [Fact]
    public async Task Adherence_is_read_for_a_patient_whose_stored_programs_start_on_the_first_representable_day()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        (await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", KneeProgram, Ct)).EnsureSuccessStatusCode();
        await using (var db = fixture.Database.CreateContext())
        {
            var stored = await db.Prescriptions.Include(p => p.Items).SingleAsync(p => p.PatientId == patient.Id, Ct);
            stored.Schedule = stored.Schedule with { StartDate = DateOnly.MinValue, EndDate = null };
            stored.SupersededAt = fixture.Host.Clock.GetUtcNow();
            db.Prescriptions.Add(new Prescription
            {
                PatientId = patient.Id, Version = 2, PrescribedById = therapist.Id, CreatedAt = fixture.Host.Clock.GetUtcNow(),
                Schedule = new PrescriptionSchedule(1, TrainingDays.Every, DateOnly.MinValue, null),
                Items = [new PrescriptionItem { Order = 1, ExerciseId = stored.Items[0].ExerciseId, Dose = stored.Items[0].Dose }],
            });
            db.SessionLogs.Add(new SessionLog
            {
                PatientId = patient.Id, PrescriptionId = stored.Id, LocalDate = new DateOnly(2026, 3, 9), SessionNumber = 1, ExercisesPlanned = 1,
                Status = SessionStatus.Completed, StartedAt = fixture.Host.Clock.GetUtcNow().AddDays(-1),
            });
            await db.SaveChangesAsync(Ct);
        }

        foreach (var query in new[] { "days=7", "days=90", "month=2026-03", "month=2000-01" })
        {
            var response = await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/adherence?{query}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // And the history can be repaired through the API: a new version from today.
        var repaired = await therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription",
            new { items = new[] { new { exerciseSlug = "quad-set" } } }, Ct);
        Assert.Equal(3, (await repaired.ReadAsync<PrescriptionDto>()).Version);
    }

    // Finding 8: 20 concurrent prescription PUTs gave 14 × 500 (unique constraint).
    [Fact]
    public async Task Twenty_concurrent_prescription_PUTs_are_each_a_200_or_a_409_and_the_versions_stay_a_clean_sequence()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", KneeProgram, Ct)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict),
            r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        await using var db = fixture.Database.CreateContext();
        var versions = await db.Prescriptions.Where(p => p.PatientId == patient.Id).Select(p => new { p.Version, p.SupersededAt }).ToListAsync(Ct);
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.OK), versions.Count);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions.Select(v => v.Version).Order());
        Assert.Single(versions, v => v.SupersededAt is null);
    }

    // Finding 8: 10 concurrent POSTs of one exercise slug gave 8 × 500.
    [Fact]
    public async Task Ten_concurrent_POSTs_of_one_exercise_slug_create_it_once_and_refuse_the_rest_with_400_or_409()
    {
        var therapist = await fixture.NewTherapistAsync();
        var body = new
        {
            slug = "wall-squat-race",
            region = "knee",
            defaultDose = new { sets = 2, reps = 10, restSeconds = 30, side = "both" },
            texts = new[] { new { locale = "en", name = "Wall squat", steps = new[] { "Slide down the wall." } } },
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => therapist.Client.PostAsJsonAsync("/api/v1/exercises", body, Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Conflict }));
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await db.Exercises.CountAsync(e => e.ClinicId == therapist.ClinicId, Ct));
    }

    // Finding 8: PATCH and PUT honour If-Match; a stale copy is refused, not blended.
    [Fact]
    public async Task A_PATCH_from_a_stale_copy_of_the_patient_is_412_and_changes_nothing()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var url = $"/api/v1/patients/{patient.Id}";
        var read = await therapist.Client.GetAsync(url, Ct);
        var tag = read.Headers.ETag!.Tag;

        var first = await PatchAsync(therapist, url, """{"locale":"es"}""", tag);
        var stale = await PatchAsync(therapist, url, """{"displayName":"Maria L"}""", tag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(tag, first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var now = await (await therapist.Client.GetAsync(url, Ct)).ReadAsync<PatientDto>();
        Assert.Equal(("Maria", "es"), (now.DisplayName, now.Locale));
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(therapist, url, """{"displayName":"Maria L"}""", first.Headers.ETag!.Tag)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_PATCHes_are_each_applied_whole_or_refused_never_blended()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var url = $"/api/v1/patients/{patient.Id}";
        var bodies = Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? $$"""{"displayName":"Name {{i}}","reminderTimes":["{{10 + i}}:00"]}"""
            : $$"""{"locale":"{{(i % 4 == 1 ? "es" : "en")}}","reminderTimes":["{{10 + i}}:30"]}""").ToList();

        var responses = await Task.WhenAll(bodies.Select(b => therapist.Client.PatchAsync(url, ApiJson.Raw(b), Ct)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        await using var db = fixture.Database.CreateContext();
        var stored = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient.Id, Ct);
        // Each success was made on top of the one before it: the row's version counts them all.
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.OK), stored.Version);
    }

    [Fact]
    public async Task A_prescription_PUT_with_a_stale_ETag_is_412_and_adds_no_version()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var url = $"/api/v1/patients/{patient.Id}/prescription";
        (await therapist.Client.PutAsJsonAsync(url, KneeProgram, Ct)).EnsureSuccessStatusCode();
        var tag = (await therapist.Client.GetAsync(url, Ct)).Headers.ETag!.Tag;
        (await therapist.Client.PutAsJsonAsync(url, KneeProgram, Ct)).EnsureSuccessStatusCode();

        var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(KneeProgram) };
        stale.Headers.TryAddWithoutValidation("If-Match", tag);
        var response = await therapist.Client.SendAsync(stale, Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(2, await db.Prescriptions.CountAsync(p => p.PatientId == patient.Id, Ct));
    }

    private static async Task<HttpResponseMessage> PatchAsync(TestTherapist therapist, string url, string json, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = ApiJson.Raw(json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await therapist.Client.SendAsync(request, Ct);
    }

    private static async Task<PatientDto> CreatePatientAsync(TestTherapist therapist) =>
        await (await therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = "Maria", timeZone = "Europe/Madrid", reminderTimes = new[] { "18:00" } }, Ct)).ReadAsync<PatientDto>();

    /// <summary>The therapist's clinic's rows, as a fingerprint: a rejected request must not change it.</summary>
    private async Task<string> RowsAsync(TestTherapist therapist, bool ignoreAudit = false) =>
        await ClinicRows.FingerprintAsync(fixture.Database, therapist.ClinicId, ignoreAudit, Ct);

    /// <summary>A prescription as GET returns it, without what makes each version itself (id, number, times, item ids).</summary>
    private static string WithoutIdentity(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var key in new[] { "id", "version", "createdAt", "supersededAt" })
            node.Remove(key);
        foreach (var item in node["items"]!.AsArray())
            item!.AsObject().Remove("id");
        return node.ToJsonString();
    }
}

public sealed class ApiRobustnessOnSqliteTests(SqliteApiFixture fixture)
    : ApiRobustnessTests<SqliteApiFixture>(fixture), IClassFixture<SqliteApiFixture>;

public sealed class ApiRobustnessOnPostgresTests(PostgresApiFixture fixture)
    : ApiRobustnessTests<PostgresApiFixture>(fixture), IClassFixture<PostgresApiFixture>;
