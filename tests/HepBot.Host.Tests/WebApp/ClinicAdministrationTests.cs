using System.Globalization;
using System.Net;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.WebApp;

/// <summary>A clinic admin's pages: therapists, API keys, the audit trail and the clinic's settings; nobody else reaches them.</summary>
public sealed class ClinicAdministrationTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly TheoryData<string> AdminPages =
        ["/app/clinic", "/app/clinic/api-keys", "/app/clinic/audit", "/app/clinic/settings", "/app/clinic/audit.csv"];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task A_plain_therapist_gets_a_404_for_every_admin_page(string path)
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var (status, html, _) = await session.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("API keys", html);
    }

    [Fact]
    public async Task Every_admin_route_the_host_maps_is_refused_to_a_plain_therapist()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        // Read from the host's own route table, so an admin page added later cannot be missed by the list above.
        var mapped = fixture.Host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(path => path == "/app/clinic" || path.StartsWith("/app/clinic/", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Equal(AdminPages.Select(row => row.Data).Order(), mapped.Order());
        foreach (var path in mapped)
        {
            var (status, html, _) = await session.GetAsync(path);
            Assert.True(status == HttpStatusCode.NotFound, $"{path}: {status}");
            Assert.DoesNotContain("API keys", html);
        }
    }

    [Fact]
    public async Task A_plain_therapists_forged_admin_post_changes_nothing()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var adminSession = await WebSession.SignedInAsync(fixture.Host, admin);
        var (_, adminPage, _) = await adminSession.GetAsync("/app/clinic/settings");
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var (_, ownPage, _) = await session.GetAsync("/app/reports/rtm");
        var forged = await session.Client.PostAsync("/app/clinic/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "clinic-settings", ["__RequestVerificationToken"] = WebSession.AntiforgeryToken(ownPage),
            ["ClinicName"] = "Taken over", ["TimeZone"] = "UTC",
        }), Ct);

        // No admin form is rendered for them, so the post reaches no handler (404, or 400 for a form that is not there).
        Assert.Contains(forged.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.Contains("value=\"Clinic ", adminPage);
        await using var db = fixture.Database.CreateContext();
        Assert.NotEqual("Taken over", (await db.Clinics.SingleAsync(c => c.Id == admin.ClinicId, Ct)).Name);
    }

    [Fact]
    public async Task A_key_revoked_in_the_app_is_refused_by_the_api()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        Assert.Equal(HttpStatusCode.OK, (await therapist.Client.GetAsync("/api/v1/patients", Ct)).StatusCode);
        var session = await WebSession.SignedInAsync(fixture.Host, admin);
        Guid keyId;
        await using (var db = fixture.Database.CreateContext())
            keyId = (await db.ApiKeys.SingleAsync(k => k.TherapistId == therapist.Id, Ct)).Id;

        var (_, list, _) = await session.GetAsync("/app/clinic/api-keys");
        Assert.Contains(therapist.ApiKey[..12], list);
        var revoked = await session.PostFormAsync("/app/clinic/api-keys", $"revoke-{keyId}", new Dictionary<string, string>());

        Assert.Contains($"Key {therapist.ApiKey[..12]} was revoked", await revoked.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await therapist.Client.GetAsync("/api/v1/patients", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_key_created_in_the_app_is_shown_once_and_works()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        var session = await WebSession.SignedInAsync(fixture.Host, admin);

        var created = await session.PostFormAsync("/app/clinic/api-keys", "create-key",
            new Dictionary<string, string> { ["KeyFor"] = therapist.Id.ToString(), ["KeyExpiry"] = "30" });

        var html = await created.Content.ReadAsStringAsync(Ct);
        var key = System.Text.RegularExpressions.Regex.Match(html, "data-new-key>([^<]+)<").Groups[1].Value;
        Assert.StartsWith("hb_", key);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.ClientWithKey(key).GetAsync("/api/v1/patients", Ct)).StatusCode);
        Assert.DoesNotContain(key, (await session.GetAsync("/app/clinic/api-keys")).Html);
        await using var db = fixture.Database.CreateContext();
        var stored = await db.ApiKeys.SingleAsync(k => k.Prefix == key.Substring(0, 12), Ct);
        Assert.Equal(fixture.Host.Clock.GetUtcNow().AddDays(30), stored.ExpiresAt);
    }

    [Fact]
    public async Task Deactivating_is_refused_while_patients_are_assigned_then_reassign_and_deactivate_stops_sign_in_and_keys()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var leaving = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var staying = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var patient = await fixture.NewPatientWithHistoryAsync(leaving, "Rosa");
        var leavingSession = await WebSession.SignedInAsync(fixture.Host, leaving);
        var session = await WebSession.SignedInAsync(fixture.Host, admin);

        var refused = await session.PostFormAsync("/app/clinic", $"deactivate-{leaving.Id}", new Dictionary<string, string>());
        Assert.Contains("This therapist still has patients. Reassign them first", await refused.Content.ReadAsStringAsync(Ct));

        var reassigned = await session.PostFormAsync("/app/clinic", $"reassign-{leaving.Id}",
            new Dictionary<string, string> { ["ReassignTo"] = staying.Id.ToString() });
        Assert.Contains("1 patient(s) moved to Therapist.", await reassigned.Content.ReadAsStringAsync(Ct));
        var deactivated = await session.PostFormAsync("/app/clinic", $"deactivate-{leaving.Id}", new Dictionary<string, string>());
        Assert.Contains("was deactivated", await deactivated.Content.ReadAsStringAsync(Ct));

        await using var db = fixture.Database.CreateContext();
        var moved = await db.Patients.SingleAsync(p => p.Id == patient.Id, Ct);
        Assert.Equal(staying.Id, moved.TherapistId);
        Assert.All(await db.Alerts.Where(a => a.PatientId == patient.Id && a.AcknowledgedAt == null).ToListAsync(Ct), a => Assert.Equal(staying.Id, a.TherapistId));
        Assert.NotNull((await db.Therapists.SingleAsync(t => t.Id == leaving.Id, Ct)).DeactivatedAt);
        // History stays: the rows they wrote still name them.
        Assert.True(await db.PatientMessages.AnyAsync(m => m.PatientId == patient.Id && m.TherapistId == leaving.Id, Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.Therapist.Client.GetAsync("/api/v1/patients", Ct)).StatusCode);
        var (status, _, response) = await leavingSession.GetAsync("/app/patients");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/app/sign-in", response.Headers.Location!.AbsolutePath);
        var signIn = await new WebSession(fixture.Host).SignInAsync(leaving.Email, leaving.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("This sign-in was deactivated by your clinic admin.", await signIn.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await staying.Therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_a_therapist_gets_their_one_time_link_and_makes_them_an_admin_which_applies_at_their_next_page()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var colleague = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var colleagueSession = await WebSession.SignedInAsync(fixture.Host, colleague);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueSession.GetAsync("/app/clinic")).Status);
        var session = await WebSession.SignedInAsync(fixture.Host, admin);
        var email = $"{Guid.NewGuid():N}@clinic.test";

        var added = await session.PostFormAsync("/app/clinic", "add-therapist",
            new Dictionary<string, string> { ["AddName"] = "Dana Ortiz", ["AddEmail"] = email.ToUpperInvariant(), ["AddRole"] = "Therapist" });
        var html = await added.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Dana Ortiz was added.", html);
        Assert.Contains("/app/set-password?account=", html);
        var again = await session.PostFormAsync("/app/clinic", "add-therapist",
            new Dictionary<string, string> { ["AddName"] = "Dana again", ["AddEmail"] = email, ["AddRole"] = "Therapist" });
        Assert.Contains("A therapist with this e-mail already exists.", await again.Content.ReadAsStringAsync(Ct));

        var promoted = await session.PostFormAsync("/app/clinic", $"role-{colleague.Id}", new Dictionary<string, string>());
        Assert.Contains("is now: Clinic admin", await promoted.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await colleagueSession.GetAsync("/app/clinic")).Status);
        var self = await session.PostFormAsync("/app/clinic", $"role-{admin.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);

        await using var db = fixture.Database.CreateContext();
        var dana = await db.Therapists.SingleAsync(t => t.Email == email, Ct);
        Assert.Equal((admin.ClinicId, TherapistRole.Therapist), (dana.ClinicId, dana.Role));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == dana.Id.ToString() && a.Action == AuditAction.Create, Ct));
    }

    [Fact]
    public async Task The_audit_trail_filters_by_patient_and_action_and_its_csv_holds_the_same_rows()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Tomas");
        var other = await fixture.NewPatientWithHistoryAsync(therapist, "Uma");
        var stranger = await fixture.NewWebTherapistAsync();
        await fixture.NewPatientWithHistoryAsync(stranger, "Elsewhere");
        var session = await WebSession.SignedInAsync(fixture.Host, admin);

        var (_, html, _) = await session.GetAsync($"/app/clinic/audit?patient={patient.Id}&action=Create");
        var csv = (await session.GetAsync($"/app/clinic/audit.csv?patient={patient.Id}&action=Create")).Html;

        await using var db = fixture.Database.CreateContext();
        var expected = await db.AuditEntries.Where(a => a.PatientId == patient.Id && a.Action == AuditAction.Create).Select(a => a.Id).ToListAsync(Ct);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), System.Text.RegularExpressions.Regex.Matches(html, "data-audit-entry=\"(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order());
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at_utc,actor,action,entity_type,entity_id,patient_id", rows[0]);
        Assert.Equal(expected.Order(), rows[1..].Select(r => long.Parse(r.Split(',')[0], CultureInfo.InvariantCulture)).Order());
        Assert.All(rows[1..], r => Assert.EndsWith("," + patient.Id, r));
        Assert.DoesNotContain(other.Id.ToString(), csv);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.EntityType == "AuditEntry" && a.Actor == $"therapist:{admin.Id}", Ct));
    }

    [Fact]
    public async Task The_clinic_settings_save_the_name_zone_and_emergency_number_and_refuse_an_unknown_zone()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var session = await WebSession.SignedInAsync(fixture.Host, admin);

        var refused = await session.PostFormAsync("/app/clinic/settings", "clinic-settings",
            new Dictionary<string, string> { ["ClinicName"] = "Knee Clinic", ["TimeZone"] = "Mars/Olympus", ["EmergencyNumber"] = "call 112" });
        var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Give an IANA time zone", refusedHtml);
        Assert.Contains("Give the number with digits", refusedHtml);
        var saved = await session.PostFormAsync("/app/clinic/settings", "clinic-settings",
            new Dictionary<string, string> { ["ClinicName"] = "Knee Clinic", ["TimeZone"] = "America/Chicago", ["EmergencyNumber"] = "911" });
        Assert.Contains("The clinic&#x27;s settings were saved.", await saved.Content.ReadAsStringAsync(Ct));

        await using var db = fixture.Database.CreateContext();
        var clinic = await db.Clinics.SingleAsync(c => c.Id == admin.ClinicId, Ct);
        Assert.Equal(("Knee Clinic", "America/Chicago", "911"), (clinic.Name, clinic.DefaultTimeZone, clinic.EmergencyNumber));
    }

    [Fact]
    public async Task The_clinics_alert_thresholds_are_checked_like_the_api_saved_audited_and_used_where_a_patient_sets_none()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Ines");
        (await therapist.Therapist.Client.PatchAsJsonAsync($"/api/v1/patients/{patient.Id}", new { alertRules = new { noContactDays = 5 } }, Ct))
            .EnsureSuccessStatusCode();
        var session = await WebSession.SignedInAsync(fixture.Host, admin);
        Dictionary<string, string> Form(string low, string missed, string rise, string contact) => new()
        {
            ["ClinicName"] = "Knee Clinic", ["TimeZone"] = "Europe/Madrid", ["EmergencyNumber"] = "112",
            ["LowAdherencePercent"] = low, ["MissedDaysInARow"] = missed, ["PainRiseOf"] = rise, ["NoContactDays"] = contact,
        };

        var refused = await session.PostFormAsync("/app/clinic/settings", "clinic-settings", Form("60", "31", "lots", ""));
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Contains("The pain rise must be between 0.5 and 10 points.", refusedHtml);
        await using (var db = fixture.Database.CreateContext())
            Assert.True((await db.Clinics.SingleAsync(c => c.Id == admin.ClinicId, Ct)).AlertRuleDefaults.IsEmpty);
        var outOfRange = await session.PostFormAsync("/app/clinic/settings", "clinic-settings", Form("60", "31", "", ""));
        Assert.Contains("Missed days must be between 1 and 30.", WebUtility.HtmlDecode(await outOfRange.Content.ReadAsStringAsync(Ct)));
        var saved = await session.PostFormAsync("/app/clinic/settings", "clinic-settings", Form("60", "2", "", "10"));
        Assert.Contains("The clinic's settings were saved.", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync(Ct)));

        await using var check = fixture.Database.CreateContext();
        var clinic = await check.Clinics.SingleAsync(c => c.Id == admin.ClinicId, Ct);
        Assert.Equal(new Core.Alerts.AlertRuleOverrides { LowAdherenceBelow = 0.6, MissedDaysInARow = 2, NoContactDays = 10 }, clinic.AlertRuleDefaults);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.EntityType == "Clinic" && a.EntityId == clinic.Id.ToString()
            && a.Action == AuditAction.Update && a.Actor == $"therapist:{admin.Id}", Ct));
        Assert.Contains("value=\"60\"", (await session.GetAsync("/app/clinic/settings")).Html);

        // Patient override, else clinic default, else the setting (PainRiseOf 2 from appsettings).
        var read = await (await therapist.Therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}", Ct)).ReadAsync<PatientDto>();
        Assert.Equal(new AlertRuleValuesDto(0.6, 2, 2.0, 5), read.AlertRules.Effective);
        Assert.Equal(new AlertRuleValuesDto(null, null, null, 5), read.AlertRules.Overrides);
        var page = WebUtility.HtmlDecode((await (await WebSession.SignedInAsync(fixture.Host, therapist)).GetAsync($"/app/patients/{patient.Id}")).Html);
        Assert.Matches("data-clinic-value=\"missedDays\">Clinic value: 2<", page);
        Assert.Matches("data-clinic-value=\"lowAdherence\">Clinic value: 60<", page);
        Assert.Matches("data-clinic-value=\"noContactDays\">Clinic value: 10<", page);
        Assert.Matches("data-clinic-value=\"painRise\">Clinic value: 2<", page);
    }
}
