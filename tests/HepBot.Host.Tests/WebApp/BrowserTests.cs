using HepBot.Host.WebApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.WebApp;

/// <summary>A therapist's morning in a real browser: sign in, acknowledge an alert, read a patient's page, answer a message.</summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task A_therapist_signs_in_sees_todays_alerts_and_acknowledges_one() => InBrowserAsync(nameof(A_therapist_signs_in_sees_todays_alerts_and_acknowledges_one), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);

        await page.GotoAsync($"{fixture.BaseAddress}/app");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await SignInAsync(page, therapist);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
        var alerts = page.Locator("ul.alerts > li");
        await Expect(alerts).ToHaveCountAsync(2);
        await Expect(alerts.First).ToContainTextAsync("Warning signs: A swollen, red, warm or painful calf. During Heel slide.");
        await Expect(page.Locator("ul.messages")).ToContainTextAsync("My calf feels tight after yesterday.");
        await BrowserRun.SaveDocScreenshotAsync(page, "webapp-today.png");

        await page.Locator($"li[data-alert='{patient.HighPainAlertId}'] button").ClickAsync();

        await Expect(page.Locator($"li[data-alert='{patient.HighPainAlertId}']")).ToHaveCountAsync(0);
        await Expect(alerts).ToHaveCountAsync(1);
        await using var db = fixture.Database.CreateContext();
        Assert.NotNull((await db.Alerts.SingleAsync(a => a.Id == patient.HighPainAlertId, TestContext.Current.CancellationToken)).AcknowledgedAt);
    });

    [Fact]
    public Task A_patients_calendar_and_pain_chart_show_the_logged_sessions_and_a_reply_reaches_their_chat() =>
        InBrowserAsync(nameof(A_patients_calendar_and_pain_chart_show_the_logged_sessions_and_a_reply_reaches_their_chat), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Lena");
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await SignInAsync(page, therapist);

        await page.GetByRole(AriaRole.Link, new() { Name = "Patients" }).ClickAsync();
        await Expect(page.Locator($"tr[data-patient='{patient.Id}']")).ToContainTextAsync("Not enough data");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lena" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lena" })).ToBeVisibleAsync();
        await Expect(page.Locator("rect[data-outcome='Done']")).ToHaveCountAsync(1);
        await Expect(page.Locator("rect[data-outcome='PartlyDone']")).ToHaveCountAsync(1);
        await Expect(page.Locator("rect[data-outcome='Skipped']")).ToHaveCountAsync(1);
        await Expect(page.Locator("rect[data-outcome='StoppedForSafety']")).ToHaveCountAsync(1);
        await Expect(page.Locator("circle.point.before")).ToHaveCountAsync(3);
        await Expect(page.Locator("circle.point.after")).ToHaveCountAsync(2);
        await Expect(page.Locator("#pain-desc")).ToHaveTextAsync("3 sessions with pain scores; average before 3.7, after 5.0.");
        await BrowserRun.SaveDocScreenshotAsync(page, "webapp-patient.png");

        await page.GetByLabel("Write to Lena").FillAsync("Please rest the calf today and call the clinic if it swells.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.Locator("ol.thread li.from-therapist")).ToContainTextAsync("Please rest the calf today");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("reached the patient's chat");
        Assert.Contains((patient.Id, "Message from your therapist Therapist: Please rest the calf today and call the clinic if it swells."),
            fixture.Host.Notifier.Sent);
    });

    [Fact]
    public Task On_a_phone_the_patient_list_reads_as_cards_without_sideways_scrolling() => InBrowserAsync(nameof(On_a_phone_the_patient_list_reads_as_cards_without_sideways_scrolling), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        await fixture.NewPatientWithHistoryAsync(therapist, "Omar");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await SignInAsync(page, therapist);
        await page.GotoAsync($"{fixture.BaseAddress}/app/patients");

        await Expect(page.Locator("td[data-label='7 days']").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The page is wider than the phone's screen.");
        await BrowserRun.SaveDocScreenshotAsync(page, "webapp-phone.png");
    });

    [Fact]
    public Task On_a_phone_today_and_a_patients_page_fit_the_screen() => InBrowserAsync(nameof(On_a_phone_today_and_a_patients_page_fit_the_screen), async page =>
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Omar");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"{fixture.BaseAddress}/app/sign-in");
        await SignInAsync(page, therapist);

        await Expect(page.Locator("ul.alerts > li").First).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "Today is wider than the phone's screen.");
        await BrowserRun.KeepScreenshotAsync(page, "phone-today");

        await page.GotoAsync($"{fixture.BaseAddress}{WebAppPaths.Patient(patient.Id)}");
        await Expect(page.Locator("rect[data-outcome='Done']")).ToHaveCountAsync(1);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "The patient's page is wider than the phone's screen.");
        await BrowserRun.KeepScreenshotAsync(page, "phone-patient");
    });

    private static async Task SignInAsync(IPage page, WebTherapist therapist)
    {
        await page.GetByLabel("E-mail").FillAsync(therapist.Email);
        await page.GetByLabel("Password").FillAsync(therapist.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private Task InBrowserAsync(string name, Func<IPage, Task> test) => BrowserRun.InBrowserAsync(fixture, name, test);
}
