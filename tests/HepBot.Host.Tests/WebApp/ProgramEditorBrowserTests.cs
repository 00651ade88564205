using System.Net.Http.Json;
using HepBot.Core.Alerts;
using HepBot.Data.Alerts;
using HepBot.Host.Api.Patients;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.WebApp;

/// <summary>The program editor in a real browser: build from the library, reorder, save, read the history and the API; templates; a suggestion.</summary>
public sealed class ProgramEditorBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task A_therapist_builds_a_program_from_the_library_reorders_it_saves_and_sees_the_version_and_its_diff() =>
        InBrowserAsync(nameof(A_therapist_builds_a_program_from_the_library_reorders_it_saves_and_sees_the_version_and_its_diff), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await NewPatientAsync(therapist, "Noor");
        await SignInAsync(page, therapist);
        await page.GotoAsync($"{fixture.BaseAddress}/app/patients/{patient.Id}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit program" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Program for Noor" })).ToBeVisibleAsync();
        await page.GetByLabel("Body region").First.SelectOptionAsync("Knee");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("li[data-exercise='bridge']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Quad set" }).ClickAsync();
        await Expect(page.Locator("li[data-slug='quad-set']")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Heel slide" }).ClickAsync();
        await Expect(page.Locator("ol.program-items > li")).ToHaveCountAsync(2);

        await page.Locator("#reps-1").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update the preview" }).ClickAsync();
        await Expect(page.Locator("li[data-slug='heel-slide'] [data-preview]")).ToContainTextAsync("12 times, 2 rounds");
        await Expect(page.Locator("[data-session-length]")).ToContainTextAsync("One session takes about");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move Heel slide up" }).ClickAsync();
        await Expect(page.Locator("ol.program-items > li").First).ToHaveAttributeAsync("data-slug", "heel-slide");
        await Expect(page.Locator("#reps-0")).ToHaveValueAsync("12");
        await page.GetByLabel("Note to the patient").First.FillAsync("Slide slowly, no bouncing.");
        await BrowserRun.SaveDocScreenshotAsync(page, "webapp-editor.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Version 1 was saved.");
        await Expect(page.Locator("li[data-version='1']")).ToContainTextAsync("The first program.");

        var program = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal(["heel-slide", "quad-set"], program.Items.Select(i => i.ExerciseSlug));
        Assert.Equal(12, program.Items[0].Dose.Reps);
        Assert.Equal("Slide slowly, no bouncing.", program.Items[0].Notes);

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit program" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Quad set" }).ClickAsync();
        await Expect(page.Locator("li[data-slug='quad-set']")).ToHaveCountAsync(0);
        await page.GetByLabel("Body region").First.SelectOptionAsync("");
        await page.GetByLabel("Search by name").FillAsync("bridge");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("ul.library-list > li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Bridge" }).ClickAsync();
        await Expect(page.Locator("li[data-slug='bridge']")).ToHaveCountAsync(1);
        await page.Locator("#sets-0").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();

        var latest = page.Locator("li[data-version='2']");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Version 2 was saved.");
        await Expect(latest.Locator("[data-change='added']")).ToContainTextAsync("Added: Bridge");
        await Expect(latest.Locator("[data-change='removed']")).ToHaveTextAsync("Removed: Quad set");
        await Expect(latest.Locator("[data-change='dose']")).ToContainTextAsync("Heel slide: 12 times, 2 rounds");
        await Expect(latest.Locator("[data-change='dose']")).ToContainTextAsync("→ 12 times, 3 rounds");
        await Expect(latest).ToContainTextAsync("by Therapist");
        var after = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal(2, after.Version);
        Assert.Equal(["heel-slide", "bridge"], after.Items.Select(i => i.ExerciseSlug));
    });

    [Fact]
    public Task A_template_saved_from_one_patients_program_starts_another_patients_program() =>
        InBrowserAsync(nameof(A_template_saved_from_one_patients_program_starts_another_patients_program), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var first = await NewPatientAsync(therapist, "Amal");
        var next = await NewPatientAsync(therapist, "Bea");
        (await therapist.Therapist.Client.PutAsJsonAsync($"/api/v1/patients/{first.Id}/prescription", new
        {
            schedule = new { days = new[] { "monday", "wednesday", "friday" } },
            items = new object[] { new { exerciseSlug = "quad-set" }, new { exerciseSlug = "heel-slide", reps = 12 } },
        }, Ct)).EnsureSuccessStatusCode();
        await SignInAsync(page, therapist);

        await page.GotoAsync($"{fixture.BaseAddress}/app/patients/{first.Id}/program");
        await page.GetByLabel("Template name").FillAsync("TKR weeks 0–2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this program as a template" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as the template TKR weeks 0–2.");

        await page.GotoAsync($"{fixture.BaseAddress}/app/patients/{next.Id}/program");
        await page.GetByLabel("Template", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "TKR weeks 0–2" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Start from this template" }).ClickAsync();
        await Expect(page.Locator("ol.program-items > li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#reps-1")).ToHaveValueAsync("12");
        await Expect(page.GetByLabel("Tuesday")).Not.ToBeCheckedAsync();
        await page.Locator("#sets-1").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Version 1 was saved.");

        var program = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{next.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal([("quad-set", 3, 10), ("heel-slide", 2, 12)], program.Items.Select(i => (i.ExerciseSlug, i.Dose.Sets, i.Dose.Reps ?? 0)));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], program.Schedule.Days);
    });

    [Fact]
    public Task A_ready_to_progress_suggestion_is_approved_from_today_with_one_dose_changed() =>
        InBrowserAsync(nameof(A_ready_to_progress_suggestion_is_approved_from_today_with_one_dose_changed), async page =>
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
        await using (var db = fixture.Database.CreateContext())
        {
            await AlertWriter.RaiseAsync(db, patient.Id, AlertKind.ReadyToProgress, AlertSeverity.Info, "Ready to progress", fixture.Host.Clock.GetUtcNow(), Ct);
            await db.SaveChangesAsync(Ct);
        }
        await SignInAsync(page, therapist);

        await page.GetByRole(AriaRole.Link, new() { Name = "Review in the program editor" }).ClickAsync();
        await Expect(page.Locator("[data-suggested]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#reps-0")).ToHaveValueAsync("12");
        await Expect(page.Locator("#sets-1")).ToHaveValueAsync("3");
        await page.Locator("#sets-1").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Version 2 was saved.");
        await Expect(page.Locator("li[data-version='2'] [data-change='dose']")).ToHaveCountAsync(1);

        var program = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/prescription", Ct)).ReadAsync<PrescriptionDto>();
        Assert.Equal([(3, 12), (2, 10)], program.Items.Select(i => (i.Dose.Sets, i.Dose.Reps ?? 0)));
        await page.GotoAsync($"{fixture.BaseAddress}/app");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Review in the program editor" })).ToHaveCountAsync(0);
    });

    private static async Task<PatientDto> NewPatientAsync(WebTherapist therapist, string name) =>
        await (await therapist.Therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new CreatePatientRequest(name, "Europe/Madrid", "en", ["18:00"]), ApiJson.Options, Ct)).ReadAsync<PatientDto>();

    private async Task SignInAsync(IPage page, WebTherapist therapist)
    {
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await page.GetByLabel("E-mail").FillAsync(therapist.Email);
        await page.GetByLabel("Password").FillAsync(therapist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
    }

    private Task InBrowserAsync(string name, Func<IPage, Task> test) => BrowserRun.InBrowserAsync(fixture, name, test,
        new BrowserNewContextOptions { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
}
