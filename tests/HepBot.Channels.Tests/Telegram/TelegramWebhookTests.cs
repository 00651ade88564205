using System.Net;
using System.Text.Json;
using HepBot.Channels.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>Updates pushed to POST /api/telegram/updates, as Telegram does with a webhook set.</summary>
public sealed class TelegramWebhookTests
{
    private const string Secret = "webhook-secret_for-tests";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_updates_with_the_right_secret_header_are_processed_and_a_repeat_is_processed_once()
    {
        await using var chat = await TelegramBotHarness.StartAsync(poll: false);
        await using var webhook = await StartWebhookAsync(chat);
        var update = chat.Api.TextFrom(77, TelegramBotHarness.AlexChat, $"/start {chat.Clinic.InvitationCode}");

        var missing = await webhook.Http.PostAsync(TelegramWebhook.Path, Json(update), Ct);
        var wrong = await webhook.PostAsync(update, "not-the-secret");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, wrong.StatusCode));
        chat.Collect();
        Assert.DoesNotContain(chat.Replies, c => c.Method == "sendMessage");

        var right = await webhook.PostAsync(update, Secret);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        chat.Collect();
        Assert.Contains("Hi Alex! Your therapist at Riverside Physio", chat.Transcript);

        // Telegram sends it again (say our 200 was lost): accepted, not processed twice.
        var again = await webhook.PostAsync(update, Secret);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        chat.Collect();
        Assert.Empty(chat.Replies);
    }

    [Fact]
    public async Task The_webhook_is_registered_with_its_secret()
    {
        await using var api = await FakeBotApi.StartAsync();
        var sender = Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System);
        var registration = new TelegramWebhookRegistration(sender, new Uri("https://hepbot.example/api/telegram/updates"), Secret,
            TimeProvider.System, Senders.Logger<TelegramWebhookRegistration>());

        await registration.StartAsync(Ct);
        await api.WaitForAsync(calls => calls.Any(c => c.Method == "setWebhook"));
        await registration.StopAsync(Ct);

        var call = Assert.Single(api.CallsTo("setWebhook"));
        Assert.Equal(("https://hepbot.example/api/telegram/updates", Secret), (call.Field("url"), call.Field("secret_token")));
    }

    private static StringContent Json(global::Telegram.Bot.Types.Update update) =>
        new(JsonSerializer.Serialize(update, JsonBotAPI.Options), System.Text.Encoding.UTF8, "application/json");

    private static async Task<WebhookHost> StartWebhookAsync(TelegramBotHarness chat)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(chat.Adapter);
        builder.Services.AddSingleton(chat.Bot);
        var app = builder.Build();
        app.MapTelegramWebhook(Secret);
        await app.StartAsync(Ct);
        return new WebhookHost(app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    private sealed record WebhookHost(WebApplication App, HttpClient Http) : IAsyncDisposable
    {
        public Task<HttpResponseMessage> PostAsync(global::Telegram.Bot.Types.Update update, string secret)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, TelegramWebhook.Path) { Content = Json(update) };
            request.Headers.Add(TelegramWebhook.SecretHeader, secret);
            return Http.SendAsync(request, Ct);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
