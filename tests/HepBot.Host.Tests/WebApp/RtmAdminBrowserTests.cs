using HepBot.Core.Clinics;
using HepBot.Host.Tests.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.WebApp;

/// <summary>The month report and a clinic admin's day in a real browser: read February's report, revoke a key, hand a colleague's patients over.</summary>
public sealed class RtmAdminBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task A_therapist_reads_februarys_report_with_its_notice_and_logs_minutes_on_a_patients_page() => InBrowserAsync(nameof(A_therapist_reads_februarys_report_with_its_notice_and_logs_minutes_on_a_patients_page), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var nora = await RtmMonthSeed.SecondPeriodPatientAsync(fixture, therapist.Therapist);
        var pablo = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, therapist.Therapist);
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await SignInAsync(page, therapist);

        await page.GetByRole(AriaRole.Link, new() { Name = "RTM report" }).ClickAsync();
        await page.GetByLabel("Month").FillAsync("2026-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.Locator("[data-rtm-notice]")).ToContainTextAsync("does not replace the clinician's judgement");
        await Expect(page.Locator($"tr[data-patient='{nora.Id}'] [data-codes]")).ToHaveTextAsync("98985 × 1, 98980 × 1, 98981 × 1");
        await Expect(page.Locator($"tr[data-patient='{nora.Id}'] [data-month-days]")).ToHaveTextAsync("7");
        await Expect(page.Locator($"tr[data-patient='{pablo.Id}'] [data-codes]")).ToHaveTextAsync("98975 × 1, 98977 × 1, 98979 × 1");
        await BrowserScreenshots.SaveDocAsync(page, "webapp-rtm.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nora" }).ClickAsync();
        await page.GetByLabel("Minutes", new() { Exact = true }).FillAsync("12");
        await page.GetByLabel("What was done").FillAsync("Video call: checked the knee bend");
        await page.GetByLabel("Live interaction with the patient").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log minutes" }).ClickAsync();

        await Expect(page.Locator("[data-minutes-log]")).ToContainTextAsync("Video call: checked the knee bend");
        await Expect(page.Locator("[data-minutes-total]")).ToHaveTextAsync("12 minutes this month, 1 live interaction(s).");
    });

    [Fact]
    public Task A_clinic_admin_revokes_a_key_reassigns_a_colleagues_patients_and_deactivates_them() => InBrowserAsync(nameof(A_clinic_admin_revokes_a_key_reassigns_a_colleagues_patients_and_deactivates_them), async page =>
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var leaving = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        await using (var db = fixture.Database.CreateContext())
        {
            var leavingRow = await db.Therapists.SingleAsync(t => t.Id == leaving.Id, TestContext.Current.CancellationToken);
            leavingRow.Name = "Leaving Lee";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var patient = await fixture.NewPatientWithHistoryAsync(leaving, "Greta");
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await SignInAsync(page, admin);

        await page.GetByRole(AriaRole.Link, new() { Name = "Clinic" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.Locator($"tr[data-key='{leaving.Therapist.ApiKey[..12]}'] button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was revoked");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await leaving.Therapist.Client.GetAsync("/api/v1/patients", TestContext.Current.CancellationToken)).StatusCode);

        await page.GetByRole(AriaRole.Link, new() { Name = "Therapists" }).ClickAsync();
        var row = page.Locator($"tr[data-therapist='{leaving.Id}']");
        await row.Locator("[data-deactivate]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Reassign them first");
        await row.GetByRole(AriaRole.Button, new() { Name = "Reassign patients" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 patient(s) moved to Therapist.");
        await page.Locator($"tr[data-therapist='{leaving.Id}'] [data-deactivate]").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Leaving Lee was deactivated");
        await Expect(page.Locator($"tr[data-therapist='{leaving.Id}']")).ToContainTextAsync("Deactivated");
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(admin.Id, (await check.Patients.SingleAsync(p => p.Id == patient.Id, TestContext.Current.CancellationToken)).TherapistId);
    });

    private static async Task SignInAsync(IPage page, WebTherapist therapist)
    {
        await page.GetByLabel("E-mail").FillAsync(therapist.Email);
        await page.GetByLabel("Password").FillAsync(therapist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private Task InBrowserAsync(string name, Func<IPage, Task> test) => BrowserRun.InBrowserAsync(fixture, name, test);
}

internal static class BrowserScreenshots
{
    public static async Task SaveDocAsync(IPage page, string file)
    {
        if (Environment.GetEnvironmentVariable(BrowserFixture.DocScreenshotsVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = true });
        }
    }
}
