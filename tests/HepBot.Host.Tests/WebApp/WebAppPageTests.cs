using System.Net;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using HepBot.Host.Tests.Support;
using HepBot.Host.WebApp;
using HepBot.Host.WebApp.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.WebApp;

/// <summary>The web app's pages through the real host: sign-in, anti-forgery, lockout, set-password links and the access rules.</summary>
public sealed class WebAppPageTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_page()
    {
        var (status, _, response) = await new WebSession(fixture.Host).GetAsync("/app/patients");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/app/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fapp%2Fpatients", response.Headers.Location.Query);
    }

    [Fact]
    public async Task Signing_in_gives_a_secure_http_only_cookie_and_today_shows_the_alerts_red_flags_first()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = new WebSession(fixture.Host);

        var signIn = await session.SignInAsync(therapist.Email.ToUpperInvariant(), therapist.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/app", signIn.Headers.Location!.OriginalString.Replace("https://localhost", ""));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("HepBot.App=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/app", cookie, StringComparison.OrdinalIgnoreCase);

        var (status, html, response) = await session.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("<script>", html);
        var redFlag = html.IndexOf("Warning signs: A swollen, red, warm or painful calf. During Heel slide.", StringComparison.Ordinal);
        var highPain = html.IndexOf("Pain 8/10 during Heel slide", StringComparison.Ordinal);
        Assert.True(redFlag > 0 && highPain > redFlag, "The red flag comes before the newer high-pain alert.");
        Assert.Contains("My calf feels tight after yesterday.", html);
        Assert.Contains("Same-day medical review", html);
        Assert.Contains("In their words: “my calf is swollen and red”", html);
        Assert.Contains(patient.Name, html);
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var session = new WebSession(fixture.Host);

        var response = await session.PostFormAsync("/app/sign-in", "sign-in",
            new Dictionary<string, string> { ["Form.Email"] = therapist.Email, ["Form.Password"] = therapist.Password }, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_sign_in_even_for_the_right_one()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var session = new WebSession(fixture.Host);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await session.SignInAsync(therapist.Email, "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("do not match", await wrong.Content.ReadAsStringAsync(Ct));
        }
        var fifth = await session.SignInAsync(therapist.Email, "not the password at all");
        Assert.Contains("locked", await fifth.Content.ReadAsStringAsync(Ct));

        var right = await session.SignInAsync(therapist.Email, therapist.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("HepBot.App=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_set_password_link_works_once_and_signs_the_therapist_in()
    {
        var therapist = await fixture.NewTherapistAsync();
        Uri link;
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HepBot.Data.HepBotDbContext>();
            link = await scope.ServiceProvider.GetRequiredService<SetPasswordLinks>()
                .CreateAsync(await db.Therapists.SingleAsync(t => t.Id == therapist.Id, Ct));
        }
        var path = link.PathAndQuery;
        var session = new WebSession(fixture.Host);
        var fields = new Dictionary<string, string> { ["Form.Password"] = "my brand new passphrase", ["Form.Confirm"] = "my brand new passphrase" };

        var tooShort = await session.PostFormAsync(path, "set-password", new Dictionary<string, string> { ["Form.Password"] = "short", ["Form.Confirm"] = "short" });
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(Ct));
        var set = await session.PostFormAsync(path, "set-password", fields);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/app")).Status);

        var again = await new WebSession(fixture.Host).PostFormAsync(path, "set-password", fields);
        Assert.Contains("expired or was already used", await again.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Another_therapists_patient_is_a_404_page_and_their_alert_cannot_be_acknowledged()
    {
        var owner = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(owner);
        var colleague = await fixture.NewWebTherapistAsync(clinicId: owner.ClinicId);
        var session = await WebSession.SignedInAsync(fixture.Host, colleague);

        var (status, html, _) = await session.GetAsync(WebAppPaths.Patient(patient.Id));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Not found", html);
        Assert.DoesNotContain(patient.Name, html);
        var (listStatus, list, _) = await session.GetAsync("/app/patients");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.DoesNotContain(patient.Id.ToString(), list);

        // The colleague's Today has no form for it; a forged post for it acknowledges nothing.
        var forged = await session.PostFormAsync("/app", $"ack-{patient.RedFlagAlertId}", new Dictionary<string, string>());
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        await using var db = fixture.Database.CreateContext();
        Assert.Null((await db.Alerts.SingleAsync(a => a.Id == patient.RedFlagAlertId, Ct)).AcknowledgedAt);
    }

    [Fact]
    public async Task A_clinic_admin_sees_every_patient_of_the_clinic_and_no_other_clinics()
    {
        var first = await fixture.NewWebTherapistAsync();
        var second = await fixture.NewWebTherapistAsync(clinicId: first.ClinicId);
        var elsewhere = await fixture.NewWebTherapistAsync();
        var ana = await fixture.NewPatientWithHistoryAsync(first, "Ana");
        var bruno = await fixture.NewPatientWithHistoryAsync(second, "Bruno");
        var carla = await fixture.NewPatientWithHistoryAsync(elsewhere, "Carla");
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin, first.ClinicId);
        var session = await WebSession.SignedInAsync(fixture.Host, admin);

        var (_, list, _) = await session.GetAsync("/app/patients");

        Assert.Contains(ana.Id.ToString(), list);
        Assert.Contains(bruno.Id.ToString(), list);
        Assert.DoesNotContain(carla.Id.ToString(), list);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(WebAppPaths.Patient(bruno.Id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(WebAppPaths.Patient(carla.Id))).Status);
    }

    [Fact]
    public async Task Acknowledging_on_today_is_one_click_and_audited_like_the_api()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var response = await session.PostFormAsync("/app", $"ack-{patient.HighPainAlertId}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Pain 8/10 during Heel slide", html);
        Assert.Contains("Warning signs: A swollen, red, warm or painful calf. During Heel slide.", html);
        await using var db = fixture.Database.CreateContext();
        var alert = await db.Alerts.SingleAsync(a => a.Id == patient.HighPainAlertId, Ct);
        Assert.Equal((fixture.Host.Clock.GetUtcNow(), therapist.Id), (alert.AcknowledgedAt, alert.AcknowledgedById));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == alert.Id.ToString() && a.Action == AuditAction.Update
            && a.Actor == $"therapist:{therapist.Id}", Ct));
    }

    [Fact]
    public async Task A_patients_message_stays_on_today_once_read_and_leaves_once_answered()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        const string words = "My calf feels tight after yesterday.";

        var (_, page, _) = await session.GetAsync(WebAppPaths.Patient(patient.Id));
        Assert.Contains(words, page);
        await using (var db = fixture.Database.CreateContext())
            Assert.NotNull((await db.PatientMessages.SingleAsync(m => m.PatientId == patient.Id, Ct)).ReadAt);
        var (_, read, _) = await session.GetAsync("/app");
        Assert.Contains("Unanswered messages", read);
        Assert.Contains(words, read);

        var reply = await session.PostFormAsync(WebAppPaths.Patient(patient.Id), "reply",
            new Dictionary<string, string> { ["ReplyText"] = "Rest it today, and call us if it swells." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        var (_, answered, _) = await session.GetAsync("/app");
        Assert.DoesNotContain(words, answered);
        Assert.Contains("No patient message is waiting for an answer.", answered);
    }

    [Fact]
    public async Task The_patient_list_searches_by_name_and_filters_by_open_alerts_and_pause()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var nadia = await fixture.NewPatientWithHistoryAsync(therapist, "Nadia Quill");
        var oscar = await fixture.NewPatientWithHistoryAsync(therapist, "Oscar Quill");
        await using (var db = fixture.Database.CreateContext())
        {
            var now = fixture.Host.Clock.GetUtcNow();
            foreach (var alert in await db.Alerts.Where(a => a.PatientId == oscar.Id).ToListAsync(Ct))
                alert.AcknowledgedAt = now;
            (await db.Patients.SingleAsync(p => p.Id == oscar.Id, Ct)).Status = PatientStatus.Paused;
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        string Row(Guid id) => $"data-patient=\"{id}\"";

        var (_, byName, _) = await session.GetAsync("/app/patients?q=nadia");
        var (_, withAlerts, _) = await session.GetAsync("/app/patients?q=quill&filter=OpenAlerts");
        var (_, paused, _) = await session.GetAsync("/app/patients?q=quill&filter=Paused");

        Assert.Contains(Row(nadia.Id), byName);
        Assert.DoesNotContain(Row(oscar.Id), byName);
        Assert.Contains(Row(nadia.Id), withAlerts);
        Assert.DoesNotContain(Row(oscar.Id), withAlerts);
        Assert.Contains(Row(oscar.Id), paused);
        Assert.DoesNotContain(Row(nadia.Id), paused);
    }

    [Fact]
    public async Task The_patients_page_shows_the_logged_days_the_pain_and_adherence_as_numbers()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        var today = DateOnly.FromDateTime(fixture.Host.Clock.GetUtcNow().UtcDateTime);

        var (status, html, _) = await session.GetAsync(WebAppPaths.Patient(patient.Id));

        Assert.Equal(HttpStatusCode.OK, status);
        string Day(int daysAgo) => $"data-date=\"{today.AddDays(-daysAgo):yyyy-MM-dd}\" data-outcome=\"";
        Assert.Contains(Day(4) + "Done\"", html);
        Assert.Contains(Day(3) + "PartlyDone\"", html);
        Assert.Contains(Day(2) + "Skipped\"", html);
        Assert.Contains(Day(1) + "StoppedForSafety\"", html);
        Assert.Contains(Day(5) + "Missed\"", html);
        Assert.Contains("(No time)", html);
        Assert.Contains("3 sessions with pain scores", html);
        Assert.Contains("caution 4", html);
        Assert.Contains("stop 6", html);
        Assert.Contains("class=\"point after\"", html);
        Assert.Contains("My calf feels tight after yesterday.", html);
    }

    [Fact]
    public async Task The_patients_page_counts_each_exercise_done_skipped_and_stopped_with_why_and_lists_the_barriers()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var (status, html, _) = await session.GetAsync(WebAppPaths.Patient(patient.Id));

        Assert.Equal(HttpStatusCode.OK, status);
        // Quad set: done on the three days a session ran. Heel slide: done once, skipped for pain once, stopped for safety once.
        Assert.Equal(["3", "0", "0", "–"], OutcomeRow(html, "Quad set"));
        Assert.Equal(["1", "1", "1", "Pain (1)"], OutcomeRow(html, "Heel slide"));
        var barriers = System.Text.RegularExpressions.Regex.Match(html, "Barriers from skipped days and check-ins</h3>\\s*<p>([^<]*)</p>");
        Assert.True(barriers.Success, "The barriers paragraph is not on the page.");
        Assert.Contains("No time (1)", barriers.Groups[1].Value);
        Assert.Contains("Pain (", barriers.Groups[1].Value);
    }

    /// <summary>The done, skipped, stopped and why-skipped cells of one exercise's row in the patient page's outcome table.</summary>
    private static string[] OutcomeRow(string html, string exercise)
    {
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr>\\s*<td data-label=\"Exercise\">{exercise}</td>(.*?)</tr>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, $"No outcome row for {exercise}.");
        return [.. System.Text.RegularExpressions.Regex.Matches(row.Groups[1].Value, "<td data-label=\"[^\"]*\">([^<]*)</td>")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];
    }

    [Fact]
    public async Task The_patient_list_searches_by_name_and_filters_by_alerts_adherence_chat_and_pause()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var maria = (await fixture.NewPatientWithHistoryAsync(therapist)).Id;
        var now = fixture.Host.Clock.GetUtcNow();
        var bruno = new Patient { ClinicId = therapist.ClinicId, TherapistId = therapist.Id, DisplayName = "Bruno", TimeZoneId = "Europe/Madrid", CreatedAt = now };
        var carla = new Patient
        {
            ClinicId = therapist.ClinicId, TherapistId = therapist.Id, DisplayName = "Carla", TimeZoneId = "Europe/Madrid", CreatedAt = now,
            Status = PatientStatus.Paused,
        };
        await using (var db = fixture.Database.CreateContext())
        {
            db.Patients.AddRange(bruno, carla);
            db.ChannelAccounts.Add(new HepBot.Core.Linking.ChannelAccount
            {
                Channel = "telegram", ChannelUserId = "carla", ConversationId = "carla", PatientId = carla.Id, LinkedAt = now,
            });
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        async Task<Guid[]> ListedAsync(string query)
        {
            var (status, html, _) = await session.GetAsync("/app/patients" + query);
            Assert.Equal(HttpStatusCode.OK, status);
            return [.. new[] { maria, bruno.Id, carla.Id }.Where(id => html.Contains($"data-patient=\"{id}\"", StringComparison.Ordinal))];
        }

        Assert.Equal([maria, bruno.Id, carla.Id], await ListedAsync(""));
        Assert.Equal([maria], await ListedAsync("?q=mar"));
        Assert.Equal([maria], await ListedAsync("?q=%20MARIA%20"));
        Assert.Equal([maria], await ListedAsync("?filter=OpenAlerts"));
        // 1 of 7 sessions: low; a patient with no program has no adherence to be low.
        Assert.Equal([maria], await ListedAsync("?filter=LowAdherence"));
        Assert.Equal([maria, bruno.Id], await ListedAsync("?filter=NoChat"));
        Assert.Equal([carla.Id], await ListedAsync("?filter=Paused"));
        Assert.Equal([bruno.Id], await ListedAsync("?q=bru&filter=NoChat"));
        Assert.Equal([maria, bruno.Id, carla.Id], await ListedAsync("?filter=NoSuchFilter"));
        var (_, escaped, _) = await session.GetAsync("/app/patients?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.DoesNotContain("<script>alert(1)", escaped);
        Assert.Contains("Telegram", (await session.GetAsync("/app/patients?q=carla")).Html);
    }

    [Fact]
    public async Task Add_patient_uses_the_apis_rules_and_opens_the_new_patient()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var invalid = await session.PostFormAsync("/app/patients", "add-patient", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = " ", ["Form.TimeZone"] = "Mars/Olympus", ["Form.Locale"] = "en", ["Form.Reminder"] = "25:00",
        });
        var problems = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The name is required", problems);
        Assert.Contains("IANA name", problems);
        Assert.Contains("HH:mm", problems);

        var added = await session.PostFormAsync("/app/patients", "add-patient", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "Lucía", ["Form.TimeZone"] = "Europe/Madrid", ["Form.Locale"] = "es", ["Form.Reminder"] = "19:30",
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await using var db = fixture.Database.CreateContext();
        var patient = await db.Patients.SingleAsync(p => p.TherapistId == therapist.Id && p.DisplayName == "Lucía", Ct);
        Assert.Equal(WebAppPaths.Patient(patient.Id), added.Headers.Location!.OriginalString.Replace("https://localhost", ""));
        Assert.Equal(("es", new TimeOnly(19, 30)), (patient.Locale, patient.ReminderTimes.Single()));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == patient.Id.ToString() && a.Action == AuditAction.Create, Ct));
    }
}

public sealed class WebAppClinicAdminTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_clinic_admin_creates_a_set_password_link_for_a_colleague_and_a_therapist_cannot()
    {
        var admin = await fixture.NewWebTherapistAsync(TherapistRole.ClinicAdmin);
        var colleague = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        var session = await WebSession.SignedInAsync(fixture.Host, admin);

        var response = await session.PostFormAsync("/app/clinic", $"link-{colleague.Id}", new Dictionary<string, string>());

        var html = await response.Content.ReadAsStringAsync(Ct);
        var link = System.Text.RegularExpressions.Regex.Match(html, "https://localhost/app/set-password\\?account=[^<\"]+").Value;
        Assert.Contains(colleague.Id.ToString(), link);
        var path = System.Net.WebUtility.HtmlDecode(link).Replace("https://localhost", "");
        var set = await new WebSession(fixture.Host).PostFormAsync(path, "set-password",
            new Dictionary<string, string> { ["Form.Password"] = "colleague passphrase 1", ["Form.Confirm"] = "colleague passphrase 1" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var therapist = await fixture.NewWebTherapistAsync(clinicId: admin.ClinicId);
        var (status, _, _) = await (await WebSession.SignedInAsync(fixture.Host, therapist)).GetAsync("/app/clinic");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_therapist_switches_the_app_to_spanish_and_it_stays_so()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var switched = await session.PostFormAsync("/app/patients", "", new Dictionary<string, string> { ["locale"] = "es", ["returnUrl"] = "/app/patients" },
            postPath: "/app/language");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/app/patients", switched.Headers.Location!.OriginalString);
        var (_, html, _) = await session.GetAsync("/app/patients");
        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("Añadir paciente", System.Net.WebUtility.HtmlDecode(html));
        await using var db = fixture.Database.CreateContext();
        Assert.Equal("es", (await db.Therapists.SingleAsync(t => t.Id == therapist.Id, Ct)).Locale);
    }
}
