using HepBot.Conversations.Linking;
using HepBot.Core.Alerts;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Bot;

public sealed partial class TelegramHostTests
{
    [Fact]
    public async Task A_therapist_who_chose_spanish_gets_the_link_confirmation_the_alert_and_the_ack_in_spanish_for_an_english_patient()
    {
        const long TherapistChat = 7070;
        await using var host = new HepBotHostFactory(_database, Settings()) { RealChats = true };
        _ = host.Services;
        var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;

        using (RunClock(host))
        {
            await using (var db = _database.CreateContext())
            {
                var therapist = await db.Therapists.SingleAsync(Ct);
                therapist.Locale = "es";
                await db.SaveChangesAsync(Ct);
                var linkCode = await host.Services.GetRequiredService<TherapistChatLinks>().CreateCodeAsync(therapist.Id, "cli", Ct);
                // The therapist's Telegram reports English; the language chosen in the app wins.
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, TherapistChat, $"/start {linkCode.Code}")));
            }
            foreach (var say in new[] { $"/start {code}", "yes", "keep", "/today", "start", "8", "none" })
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, AlexChat, say)));
            await _api.WaitForAsync(calls => calls.Any(c => c.ChatId == TherapistChat && c.Text!.Contains("Alerta URGENTE de Alex")));

            await using (var db = _database.CreateContext())
            {
                var alert = await db.Alerts.SingleAsync(a => a.Kind == AlertKind.HighPain, Ct);
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, TherapistChat, $"/ack {alert.Id:N}")));
            }
        }

        var toTherapist = _api.CallsTo("sendMessage").Where(c => c.ChatId == TherapistChat).Select(c => c.Text!).ToList();
        Assert.StartsWith("Conexión completada, Demo Therapist.", toTherapist[0]);
        Assert.Contains(toTherapist, t => t.StartsWith("Alerta URGENTE de Alex", StringComparison.Ordinal));
        Assert.Equal("Alerta confirmada.", toTherapist[^1]);
        Assert.Contains(_api.CallsTo("sendMessage"), c => c.ChatId == AlexChat && c.Text!.Contains("Hi Alex!"));
    }
}
