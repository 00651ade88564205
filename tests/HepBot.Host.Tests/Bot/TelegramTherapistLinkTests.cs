using HepBot.Conversations.Linking;
using HepBot.Core.Alerts;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Bot;

public sealed partial class TelegramHostTests
{
    [Fact]
    public async Task An_alert_that_found_no_therapist_chat_reaches_the_telegram_chat_the_therapist_links_with_a_code()
    {
        const long TherapistChat = 6060;
        await using var host = new HepBotHostFactory(_database, Settings()) { RealChats = true };
        _ = host.Services;
        var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;

        using (RunClock(host))
        {
            foreach (var say in new[] { $"/start {code}", "yes", "keep", "/today", "start", "8", "none" })
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, AlexChat, say)));
            // The outbox job finds no chat of the therapist's: the alert is kept for the app, not retried.
            await WaitForAsync(async db => await db.AlertDeliveries.AnyAsync(
                d => d.Destination == AlertDestination.Chat && d.State == AlertDeliveryState.Undeliverable, Ct));

            await using var db = _database.CreateContext();
            var therapist = await db.Therapists.SingleAsync(Ct);
            var linkCode = await host.Services.GetRequiredService<TherapistChatLinks>().CreateCodeAsync(therapist.Id, "cli", Ct);
            await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, TherapistChat, $"/start {linkCode.Code}")));
            await _api.WaitForAsync(calls => calls.Any(c => c.ChatId == TherapistChat && c.Text!.Contains("URGENT alert for Alex")));
        }

        var toTherapist = _api.CallsTo("sendMessage").Where(c => c.ChatId == TherapistChat).Select(c => c.Text).ToList();
        Assert.StartsWith("You're connected, Demo Therapist.", toTherapist[0]);
        Assert.Single(toTherapist, t => t!.Contains("alert"));
    }

    private async Task WaitForAsync(Func<Data.HepBotDbContext, Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var db = _database.CreateContext();
            if (await condition(db))
                return;
            await Task.Delay(50, Ct);
        }
        Assert.Fail("The database never reached the expected state.");
    }
}
