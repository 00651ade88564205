using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HepBot.Core.Alerts;
using HepBot.Core.Linking;
using HepBot.Data;
using HepBot.Data.Alerts;
using HepBot.Scheduling.Alerts;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>Maria reports pain 8 on Tuesday 10 March 2026: the alert reaches Dr Ruiz's chat and e-mail, however often it takes.</summary>
public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 17, 20, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private SeededPatient _maria = null!;
    private Alert _alert = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var db = _database.CreateContext();
        _maria = await TestPatients.AddAsync(db, Now);
        _alert = (await AlertWriter.RaiseAsync(db, _maria.PatientId, AlertKind.HighPain, AlertSeverity.Urgent,
            "Pain 8/10 during Exercise 1", Now, Ct))!;
        db.ChannelAccounts.Add(DrRuizsChat());
        await db.SaveChangesAsync(Ct);
    }

    private ChannelAccount DrRuizsChat() => new()
    {
        Channel = "telegram", ChannelUserId = "5050", ConversationId = "5050", TherapistId = _maria.TherapistId, LinkedAt = Now.AddDays(-30),
    };

    private async Task UnlinkDrRuizsChatAsync()
    {
        await using var db = _database.CreateContext();
        db.ChannelAccounts.RemoveRange(db.ChannelAccounts);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:UseTls"] = "false",
        ["Smtp:From"] = "HepBot <alerts@clinic.test>",
    };

    private async Task<AlertDelivery> DeliveryAsync(AlertDestination destination)
    {
        await using var db = _database.CreateContext();
        return await db.AlertDeliveries.SingleAsync(d => d.AlertId == _alert.Id && d.Destination == destination, Ct);
    }

    [Fact]
    public async Task A_failing_chat_is_retried_after_the_backoff_and_the_alert_then_arrives_once()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = SchedulingHarness.Create(_database, clock);
        harness.Notifier.FailuresLeft = 1;
        var job = harness.Create<AlertDeliveryJob>();

        var first = await job.RunAsync(Ct);
        var failed = await DeliveryAsync(AlertDestination.Chat);
        var tooSoon = await job.RunAsync(Ct);
        clock.Advance(DeliveryBackoff.First);
        var retried = await job.RunAsync(Ct);
        var again = await job.RunAsync(Ct);

        Assert.Equal(1, first.Failed);
        Assert.Equal((1, "HttpRequestException"), (failed.Attempts, failed.LastError));
        Assert.Equal(new AlertDeliveryResult(0, 0, 0), tooSoon);
        Assert.Equal(1, retried.Delivered);
        Assert.Equal(new AlertDeliveryResult(0, 0, 0), again);
        var sent = Assert.Single(harness.Notifier.Sent);
        Assert.True(sent.ToTherapist);
        Assert.Equal(_maria.TherapistId, sent.RecipientId);
        Assert.Contains("URGENT alert for Maria Lopez: high pain. Pain 8/10 during Exercise 1", sent.Text);
        Assert.Equal([$"/ack {_alert.Id:N}", $"/reply {_maria.PatientId:N}"], sent.ButtonValues);
        Assert.Equal(AlertDeliveryState.Delivered, (await DeliveryAsync(AlertDestination.Chat)).State);
    }

    [Fact]
    public async Task A_chat_that_keeps_failing_is_retried_with_growing_waits_and_given_up_after_the_last_attempt()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = SchedulingHarness.Create(_database, clock);
        harness.Notifier.Reachable = false;
        var job = harness.Create<AlertDeliveryJob>();

        await job.RunAsync(Ct);
        clock.Advance(DeliveryBackoff.First);
        await job.RunAsync(Ct);

        var chat = await DeliveryAsync(AlertDestination.Chat);
        Assert.Equal(AlertDeliveryState.Pending, chat.State);
        Assert.Equal(2, chat.Attempts);
        Assert.Equal(clock.GetUtcNow() + DeliveryBackoff.After(2), chat.NextAttemptAt);
        Assert.Equal(TimeSpan.FromMinutes(2), DeliveryBackoff.After(2));
        Assert.Equal(DeliveryBackoff.Ceiling, DeliveryBackoff.After(30));

        var runs = 2;
        AlertDeliveryResult last;
        do
        {
            clock.Advance(DeliveryBackoff.Ceiling);
            last = await job.RunAsync(Ct);
            runs++;
        } while (last.Undeliverable == 0 && runs < 100);

        chat = await DeliveryAsync(AlertDestination.Chat);
        Assert.Equal((DeliveryBackoff.MaxAttempts, AlertDeliveryState.Undeliverable, "not reachable"), (runs, chat.State, chat.LastError));
        Assert.Equal(new AlertDeliveryResult(0, 0, 0, 0), await job.RunAsync(Ct));
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(new AlertDeliveryResult(0, 0, 0, 0), await job.RunAsync(Ct));
        await using var db = _database.CreateContext();
        Assert.Equal(AlertReach.NotDelivered, (await AlertOutbox.ReachOfAsync(db, [_alert.Id], Ct))[_alert.Id]);
    }

    [Fact]
    public async Task A_therapist_with_no_linked_chat_and_no_e_mail_gets_the_alert_marked_undeliverable_at_once_not_retried()
    {
        await UnlinkDrRuizsChatAsync();
        var clock = new FakeTimeProvider(Now);
        await using var harness = SchedulingHarness.Create(_database, clock);
        var job = harness.Create<AlertDeliveryJob>();

        var first = await job.RunAsync(Ct);
        clock.Advance(TimeSpan.FromDays(2));
        var later = await job.RunAsync(Ct);

        Assert.Equal(new AlertDeliveryResult(0, 0, 1, 1), first);
        Assert.Equal(new AlertDeliveryResult(0, 0, 0, 0), later);
        Assert.Empty(harness.Notifier.Sent);
        var chat = await DeliveryAsync(AlertDestination.Chat);
        Assert.Equal((AlertDeliveryState.Undeliverable, 0, AlertDeliveryJob.NoReachableChat), (chat.State, chat.Attempts, chat.LastError));
        await using var db = _database.CreateContext();
        Assert.Equal(AlertReach.NotDelivered, (await AlertOutbox.ReachOfAsync(db, [_alert.Id], Ct))[_alert.Id]);
    }

    [Fact]
    public async Task A_chat_marked_unreachable_counts_as_no_chat()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.ChannelAccounts.SingleAsync(a => a.TherapistId != null, Ct)).UnreachableSince = Now.AddDays(-1);
            await db.SaveChangesAsync(Ct);
        }
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Now));

        var result = await harness.Create<AlertDeliveryJob>().RunAsync(Ct);

        Assert.Equal(1, result.Undeliverable);
        Assert.Equal(AlertDeliveryState.Undeliverable, (await DeliveryAsync(AlertDestination.Chat)).State);
    }

    [Fact]
    public async Task Once_Dr_Ruiz_links_a_chat_the_undelivered_alert_reaches_it()
    {
        await UnlinkDrRuizsChatAsync();
        var clock = new FakeTimeProvider(Now);
        await using var harness = SchedulingHarness.Create(_database, clock);
        var job = harness.Create<AlertDeliveryJob>();
        await job.RunAsync(Ct);
        Assert.Equal(AlertDeliveryState.Undeliverable, (await DeliveryAsync(AlertDestination.Chat)).State);

        clock.Advance(TimeSpan.FromHours(3));
        await using (var db = _database.CreateContext())
        {
            db.ChannelAccounts.Add(DrRuizsChat());
            Assert.Equal(1, await AlertOutbox.RequeueChatDeliveriesAsync(db, _maria.TherapistId, clock.GetUtcNow(), Ct));
            await db.SaveChangesAsync(Ct);
        }
        var result = await job.RunAsync(Ct);

        Assert.Equal(1, result.Delivered);
        Assert.Contains("URGENT alert for Maria Lopez", Assert.Single(harness.Notifier.Sent).Text);
        await using var after = _database.CreateContext();
        Assert.Equal(AlertReach.Delivered, (await AlertOutbox.ReachOfAsync(after, [_alert.Id], Ct))[_alert.Id]);
    }

    [Fact]
    public async Task Without_SMTP_the_e_mail_row_is_not_needed_and_an_acknowledged_alert_is_not_sent()
    {
        await using (var db = _database.CreateContext())
        {
            AlertAcknowledgement.Acknowledge(db, (await db.Alerts.FindAsync([_alert.Id], Ct))!, _maria.TherapistId, Now);
            await db.SaveChangesAsync(Ct);
        }
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Now));

        var result = await harness.Create<AlertDeliveryJob>().RunAsync(Ct);

        Assert.Equal(new AlertDeliveryResult(0, 0, 2), result);
        Assert.Empty(harness.Notifier.Sent);
        Assert.Equal(AlertDeliveryState.NotNeeded, (await DeliveryAsync(AlertDestination.Email)).State);
    }

    [Fact]
    public async Task The_alert_is_e_mailed_to_the_therapist_over_SMTP_on_loopback()
    {
        await using var sink = new SmtpSink();
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Now), Smtp(sink.Port));

        var result = await harness.Create<AlertDeliveryJob>().RunAsync(Ct);

        Assert.Equal(2, result.Delivered);
        var mail = Assert.Single(sink.Messages);
        Assert.Equal("alerts@clinic.test", mail.From);
        await using var db = _database.CreateContext();
        var email = await db.Therapists.Where(t => t.Id == _maria.TherapistId).Select(t => t.Email).SingleAsync(Ct);
        Assert.Equal([email], mail.To);
        Assert.Contains("Subject: HepBot alert: Maria Lopez", mail.Raw);
        Assert.Contains("Pain 8/10 during Exercise 1", mail.Raw);
        Assert.Equal(AlertDeliveryState.Delivered, (await DeliveryAsync(AlertDestination.Email)).State);
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_e_mail_waits_and_goes_out_once_it_is_back()
    {
        var closedPort = FreePort();
        var clock = new FakeTimeProvider(Now);
        await using (var down = SchedulingHarness.Create(_database, clock, Smtp(closedPort)))
        {
            var result = await down.Create<AlertDeliveryJob>().RunAsync(Ct);
            Assert.Equal((1, 1), (result.Delivered, result.Failed));
        }
        var waiting = await DeliveryAsync(AlertDestination.Email);
        Assert.Equal(AlertDeliveryState.Pending, waiting.State);
        Assert.Equal(1, waiting.Attempts);

        await using var sink = new SmtpSink();
        clock.Advance(DeliveryBackoff.First);
        await using var back = SchedulingHarness.Create(_database, clock, Smtp(sink.Port));
        var retried = await back.Create<AlertDeliveryJob>().RunAsync(Ct);

        Assert.Equal(1, retried.Delivered);
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task A_spanish_speaking_therapist_reads_a_chest_pain_alert_in_spanish_with_the_exercise_and_the_patients_words()
    {
        Alert chestPain;
        await using (var db = _database.CreateContext())
        {
            var exercise = await db.Exercises.SingleAsync(e => e.Id == _maria.Items[0].ExerciseId, Ct);
            exercise.Texts = [.. exercise.Texts, new() { Locale = "es", Name = "Ejercicio 1 (en español)" }];
            (await db.Therapists.SingleAsync(t => t.Id == _maria.TherapistId, Ct)).Locale = "es";
            chestPain = (await AlertWriter.RaiseAsync(db, _maria.PatientId, AlertKind.RedFlag, AlertSeverity.Urgent,
                "Emergency; ChestPain; pain 7/10", Now, Ct,
                new AlertReason(Core.Safety.UrgencyTier.Emergency, [Core.Safety.SymptomFinding.ChestPain], 7, "me duele el pecho")
                {
                    Moment = AlertMoment.AtExercise, ExerciseId = exercise.Id,
                }))!;
            await db.SaveChangesAsync(Ct);
        }
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Now), notifier: new RecordingNotifier("es"));

        await harness.Create<AlertDeliveryJob>().RunAsync(Ct);

        var sent = Assert.Single(harness.Notifier.Sent, m => m.ButtonValues.Contains($"/ack {chestPain.Id:N}"));
        Assert.Equal("Alerta URGENTE de Maria Lopez: señal de alarma. EMERGENCIA. Señales de alarma: Dolor o presión en el pecho, " +
            "la mandíbula o el brazo. Dolor 7/10. Durante Ejercicio 1 (en español). En sus palabras: \"me duele el pecho\"", sent.Text);
        // The older alert, stored before alerts kept their fields, still shows its detail as stored.
        Assert.Contains(harness.Notifier.Sent, m => m.Text.Contains("Pain 8/10 during Exercise 1", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
