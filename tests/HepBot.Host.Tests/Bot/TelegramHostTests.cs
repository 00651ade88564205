using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HepBot.Channels.Telegram;
using HepBot.Channels.Tests.Telegram;
using HepBot.Core.Reminders;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Scheduling.Reminders;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// The real host with Telegram:BotToken and Telegram:ApiBaseUrl pointing at a Bot API server on loopback:
/// the demo patient links with /start CODE and answers with buttons, by long polling or by webhook.
/// </summary>
public sealed partial class TelegramHostTests : IAsyncLifetime
{
    private const long AlexChat = 4040;
    private const string Secret = "host-webhook-secret";
    private TestDatabase _database = null!;
    private FakeBotApi _api = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _api = await FakeBotApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task By_long_polling_the_demo_patient_links_and_answers_with_a_button()
    {
        await using var host = new HepBotHostFactory(_database, Settings());
        _ = host.Services; // starts the host, and with it the polling
        using var time = RunClock(host);
        var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;

        var start = _api.Deliver(id => _api.TextFrom(id, AlexChat, $"/start {code}"));
        await _api.WaitForConfirmationAsync(start);
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Hi Alex!"));

        var yes = _api.Deliver(id => _api.PressFrom(id, AlexChat, "yes"));
        await _api.WaitForConfirmationAsync(yes);
        Assert.Single(_api.CallsTo("answerCallbackQuery"));
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("reminder at 18:00"));

        Assert.NotEmpty(_api.CallsTo("deleteWebhook"));
        await _api.WaitForAsync(calls => calls.Count(c => c.Method == "setMyCommands") == 3);
        await using var db = _database.CreateContext();
        var account = await db.ChannelAccounts.SingleAsync(Ct);
        Assert.Equal(("telegram", AlexChat.ToString(CultureInfo.InvariantCulture)), (account.Channel, account.ConversationId));
    }

    [Fact]
    public async Task By_webhook_the_host_registers_its_secret_and_accepts_only_updates_that_carry_it()
    {
        await using var host = new HepBotHostFactory(_database, Settings(new()
        {
            ["Telegram:WebhookUrl"] = "https://hepbot.example/api/telegram/updates",
            ["Telegram:WebhookSecret"] = Secret,
        }));
        var http = host.CreateClient();
        using var time = RunClock(host);
        var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;
        await _api.WaitForAsync(calls => calls.Any(c => c.Method == "setWebhook"));
        Assert.Equal(Secret, _api.CallsTo("setWebhook").Single().Field("secret_token"));

        var update = _api.TextFrom(1, AlexChat, $"/start {code}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, update, "guess")).StatusCode);
        Assert.Empty(_api.CallsTo("sendMessage"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, update, Secret)).StatusCode);
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Hi Alex!"));
        Assert.Empty(_api.CallsTo("getUpdates"));
    }

    [Fact]
    public async Task A_minute_before_reminder_time_nothing_then_the_reminder_arrives_in_telegram_and_none_once_done()
    {
        await using var host = new HepBotHostFactory(_database, Settings()) { RealChats = true };
        _ = host.Services;
        var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;
        using (RunClock(host))
        {
            await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, AlexChat, $"/start {code}")));
            await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.PressFrom(id, AlexChat, "yes")));
            await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.PressFrom(id, AlexChat, "keep")));
        }
        await using var db = _database.CreateContext();
        var alex = await db.Patients.SingleAsync(Ct);

        // A minute before 18:00 in London (UTC in March), Alex's reminder time; the host's Quartz does the rest.
        var sixPm = new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);
        host.Clock.SetUtcNow(sixPm.AddMinutes(-1));
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Today:"));
        using (RunClock(host))
            await _api.WaitForAsync(calls => calls.Any(c => c.Method == "sendMessage" && c.Text!.Contains("Today:")));
        var reminder = Assert.Single(_api.CallsTo("sendMessage"), c => c.Text!.Contains("Today:"));
        Assert.Equal(AlexChat, reminder.ChatId);
        Assert.Equal(["/today", "/snooze", "/skipday"], reminder.Keyboard.SelectMany(row => row).Select(b => b.Data));

        db.SessionLogs.Add(new SessionLog
        {
            PatientId = alex.Id, PrescriptionId = (await db.Prescriptions.SingleAsync(Ct)).Id, LocalDate = new DateOnly(2026, 3, 10),
            ExercisesPlanned = 6, Status = SessionStatus.Completed, StartedAt = sixPm,
        });
        await db.SaveChangesAsync(Ct);
        var sent = _api.CallsTo("sendMessage").Count;
        var reminders = ActivatorUtilities.CreateInstance<ReminderJob>(host.Services);
        Assert.Equal(ReminderOutcome.AlreadyDone, await reminders.RunAsync(alex.Id, 1, sixPm, Ct));
        Assert.Equal(sent, _api.CallsTo("sendMessage").Count);
    }

    [Fact]
    public async Task Pain_8_produces_one_urgent_alert_that_reaches_the_therapists_telegram_chat_and_the_alerts_api()
    {
        const long TherapistChat = 5050;
        await using var host = new HepBotHostFactory(_database, Settings()) { RealChats = true };
        _ = host.Services;
        var (key, code) = (DemoKey().Match(host.Console.ToString()).Groups["key"].Value,
            InvitationCode().Match(host.Console.ToString()).Groups["code"].Value);
        var therapistCode = Core.Linking.InvitationCode.New();
        await using (var db = _database.CreateContext())
        {
            var therapist = await db.Therapists.SingleAsync(Ct);
            db.Invitations.Add(new Core.Linking.Invitation
            {
                Code = therapistCode, TherapistId = therapist.Id, CreatedById = therapist.Id,
                CreatedAt = HepBotHostFactory.Start, ExpiresAt = HepBotHostFactory.Start.AddDays(7),
            });
            await db.SaveChangesAsync(Ct);
        }

        using (RunClock(host))
        {
            await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, TherapistChat, $"/start {therapistCode}")));
            foreach (var say in new[] { $"/start {code}", "yes", "keep", "/today", "start", "8", "none" })
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, AlexChat, say)));
            Assert.Contains(_api.CallsTo("sendMessage"), c => c.ChatId == AlexChat && c.Text!.Contains("Your pain is very high"));

            // The alert outbox job runs every minute on the host's scheduler.
            await _api.WaitForAsync(calls => calls.Any(c => c.ChatId == TherapistChat && c.Text!.Contains("URGENT alert for Alex")));
        }
        Assert.Single(_api.CallsTo("sendMessage"), c => c.ChatId == TherapistChat && c.Text!.Contains("alert"));

        var alerts = JsonDocument.Parse(await host.ClientWithKey(key).GetStringAsync("/api/v1/alerts", Ct)).RootElement;
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(("highPain", "urgent"), (alert.GetProperty("kind").GetString(), alert.GetProperty("severity").GetString()));
        Assert.Equal(("therapistReview", 8), (alert.GetProperty("tier").GetString(), alert.GetProperty("painScore").GetInt32()));
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.ChatId == TherapistChat && c.Text!.Contains("Therapist review. Pain 8/10."));
    }

    [Fact]
    public async Task In_a_session_each_exercise_animation_is_uploaded_once_then_sent_by_file_id_and_the_clinics_own_clip_wins()
    {
        var media = Directory.CreateTempSubdirectory("hepbot-clinic-media-").FullName;
        // The clinic's own clip of the first exercise (any bytes: Telegram is sent the file as it is).
        var clinicClip = "GIF89a clinic's own quad set clip"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(media, "quad-set.gif"), clinicClip, Ct);
        try
        {
            await using var host = new HepBotHostFactory(_database, Settings(new() { ["ExerciseLibrary:MediaFolder"] = media })) { RealChats = true };
            _ = host.Services;
            var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;
            using (RunClock(host))
            {
                foreach (var say in new[] { $"/start {code}", "yes", "keep", "/today", "start", "2" })
                    await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, AlexChat, say)));
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.PressFrom(id, AlexChat, "done")));
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.PressFrom(id, AlexChat, "again")));
            }

            var animations = _api.CallsTo("sendAnimation");
            Assert.Equal([true, true, false], animations.Select(c => c.Uploaded));
            Assert.Equal(clinicClip, animations[0].UploadedBytes);
            var pictures = host.Services.GetRequiredService<HepBot.Pictures.ExercisePictures>();
            var drawings = new[] { HepBot.Pictures.BodySide.Left, HepBot.Pictures.BodySide.Right }
                .Select(side => File.ReadAllBytes(pictures.Animation("straight-leg-raise", side)!.Path));
            Assert.Contains(drawings, bytes => bytes.AsSpan().SequenceEqual(animations[1].UploadedBytes));
            // "Show me again": the same drawing, by the file_id Telegram gave for the upload.
            Assert.StartsWith("file-", animations[2].Field("animation"));
            Assert.True(animations[2].Succeeded);
            await using var db = _database.CreateContext();
            var stored = await db.TelegramMediaFiles.OrderBy(f => f.UploadedAt).ToListAsync(Ct);
            Assert.Equal(2, stored.Count);
            Assert.Contains(stored, f => f.FileId == animations[2].Field("animation"));
            Assert.All(stored, f => Assert.Equal(FakeBotApi.BotId, f.BotId));
        }
        finally
        {
            Directory.Delete(media, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_token_telegram_is_off()
    {
        await using var host = new HepBotHostFactory(_database);
        var response = await host.CreateClient().PostAsync(TelegramWebhook.Path, new StringContent("{}"), Ct);

        // Nothing takes the POST: 404, or in Development 405 because the static assets' hot-reload fallback is GET-only.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Null(host.Services.GetService<ITelegramBotClient>());
        Assert.Null(host.Services.GetService<TelegramAdapter>());
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = _api.BaseUrl,
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return settings;
    }

    /// <summary>The host's clock is fake; let it run (a second every 10 ms) so the per-chat pacing lets messages go.</summary>
    private static RunningClock RunClock(HepBotHostFactory host)
    {
        var stop = new CancellationTokenSource();
        var running = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                host.Clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10, CancellationToken.None);
            }
        });
        return new RunningClock(stop, running);
    }

    private sealed record RunningClock(CancellationTokenSource Stop, Task Running) : IDisposable
    {
        public void Dispose()
        {
            Stop.Cancel();
            Running.Wait();
            Stop.Dispose();
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, global::Telegram.Bot.Types.Update update, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TelegramWebhook.Path)
        {
            Content = new StringContent(JsonSerializer.Serialize(update, JsonBotAPI.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TelegramWebhook.SecretHeader, secret);
        return http.SendAsync(request, Ct);
    }

    [GeneratedRegex(@"Invitation:\s+(?<code>[A-Z0-9]{8})")]
    private static partial Regex InvitationCode();

    [GeneratedRegex(@"Demo key:\s+(?<key>hb_\S+)")]
    private static partial Regex DemoKey();
}
