using System.Net;
using HepBot.Core.Clinics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.WebApp;

/// <summary>A clinic admin in a real browser: a new API key shown once and listed with its last use; the clinic's alert thresholds reach a patient's settings.</summary>
public sealed class ClinicAdminBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task A_clinic_admin_creates_a_key_shown_once_and_sets_alert_thresholds_a_patients_settings_show_as_the_clinic_value() =>
        BrowserRun.InBrowserAsync(fixture, nameof(A_clinic_admin_creates_a_key_shown_once_and_sets_alert_thresholds_a_patients_settings_show_as_the_clinic_value), async page =>
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var colleague = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var patient = await fixture.NewPatientWithHistoryAsync(admin, "Olga");
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await page.GetByLabel("E-mail").FillAsync(admin.Email);
        await page.GetByLabel("Password").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Clinic" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(colleague.Id.ToString());
        await page.GetByLabel("Expires in days (empty for never)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await page.Locator("[data-new-key]").InnerTextAsync();
        Assert.StartsWith("hb_", key);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.ClientWithKey(key).GetAsync("/api/v1/patients", Ct)).StatusCode);
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Expect(page.Locator("[data-new-key]")).ToHaveCountAsync(0);
        // Used once, expiring in 30 days, not revoked: nothing in its row says "never".
        await Expect(page.Locator($"tr[data-key='{key[..12]}']")).Not.ToContainTextAsync("never");

        await page.GetByRole(AriaRole.Link, new() { Name = "Clinic settings" }).ClickAsync();
        await page.GetByLabel("Low adherence below (% of sessions, 7 days)").FillAsync("60");
        await page.GetByLabel("Missed planned days in a row").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The clinic's settings were saved.");

        await page.GotoAsync($"{fixture.BaseAddress}/app/patients/{patient.Id}");
        await Expect(page.Locator("[data-clinic-value='missedDays']")).ToHaveTextAsync("Clinic value: 2");
        await Expect(page.Locator("[data-clinic-value='lowAdherence']")).ToHaveTextAsync("Clinic value: 60");
        await Expect(page.Locator("#missed")).ToHaveAttributeAsync("placeholder", "2");
    });
}
