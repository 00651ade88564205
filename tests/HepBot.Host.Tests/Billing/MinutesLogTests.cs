using System.Net;
using System.Net.Http.Json;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Host.Api.Minutes;
using HepBot.Host.Tests.Support;
using HepBot.Host.Tests.WebApp;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Billing;

/// <summary>The clinician minutes log: from /api/v1, from the patient's page, and one click for a reply sent from the app.</summary>
public sealed class MinutesLogTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Minutes_logged_through_the_api_are_listed_newest_first_audited_and_can_be_removed()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, therapist);

        var call = await (await therapist.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/minutes",
            new { date = "2026-03-09", minutes = 25, activity = "Video call: reviewed the knee bend", realTimeInteraction = true }, ApiJson.Options, Ct))
            .ReadAsync<MinutesDto>();
        var listed = await (await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/minutes?from=2026-03-01", Ct)).ReadAsync<List<MinutesDto>>();

        Assert.Equal(call.Id, Assert.Single(listed).Id);
        Assert.Equal((new DateOnly(2026, 3, 9), 25, true, therapist.Id), (call.Date, call.Minutes, call.RealTimeInteraction, call.TherapistId));
        await using (var db = fixture.Database.CreateContext())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == call.Id.ToString() && a.Action == AuditAction.Create && a.PatientId == patient.Id, Ct));

        Assert.Equal(HttpStatusCode.NoContent, (await therapist.Client.DeleteAsync($"/api/v1/patients/{patient.Id}/minutes/{call.Id}", Ct)).StatusCode);
        Assert.Empty(await (await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/minutes?from=2026-03-01", Ct)).ReadAsync<List<MinutesDto>>());
    }

    [Fact]
    public async Task A_future_day_no_minutes_or_no_activity_is_a_400_naming_each_field_and_nothing_is_logged()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, therapist);

        var response = await therapist.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/minutes",
            new { date = "2026-03-11", minutes = 0, activity = " " }, ApiJson.Options, Ct);

        await response.AssertValidationProblemAsync("date", "minutes", "activity");
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await db.TreatmentMinutes.CountAsync(m => m.PatientId == patient.Id, Ct));
    }

    [Fact]
    public async Task Another_therapists_patient_has_no_minutes_log_to_read_or_write()
    {
        var therapist = await fixture.NewTherapistAsync();
        var stranger = await fixture.NewTherapistAsync();
        var patient = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, therapist);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/patients/{patient.Id}/minutes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/minutes",
            new { date = "2026-03-09", minutes = 5, activity = "x" }, ApiJson.Options, Ct)).StatusCode);
    }

    [Fact]
    public async Task On_the_patients_page_minutes_are_logged_by_form_and_a_reply_in_one_click_once()
    {
        var web = await fixture.NewWebTherapistAsync();
        var patient = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, web.Therapist, "Ines");
        var session = await WebSession.SignedInAsync(fixture.Host, web);
        var page = $"/app/patients/{patient.Id}";

        var logged = await session.PostFormAsync(page, "log-minutes", new Dictionary<string, string>
        {
            ["MinutesDate"] = "2026-03-09", ["MinutesCount"] = "14", ["MinutesActivity"] = "Phone call about the swelling", ["MinutesLive"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        var html = await logged.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Phone call about the swelling", html);
        Assert.Contains("14 minutes this month, 1 live interaction(s).", html);

        var reply = await session.PostFormAsync(page, "reply", new Dictionary<string, string> { ["ReplyText"] = "Keep the ice on for ten minutes." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Guid messageId;
        await using (var db = fixture.Database.CreateContext())
            messageId = (await db.PatientMessages.SingleAsync(m => m.PatientId == patient.Id && m.Direction == MessageDirection.TherapistToPatient, Ct)).Id;
        Assert.Contains("Log 5 min", await reply.Content.ReadAsStringAsync(Ct));

        var oneClick = await session.PostFormAsync(page, $"log-reply-{messageId}", new Dictionary<string, string>());
        var after = await oneClick.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Logged: 5 min", after);
        Assert.Contains("Wrote to the patient in the chat", after);
        Assert.Contains("19 minutes this month, 1 live interaction(s).", after);

        await using var check = fixture.Database.CreateContext();
        var entry = await check.TreatmentMinutes.SingleAsync(m => m.MessageId == messageId, Ct);
        Assert.Equal((new DateOnly(2026, 3, 10), 5, false), (entry.Date, entry.Minutes, entry.RealTimeInteraction));
    }

    [Fact]
    public async Task A_minutes_entry_with_a_future_day_is_refused_on_the_page()
    {
        var web = await fixture.NewWebTherapistAsync();
        var patient = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, web.Therapist, "Jon");
        var session = await WebSession.SignedInAsync(fixture.Host, web);

        var refused = await session.PostFormAsync($"/app/patients/{patient.Id}", "log-minutes", new Dictionary<string, string>
        {
            ["MinutesDate"] = "2026-04-01", ["MinutesCount"] = "10", ["MinutesActivity"] = "Later", ["MinutesLive"] = "true",
        });

        Assert.Contains("Give a date up to today", await refused.Content.ReadAsStringAsync(Ct));
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await db.TreatmentMinutes.CountAsync(m => m.PatientId == patient.Id, Ct));
    }
}
