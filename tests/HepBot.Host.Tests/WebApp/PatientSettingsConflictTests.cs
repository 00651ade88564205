using System.Net;
using System.Text.RegularExpressions;
using HepBot.Host.Tests.Support;
using HepBot.Host.WebApp;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.WebApp;

/// <summary>
/// The settings form carries the version it was filled from: a save after the patient changed meanwhile
/// (through the API with If-Match, or another tab) is refused, shows the values saved now and keeps what was typed.
/// </summary>
public sealed partial class PatientSettingsConflictTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_settings_form_saved_after_an_api_change_overwrites_nothing_and_shows_the_current_values_and_the_typed_ones()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        var page = WebAppPaths.Patient(patient.Id);
        var (_, form, _) = await session.GetAsync(page);
        var token = WebSession.AntiforgeryToken(form);
        var version = FormVersion(form);

        var api = await PatchAsync(therapist, patient.Id, """{"reminderTimes":["07:15"],"alertRules":{"noContactDays":9}}""");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var stale = await PostSettingsAsync(session, page, token, version, reminders: "20:45", noContactDays: "4");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync(Ct));
        Assert.Contains("These settings were changed while you were editing them.", html);
        Assert.Contains("data-current=\"reminderTimes\">07:15<", html);
        Assert.Contains("data-current=\"noContactDays\">9<", html);
        Assert.Contains("value=\"20:45\"", html);
        Assert.Contains("value=\"4\"", html);
        Assert.DoesNotContain("Settings saved.", html);
        await using (var db = fixture.Database.CreateContext())
        {
            var stored = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient.Id, Ct);
            Assert.Equal((new TimeOnly(7, 15), 9), (stored.ReminderTimes.Single(), stored.AlertRuleOverrides.NoContactDays));
        }

        // The form now carries the current version: saving again applies the typed entries, knowingly.
        var again = await PostSettingsAsync(session, page, WebSession.AntiforgeryToken(html), FormVersion(html), reminders: "20:45", noContactDays: "4");
        Assert.Contains("Settings saved.", await again.Content.ReadAsStringAsync(Ct));
        await using (var db = fixture.Database.CreateContext())
        {
            var stored = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient.Id, Ct);
            Assert.Equal((new TimeOnly(20, 45), 4), (stored.ReminderTimes.Single(), stored.AlertRuleOverrides.NoContactDays));
        }
    }

    [Fact]
    public async Task A_settings_form_from_the_current_version_saves_and_can_save_again_from_the_page_it_returns()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        var page = WebAppPaths.Patient(patient.Id);
        var (_, form, _) = await session.GetAsync(page);

        var first = await PostSettingsAsync(session, page, WebSession.AntiforgeryToken(form), FormVersion(form), reminders: "09:00", noContactDays: "");
        var firstHtml = await first.Content.ReadAsStringAsync(Ct);
        var second = await PostSettingsAsync(session, page, WebSession.AntiforgeryToken(firstHtml), FormVersion(firstHtml), reminders: "09:30", noContactDays: "");

        Assert.Contains("Settings saved.", firstHtml);
        Assert.Contains("Settings saved.", await second.Content.ReadAsStringAsync(Ct));
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(new TimeOnly(9, 30), (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient.Id, Ct)).ReminderTimes.Single());
    }

    [Fact]
    public async Task A_settings_post_without_a_version_is_refused_as_stale()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        var page = WebAppPaths.Patient(patient.Id);
        var (_, form, _) = await session.GetAsync(page);

        var response = await PostSettingsAsync(session, page, WebSession.AntiforgeryToken(form), version: null, reminders: "11:00", noContactDays: "");

        Assert.Contains("These settings were changed while you were editing them.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(new TimeOnly(18, 0), (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient.Id, Ct)).ReminderTimes.Single());
    }

    private static Task<HttpResponseMessage> PostSettingsAsync(WebSession session, string page, string token, string? version, string reminders, string noContactDays)
    {
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "settings", ["__RequestVerificationToken"] = token,
            ["Form.TimeZone"] = "Europe/Madrid", ["Form.Locale"] = "en", ["Form.ReminderTimes"] = reminders, ["Form.Paused"] = "False",
            ["Form.NoContactDays"] = noContactDays,
        };
        if (version is not null)
            fields["Form.Version"] = version;
        return session.Client.PostAsync(page, new FormUrlEncodedContent(fields), Ct);
    }

    private static async Task<HttpResponseMessage> PatchAsync(WebTherapist therapist, Guid patientId, string json)
    {
        var url = $"/api/v1/patients/{patientId}";
        var read = await therapist.Therapist.Client.GetAsync(url, Ct);
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = ApiJson.Raw(json) };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        return await therapist.Therapist.Client.SendAsync(request, Ct);
    }

    private static string FormVersion(string html) =>
        VersionField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The settings form has no version.");

    [GeneratedRegex("name=\"Form.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
