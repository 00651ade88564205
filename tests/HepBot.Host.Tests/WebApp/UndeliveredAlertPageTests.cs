using System.Net;
using System.Text.RegularExpressions;
using HepBot.Core.Alerts;
using HepBot.Host.Tests.Support;
using HepBot.Host.WebApp;

namespace HepBot.Host.Tests.WebApp;

/// <summary>An alert no chat and no e-mail took is marked as such wherever the therapist meets it, not only on Link my chat.</summary>
public sealed partial class UndeliveredAlertPageTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_undeliverable_alert_is_marked_not_delivered_on_today_and_in_the_patients_alerts_and_a_delivered_one_is_not()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        await using (var db = fixture.Database.CreateContext())
        {
            var now = fixture.Host.Clock.GetUtcNow();
            db.AlertDeliveries.AddRange(
                new AlertDelivery { AlertId = patient.RedFlagAlertId, Destination = AlertDestination.Chat, State = AlertDeliveryState.Undeliverable, Attempts = 1, NextAttemptAt = now, LastError = "not reachable" },
                new AlertDelivery { AlertId = patient.RedFlagAlertId, Destination = AlertDestination.Email, State = AlertDeliveryState.NotNeeded, NextAttemptAt = now },
                new AlertDelivery { AlertId = patient.HighPainAlertId, Destination = AlertDestination.Chat, State = AlertDeliveryState.Delivered, Attempts = 1, NextAttemptAt = now, DeliveredAt = now });
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var (todayStatus, today, _) = await session.GetAsync("/app");
        var (patientStatus, record, _) = await session.GetAsync(WebAppPaths.Patient(patient.Id));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (todayStatus, patientStatus));
        foreach (var html in new[] { today, record })
        {
            Assert.Contains("Not delivered to your chat", AlertItem(html, patient.RedFlagAlertId));
            Assert.DoesNotContain("Not delivered to your chat", AlertItem(html, patient.HighPainAlertId));
            Assert.Contains("href=\"/app/my-chats\" data-not-delivered", AlertItem(html, patient.RedFlagAlertId));
        }
        // Link my chat lists it by kind (every kind: the demo's first alert was a message), and not the delivered one.
        var (chatsStatus, chats, _) = await session.GetAsync("/app/my-chats");
        Assert.Equal(HttpStatusCode.OK, chatsStatus);
        Assert.Matches($"data-undelivered=\"{patient.RedFlagAlertId}\">[^<]*<a [^>]*>[^<]*</a>:\\s*<strong>Red flag</strong>", chats);
        Assert.DoesNotContain($"data-undelivered=\"{patient.HighPainAlertId}\"", chats);
    }

    [Fact]
    public async Task Link_my_chat_lists_an_alert_that_reached_no_chat_or_email_by_its_kind_and_patient()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        await using (var db = fixture.Database.CreateContext())
        {
            db.AlertDeliveries.Add(new AlertDelivery
            {
                AlertId = patient.RedFlagAlertId, Destination = AlertDestination.Chat, State = AlertDeliveryState.Undeliverable,
                Attempts = 1, NextAttemptAt = fixture.Host.Clock.GetUtcNow(), LastError = "not reachable",
            });
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var (status, html, _) = await session.GetAsync("/app/my-chats");

        Assert.Equal(HttpStatusCode.OK, status);
        var start = html.IndexOf($"data-undelivered=\"{patient.RedFlagAlertId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "Link my chat lists the alert that reached no one.");
        var item = html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
        Assert.Contains("<strong>Red flag</strong>", item);
        Assert.Contains(patient.Name, item);
        Assert.DoesNotContain($"data-undelivered=\"{patient.HighPainAlertId}\"", html);
    }

    [Fact]
    public async Task In_spanish_the_mark_reads_in_spanish()
    {
        var therapist = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(therapist);
        await using (var db = fixture.Database.CreateContext())
        {
            db.AlertDeliveries.Add(new AlertDelivery
            {
                AlertId = patient.HighPainAlertId, Destination = AlertDestination.Chat, State = AlertDeliveryState.Undeliverable,
                NextAttemptAt = fixture.Host.Clock.GetUtcNow(),
            });
            (await db.Therapists.FindAsync([therapist.Id], Ct))!.Locale = "es";
            await db.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(fixture.Host, therapist);

        var (_, today, _) = await session.GetAsync("/app");

        Assert.Contains("No llegó a tu chat", WebUtility.HtmlDecode(AlertItem(today, patient.HighPainAlertId)));
        var (chatsStatus, chats, _) = await session.GetAsync("/app/my-chats");
        Assert.Equal(HttpStatusCode.OK, chatsStatus);
        Assert.Contains("<strong>Dolor alto</strong>", chats);
    }

    /// <summary>The list item of one alert, from its opening tag to the next alert's.</summary>
    private static string AlertItem(string html, Guid alertId)
    {
        var start = html.IndexOf($"data-alert=\"{alertId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page lists alert {alertId}.");
        var next = AlertStart().Match(html, start + 10);
        return next.Success ? html[start..next.Index] : html[start..];
    }

    [GeneratedRegex("data-alert=\"")]
    private static partial Regex AlertStart();
}
