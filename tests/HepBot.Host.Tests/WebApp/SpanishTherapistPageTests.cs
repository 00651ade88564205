using System.Net;
using HepBot.Core.Alerts;
using HepBot.Host.Tests.Support;
using HepBot.Host.WebApp;

namespace HepBot.Host.Tests.WebApp;

/// <summary>A Spanish-speaking therapist reads Today in Spanish: the slipping reasons, the nightly alerts' facts and the dates.</summary>
public sealed class SpanishTherapistPageTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Today_says_why_patients_slip_and_what_the_nightly_alerts_found_in_spanish_with_spanish_dates()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Lucía");
        var noContact = new Alert
        {
            PatientId = patient.Id, TherapistId = therapist.Id, Kind = AlertKind.NoContact, Severity = AlertSeverity.Warning,
            // Stored as the nightly run stores it: in its one English wording, as the API returns it.
            Detail = DailyAlertDetail.NoContact(7), CreatedAt = fixture.Host.Clock.GetUtcNow().AddHours(-8),
        };
        var painRising = new Alert
        {
            PatientId = patient.Id, TherapistId = therapist.Id, Kind = AlertKind.PainTrendingUp, Severity = AlertSeverity.Warning,
            Detail = DailyAlertDetail.PainTrendingUp(2.5, 4.5), CreatedAt = fixture.Host.Clock.GetUtcNow().AddHours(-8),
        };
        await using (var db = fixture.Database.CreateContext())
        {
            db.Alerts.AddRange(noContact, painRising);
            (await db.Therapists.FindAsync([therapist.Id], Ct))!.Locale = "es";
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var (status, html, _) = await session.GetAsync("/app");
        var today = WebUtility.HtmlDecode(html);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Hoy</h1>", today);
        // Slipping now, from the same rules as the nightly run: the patient did 1 of 7 sessions and missed the last 3 days.
        Assert.Contains("<strong>Baja adherencia</strong>: 1 de 7 sesiones hechas en los últimos 7 días", today);
        Assert.Contains("<strong>Días perdidos</strong>: 3 días planificados seguidos sin hacer", today);
        // The nightly alerts' facts, and the decimal comma.
        Assert.Contains("Sin respuestas en 7 días", today);
        Assert.Contains("El dolor medio subió de 2,5 a 4,5 sobre 10 en dos semanas", today);
        Assert.DoesNotContain("sessions done in the last 7 days", today);
        Assert.DoesNotContain("No answers for", today);
        Assert.DoesNotContain("Average pain rose", today);
        // 2026-03-10 01:00 UTC is 02:00 in Madrid (the clinic's zone), written the Spanish way: day first, 24-hour clock.
        Assert.Contains("10/3/2026 2:00", today);
        Assert.DoesNotContain("3/10/2026", today);

        var (_, patientPage, _) = await session.GetAsync(WebAppPaths.Patient(patient.Id));
        Assert.Contains("Sin respuestas en 7 días", WebUtility.HtmlDecode(patientPage));
    }

    [Fact]
    public async Task A_red_flag_from_the_chat_reads_in_the_therapists_language_and_an_older_alert_keeps_its_detail()
    {
        var ana = await fixture.NewWebTherapistAsync();
        var lucia = await fixture.NewPatientWithHistoryAsync(ana, "Lucía");
        var english = await WebSession.SignedInAsync(fixture.Host, ana);
        var (_, englishToday, _) = await english.GetAsync("/app");
        await using (var db = fixture.Database.CreateContext())
        {
            (await db.Therapists.FindAsync([ana.Id], Ct))!.Locale = "es";
            await db.SaveChangesAsync(Ct);
        }
        var spanish = await WebSession.SignedInAsync(fixture.Host, ana);

        var (_, html, _) = await spanish.GetAsync("/app");
        var today = WebUtility.HtmlDecode(html);
        var (_, patientPage, _) = await spanish.GetAsync(WebAppPaths.Patient(lucia.Id));

        Assert.Contains("Warning signs: A swollen, red, warm or painful calf. During Heel slide.", WebUtility.HtmlDecode(englishToday));
        Assert.Contains("Señales de alarma: La pantorrilla hinchada, roja, caliente o dolorida. Durante Deslizamiento de talón.", today);
        Assert.Contains("Revisión médica hoy", today);
        Assert.DoesNotContain("SameDay; CalfSwelling", today);
        Assert.DoesNotContain("Warning signs", today);
        Assert.Contains("“my calf is swollen and red”", today);
        // An alert stored before alerts kept their fields still shows what it says.
        Assert.Contains("Pain 8/10 during Heel slide", today);
        Assert.Contains("Señales de alarma: La pantorrilla hinchada, roja, caliente o dolorida.", WebUtility.HtmlDecode(patientPage));
    }

    [Fact]
    public async Task An_english_therapist_inviting_a_spanish_patient_reads_the_invite_page_in_english_and_hands_out_a_spanish_sheet()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist, "Lucía");
        await using (var db = fixture.Database.CreateContext())
        {
            (await db.Patients.FindAsync([patient.Id], Ct))!.Locale = "es";
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);
        var invite = $"{WebAppPaths.Patient(patient.Id)}/invite";

        var created = await session.PostFormAsync(invite, "create-invitation", new Dictionary<string, string>());
        var page = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var code = System.Text.RegularExpressions.Regex.Match(page, "data-code>([A-Z0-9]{8})<").Groups[1].Value;
        Assert.Contains($"Open Teams, go to Apps and find HepBot. Open it and send the code {code} in the chat.", page);
        Assert.Matches(@"<dd>\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}</dd>", page);
        Assert.DoesNotContain("Abre Teams", page);
        Assert.DoesNotContain("diciembre", page);
        Assert.Contains("(in Spanish, the patient's language)", page);

        var (_, handout, _) = await session.GetAsync($"{WebAppPaths.Patient(patient.Id)}/invitations/{code}/handout");
        Assert.Contains("Abre Teams", WebUtility.HtmlDecode(handout));
    }
}
