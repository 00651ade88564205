using System.Net;
using System.Net.Http.Json;
using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Prescriptions;
using HepBot.Data.Alerts;
using HepBot.Host.Api.Patients;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Api.Templates;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.WebApp;

/// <summary>The program editor through the real host: the form posts a browser makes, the API's rules and versions behind them.</summary>
public sealed class ProgramEditorPageTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Editor(Guid patientId) => $"/app/patients/{patientId}/program";

    /// <summary>A new patient of the therapist without a program.</summary>
    private static async Task<PatientDto> NewPatientAsync(WebTherapist therapist, string name = "Noor") =>
        await (await therapist.Therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new CreatePatientRequest(name, "Europe/Madrid", "en", ["18:00"]), ApiJson.Options, Ct)).ReadAsync<PatientDto>();

    /// <summary>The editor's form as the page renders it, with the given items (slug and optional sets/reps) and fields laid over.</summary>
    private static Dictionary<string, string> Draft(string basedOn, string action, IEnumerable<(string Slug, string Sets, string Reps)> items,
        params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string>
        {
            ["Draft.Action"] = action, ["Draft.BasedOnVersion"] = basedOn, ["Draft.SessionsPerDay"] = "1",
            ["Draft.Monday"] = "true", ["Draft.Wednesday"] = "true", ["Draft.Friday"] = "true",
        };
        var i = 0;
        foreach (var (slug, sets, reps) in items)
        {
            form[$"Draft.Items[{i}].Slug"] = slug;
            form[$"Draft.Items[{i}].Sets"] = sets;
            form[$"Draft.Items[{i}].Reps"] = reps;
            i++;
        }
        foreach (var (name, value) in fields)
            form[name] = value;
        return form;
    }

    /// <summary>A page's text as a reader sees it (Blazor writes ×, → and the like as character references).</summary>
    private static async Task<string> PageAsync(WebSession session, string path)
    {
        var (status, html, _) = await session.GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status}: {html[..Math.Min(html.Length, 3000)]}");
        return WebUtility.HtmlDecode(html);
    }

    private static async Task<string> HtmlOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_program_built_from_the_library_is_reordered_saved_as_version_1_and_read_back_from_the_api()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var empty = await PageAsync(session, Editor(patient.Id));
        Assert.Contains("No exercises yet", empty);
        Assert.Contains("data-exercise=\"quad-set\"", empty);
        Assert.Contains("Stop if you feel sharp pain behind the kneecap.", empty);

        var added = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("0", "add:quad-set", [])));
        Assert.Contains("data-slug=\"quad-set\"", added);
        Assert.Contains("Quad set was added at the end of the program.", added);
        Assert.Contains("<q>10 times, 3 rounds, rest 30 seconds between rounds; hold each for 5 seconds; your sore leg</q>", added);

        var two = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("0", "add:heel-slide", [("quad-set", "3", "10")])));
        var moved = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("0", "up:1", [("quad-set", "3", "10"), ("heel-slide", "2", "15")])));
        Assert.True(two.IndexOf("data-slug=\"quad-set\"", StringComparison.Ordinal) < two.IndexOf("data-slug=\"heel-slide\"", StringComparison.Ordinal));
        Assert.True(moved.IndexOf("data-slug=\"heel-slide\"", StringComparison.Ordinal) < moved.IndexOf("data-slug=\"quad-set\"", StringComparison.Ordinal),
            "Move up puts the heel slide first.");
        Assert.Contains("15 times, 2 rounds", moved);

        var saved = await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("0", "save", [("heel-slide", "2", "15"), ("quad-set", "3", "10")], ("Draft.Notes", "Ice after if the knee is warm.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/app/patients/{patient.Id}/program/history?saved=1", saved.Headers.Location!.OriginalString.Replace("https://localhost", ""));

        var program = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal(1, program.Version);
        Assert.Equal(["heel-slide", "quad-set"], program.Items.Select(i => i.ExerciseSlug));
        Assert.Equal([(2, 15), (3, 10)], program.Items.Select(i => (i.Dose.Sets, i.Dose.Reps ?? 0)));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], program.Schedule.Days);
        Assert.Equal("Ice after if the knee is warm.", program.Notes);
        await using var db = fixture.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.PatientId == patient.Id && a.Action == AuditAction.Create
            && a.EntityType == nameof(Prescription) && a.Actor == $"therapist:{therapist.Id}", Ct));
    }

    [Fact]
    public async Task The_history_shows_each_version_with_what_was_added_removed_and_dosed_differently_and_who_saved_it()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Ines");
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("0", "save", [("quad-set", "3", "10"), ("heel-slide", "2", "15")]))).StatusCode);
        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("1", "save", [("quad-set", "3", "12"), ("bridge", "", "")]));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var history = await PageAsync(session, second.Headers.Location!.OriginalString);
        Assert.Contains("Version 2 was saved.", history);
        Assert.Contains("Version 2", history);
        Assert.Contains("Version 1", history);
        Assert.Contains("The first program.", history);
        Assert.Contains("Added: Bridge (", history);
        Assert.Contains("Removed: Heel slide", history);
        Assert.Contains("Quad set: 10 times, 3 rounds, rest 30 seconds between rounds; hold each for 5 seconds; your sore leg → 12 times, 3 rounds", history);
        Assert.Contains("by Therapist", history);
    }

    [Fact]
    public async Task Unreadable_or_out_of_range_input_is_named_in_the_page_and_saves_nothing()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Omar");
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var letters = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("0", "save", [("quad-set", "three", "10")])));
        var tooMany = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("0", "save", [("quad-set", "11", "10"), ("no-such-exercise", "", "")], ("Draft.SessionsPerDay", "9"))));
        var noDays = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", new Dictionary<string, string>
        {
            ["Draft.Action"] = "save", ["Draft.BasedOnVersion"] = "0", ["Draft.Items[0].Slug"] = "quad-set", ["Draft.StartDate"] = "someday",
        }));
        var unknownButton = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "launch:rocket", [])));
        var emptyProgram = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "save", [])));

        Assert.Contains("Exercise 1 (Quad set), Sets: write a whole number.", letters);
        Assert.Contains("Exercise 1 (Quad set): sets must be between 1 and 10.", tooMany);
        Assert.Contains("Exercise 2 (no-such-exercise): this exercise is not in the library or your clinic", tooMany);
        Assert.Contains("Sessions per day must be between 1 and 6.", tooMany);
        Assert.Contains("Start date: give a date.", noDays);
        Assert.Contains("That button is not known. Nothing was changed.", unknownButton);
        Assert.Contains("A program has between 1 and 30 exercises.", emptyProgram);
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.Prescriptions.AnyAsync(p => p.PatientId == patient.Id, Ct));
    }

    [Fact]
    public async Task A_draft_started_from_an_older_version_is_refused_and_saves_nothing()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Yara");
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "save", [("quad-set", "3", "10")]));

        var stale = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "save", [("bridge", "", "")])));

        Assert.Contains("Someone saved a newer version while you were editing.", stale);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await db.Prescriptions.CountAsync(p => p.PatientId == patient.Id, Ct));
    }

    [Fact]
    public async Task Another_therapists_patient_has_no_editor_and_no_history_and_a_post_changes_nothing()
    {
        var owner = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(owner, "Lea");
        var other = await WebSession.SignedInAsync(fixture.Host, await fixture.NewWebTherapistAsync(clinicId: owner.ClinicId));

        var (editor, _, _) = await other.GetAsync(Editor(patient.Id));
        var (history, _, _) = await other.GetAsync($"{Editor(patient.Id)}/history");
        var post = await other.PostFormAsync("/app", "program", Draft("0", "save", [("quad-set", "3", "10")]), postPath: Editor(patient.Id));

        Assert.Equal(HttpStatusCode.NotFound, editor);
        Assert.Equal(HttpStatusCode.NotFound, history);
        // The page renders no form for a patient it does not show, so a forged post is refused before any handler runs.
        Assert.Contains(post.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.Prescriptions.AnyAsync(p => p.PatientId == patient.Id, Ct));
    }

    [Fact]
    public async Task A_program_saved_as_a_template_starts_the_next_patients_program_which_is_then_adjusted()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var first = await NewPatientAsync(therapist, "Amal");
        var next = await NewPatientAsync(therapist, "Bea");
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var savedTemplate = await HtmlOf(await session.PostFormAsync(Editor(first.Id), "program",
            Draft("0", "save-template", [("quad-set", "3", "10"), ("heel-slide", "2", "15")], ("Draft.TemplateName", "TKR weeks 0–2"))));
        Assert.Contains("Saved as the template TKR weeks 0–2.", savedTemplate);
        var template = Assert.Single(await (await therapist.Therapist.Client.GetAsync("/api/v1/templates", Ct)).ReadAsync<List<TemplateDto>>());
        Assert.Equal("TKR weeks 0–2", template.Name);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], template.Days);

        var applied = await HtmlOf(await session.PostFormAsync(Editor(next.Id), "program",
            Draft("0", "apply-template", [], ("Draft.TemplateId", template.Id.ToString()))));
        Assert.Contains("The template TKR weeks 0–2 was applied.", applied);
        Assert.Contains("data-slug=\"quad-set\"", applied);
        Assert.Contains("data-slug=\"heel-slide\"", applied);
        Assert.Contains("value=\"15\"", applied);

        var sameName = await HtmlOf(await session.PostFormAsync(Editor(next.Id), "program",
            Draft("0", "save-template", [("quad-set", "3", "10")], ("Draft.TemplateName", "TKR weeks 0–2"))));
        Assert.Contains("Give the template a name of at most 120 characters that your clinic does not use yet.", sameName);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(Editor(next.Id), "program",
            Draft("0", "save", [("quad-set", "3", "10"), ("heel-slide", "3", "15")]))).StatusCode);
        var program = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{next.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal([(3, 10), (3, 15)], program.Items.Select(i => (i.Dose.Sets, i.Dose.Reps ?? 0)));
    }

    [Fact]
    public async Task Templates_are_listed_created_and_applied_through_the_api_with_the_prescription_rules()
    {
        var therapist = await fixture.NewTherapistAsync();
        var outsider = await fixture.NewTherapistAsync();
        var patient = await (await therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new CreatePatientRequest("Rosa", "Europe/Madrid", "en", ["18:00"]), ApiJson.Options, Ct)).ReadAsync<PatientDto>();

        var refused = await therapist.Client.PostAsJsonAsync("/api/v1/templates",
            new { name = "", items = new[] { new { exerciseSlug = "quad-set", sets = 11 } } }, Ct);
        var created = await (await therapist.Client.PostAsJsonAsync("/api/v1/templates", new
        {
            name = "Low back week 1", sessionsPerDay = 2, days = new[] { "tuesday", "thursday" },
            items = new[] { new { exerciseSlug = "bridge", sets = 2, reps = 12, maxReps = 16 } },
        }, Ct)).ReadAsync<TemplateDto>();
        var notTheirs = await outsider.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription/from-template",
            new { templateId = created.Id }, Ct);
        var applied = await (await therapist.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription/from-template",
            new { templateId = created.Id }, Ct)).ReadAsync<PrescriptionDto>();

        await refused.AssertValidationProblemAsync("name", "items[0].sets");
        Assert.Empty(await (await outsider.Client.GetAsync("/api/v1/templates", Ct)).ReadAsync<List<TemplateDto>>());
        Assert.Equal(HttpStatusCode.BadRequest, notTheirs.StatusCode);
        Assert.Equal(1, applied.Version);
        Assert.Equal(2, applied.Schedule.SessionsPerDay);
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Thursday], applied.Schedule.Days);
        var item = Assert.Single(applied.Items);
        Assert.Equal(("bridge", 2, 12, 16), (item.ExerciseSlug, item.Dose.Sets, item.Dose.Reps ?? 0, item.MaxReps ?? 0));
    }

    [Fact]
    public async Task A_ready_to_progress_suggestion_opens_with_the_suggested_doses_and_saving_one_changed_approves_it()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Kai");
        (await therapist.Therapist.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", new
        {
            items = new object[]
            {
                new { exerciseSlug = "quad-set", sets = 3, reps = 10, maxSets = 3, maxReps = 15 },
                new { exerciseSlug = "straight-leg-raise", sets = 2, reps = 10, maxSets = 3, maxReps = 10 },
            },
        }, Ct)).EnsureSuccessStatusCode();
        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        Alert suggestion;
        await using (var db = fixture.Database.CreateContext())
        {
            suggestion = (await AlertWriter.RaiseAsync(db, patient.Id, AlertKind.ReadyToProgress, AlertSeverity.Info, "Ready to progress",
                fixture.Host.Clock.GetUtcNow(), Ct))!;
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var patientPage = await PageAsync(session, $"/app/patients/{patient.Id}");
        Assert.Contains($"/app/patients/{patient.Id}/program?suggestion={suggestion.Id}", patientPage);
        var opened = await PageAsync(session, $"{Editor(patient.Id)}?suggestion={suggestion.Id}");
        Assert.Contains("The suggested next doses are filled in.", opened);
        Assert.Contains("Suggested: 3×10 → 3×12", opened);
        Assert.Contains("Suggested: 2×10 → 3×10", opened);
        Assert.Contains($"name=\"Draft.SuggestionId\" value=\"{suggestion.Id}\"", opened);

        // The therapist keeps the quad set's suggestion and holds the leg raise at 2 sets.
        var saved = await session.PostFormAsync(Editor(patient.Id), "program",
            Draft("1", "save", [("quad-set", "3", "12"), ("straight-leg-raise", "2", "10")], ("Draft.SuggestionId", suggestion.Id.ToString()),
                ("Draft.Items[0].MaxSets", "3"), ("Draft.Items[0].MaxReps", "15"), ("Draft.Items[1].MaxSets", "3"), ("Draft.Items[1].MaxReps", "10")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var program = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal(2, program.Version);
        Assert.Equal([(3, 12), (2, 10)], program.Items.Select(i => (i.Dose.Sets, i.Dose.Reps ?? 0)));
        Assert.Equal([(3, 15), (3, 10)], program.Items.Select(i => (i.MaxSets ?? 0, i.MaxReps ?? 0)));
        await using var check = fixture.Database.CreateContext();
        var acknowledged = await check.Alerts.SingleAsync(a => a.Id == suggestion.Id, Ct);
        Assert.Equal(therapist.Id, acknowledged.AcknowledgedById);
        var reopened = await PageAsync(session, $"{Editor(patient.Id)}?suggestion={suggestion.Id}");
        Assert.Contains("That suggestion is no longer open", reopened);
    }

    [Fact]
    public async Task A_custom_exercise_is_checked_by_the_apis_rules_then_created_for_the_clinic_and_added()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Zoe");
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var refused = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "create-exercise", [],
            ("Draft.NewExercise.Slug", "Wall Squat!"), ("Draft.NewExercise.Name", "Wall squat"), ("Draft.NewExercise.Sets", "2"), ("Draft.NewExercise.Reps", "8"))));
        var created = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "create-exercise", [("quad-set", "", "")],
            ("Draft.NewExercise.Slug", "wall-squat"), ("Draft.NewExercise.Region", "Knee"), ("Draft.NewExercise.Name", "Wall squat"),
            ("Draft.NewExercise.Steps", "Stand with your back to a wall.\nSlide down a little and back up."),
            ("Draft.NewExercise.Cautions", "Keep your knees behind your toes."),
            ("Draft.NewExercise.Sets", "2"), ("Draft.NewExercise.Reps", "8"), ("Draft.NewExercise.RestSeconds", "45"))));

        Assert.Contains("The short name must be 1-80 lower-case letters", refused);
        Assert.Contains("Choose the body region.", refused);
        Assert.Contains("Describe the exercise in at least one step", refused);
        Assert.Contains("Wall squat was created for your clinic and added to the program.", created);
        Assert.Contains("data-slug=\"wall-squat\"", created);
        Assert.Contains("8 times, 2 rounds, rest 45 seconds between rounds", created);
        await using var db = fixture.Database.CreateContext();
        var exercise = await db.Exercises.SingleAsync(e => e.Slug == "wall-squat" && e.ClinicId == therapist.ClinicId, Ct);
        Assert.Equal(["Keep your knees behind your toes."], exercise.Texts.Single().Cautions);
    }

    [Fact]
    public async Task A_custom_exercise_drawn_like_a_library_exercise_gets_its_pose_data_and_its_picture_in_the_program()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Ines");
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        (string, string)[] fields =
        [
            ("Draft.NewExercise.Slug", "bridge-on-pillow"), ("Draft.NewExercise.Region", "Hip"), ("Draft.NewExercise.Name", "Bridge on a pillow"),
            ("Draft.NewExercise.Steps", "Lie on your back, knees bent.\nLift your hips."), ("Draft.NewExercise.Sets", "2"), ("Draft.NewExercise.Reps", "10"),
        ];

        var form = await PageAsync(session, Editor(patient.Id));
        var refused = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "create-exercise", [],
            [.. fields, ("Draft.NewExercise.PictureLike", "no-such-exercise")])));
        var created = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "create-exercise", [],
            [.. fields, ("Draft.NewExercise.PictureLike", "bridge")])));

        Assert.Contains("<option value=\"bridge\"", form);
        Assert.Contains("Choose the picture from the list, or no picture.", refused);
        Assert.Contains("Bridge on a pillow was created for your clinic and added to the program.", created);
        await using var db = fixture.Database.CreateContext();
        var exercise = await db.Exercises.SingleAsync(e => e.Slug == "bridge-on-pillow" && e.ClinicId == therapist.ClinicId, Ct);
        Assert.NotNull(exercise.Poses);
        Assert.Contains($"src=\"/media/exercises/custom/{exercise.Id:D}/still.png?side=right\"", created);
        var client = fixture.Host.CreateClient();
        Assert.Equal(await client.GetByteArrayAsync("/media/exercises/bridge/still.png?side=right", Ct),
            await client.GetByteArrayAsync($"/media/exercises/custom/{exercise.Id:D}/still.png?side=right", Ct));
    }

    [Fact]
    public async Task The_library_filters_by_region_and_name_and_shows_the_clinics_own_exercises_beside_the_shared_ones()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Tom");
        (await therapist.Therapist.Client.PostAsJsonAsync("/api/v1/exercises", new
        {
            slug = "towel-slide", region = "knee", defaultDose = new { sets = 2, reps = 10, restSeconds = 30, side = "each" },
            texts = new[] { new { locale = "en", name = "Towel slide", steps = new[] { "Slide the foot on a towel." } } },
        }, Ct)).EnsureSuccessStatusCode();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var knee = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "filter", [], ("Draft.Region", "Knee"))));
        var bridge = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "filter", [], ("Draft.Search", "brid"))));
        var badRegion = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "filter", [], ("Draft.Region", "Elbowz"))));

        Assert.Contains("data-exercise=\"towel-slide\"", knee);
        Assert.Contains("Your clinic's", knee);
        Assert.Contains("data-exercise=\"quad-set\"", knee);
        Assert.DoesNotContain("data-exercise=\"bridge\"", knee);
        Assert.Contains("data-exercise=\"bridge\"", bridge);
        Assert.DoesNotContain("data-exercise=\"quad-set\"", bridge);
        Assert.Contains("data-exercise=\"bridge\"", badRegion);
        Assert.Contains("data-exercise=\"quad-set\"", badRegion);
    }

    [Fact]
    public async Task The_library_and_the_program_show_each_exercises_picture_and_say_so_when_a_custom_one_has_none()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Ines");
        (await therapist.Therapist.Client.PostAsJsonAsync("/api/v1/exercises", new
        {
            slug = "step-tap", region = "knee", defaultDose = new { sets = 2, reps = 10, restSeconds = 30, side = "each" },
            texts = new[] { new { locale = "en", name = "Step tap", steps = new[] { "Tap the step with one foot." } } },
        }, Ct)).EnsureSuccessStatusCode();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var page = await HtmlOf(await session.PostFormAsync(Editor(patient.Id), "program", Draft("0", "filter", [("quad-set", "3", "10")],
            ("Draft.Region", "Knee"), ("Draft.Items[0].Side", "left"))));

        // The library's drawing for the right side, the program item's mirrored for the left side it is prescribed on.
        Assert.Contains("src=\"/media/exercises/quad-set/still.png?side=right\"", page);
        Assert.Contains("src=\"/media/exercises/quad-set/still.png?side=left\"", page);
        Assert.Contains("alt=\"Picture of Quad set\"", page);
        Assert.Contains("data-no-picture=\"step-tap\"", page);
        Assert.DoesNotContain("/media/exercises/step-tap/", page);
        var still = await fixture.Host.CreateClient().GetAsync("/media/exercises/quad-set/still.png?side=left", Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Equal("image/png", still.Content.Headers.ContentType?.MediaType);
        Assert.True((await still.Content.ReadAsByteArrayAsync(Ct)).Length > 1000);
    }
}
