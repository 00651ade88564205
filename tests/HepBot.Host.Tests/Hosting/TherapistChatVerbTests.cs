using HepBot.Core.Linking;
using HepBot.Data;
using HepBot.Host.Commands;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Hosting;

/// <summary>`therapist-chat link|list|unlink`: Ana links her own Telegram chat for alerts from the command line.</summary>
public sealed class TherapistChatVerbTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await RunAsync("therapist", "add", "--email", "ana@clinic.test", "--name", "Ana López", "--clinic", "Riverside Physio")).ExitCode);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Link_prints_a_one_time_code_and_the_telegram_deep_link_that_redeem_to_anas_chat()
    {
        var link = await RunAsync("therapist-chat", "link", "--email", "ANA@clinic.test");

        Assert.Equal(0, link.ExitCode);
        Assert.Contains("Link code for Ana López <ana@clinic.test>", link.Output);
        await using var db = _database.CreateContext();
        var invitation = await db.Invitations.SingleAsync(Ct);
        var ana = await db.Therapists.SingleAsync(Ct);
        Assert.Equal((ana.Id, (Guid?)null), (invitation.TherapistId!.Value, invitation.PatientId));
        Assert.Contains($"Send it to HepBot from your Telegram or Teams chat: {invitation.Code}", link.Output);
        Assert.Contains($"Or open on your phone: https://t.me/RiversideHepBot?start={invitation.Code}", link.Output);
        Assert.Equal(TimeSpan.FromMinutes(30), invitation.ExpiresAt - invitation.CreatedAt);
    }

    [Fact]
    public async Task List_shows_the_linked_chats_and_unlink_removes_one()
    {
        Guid chatId;
        await using (var db = _database.CreateContext())
        {
            var ana = await db.Therapists.SingleAsync(Ct);
            var account = new ChannelAccount
            {
                Channel = "telegram", ChannelUserId = "77", ConversationId = "77", TherapistId = ana.Id,
                LinkedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero),
            };
            db.ChannelAccounts.Add(account);
            await db.SaveChangesAsync(Ct);
            chatId = account.Id;
        }

        var list = await RunAsync("therapist-chat", "list", "--email", "ana@clinic.test");
        Assert.Contains($"{chatId}  telegram   linked 2026-03-01 09:30 UTC", list.Output);

        var wrong = await RunAsync("therapist-chat", "unlink", "--email", "ana@clinic.test", "--chat", Guid.NewGuid().ToString());
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("has no linked chat", wrong.Error);

        var unlink = await RunAsync("therapist-chat", "unlink", "--email", "ana@clinic.test", "--chat", chatId.ToString());
        Assert.Equal(0, unlink.ExitCode);
        var empty = await RunAsync("therapist-chat", "list", "--email", "ana@clinic.test");
        Assert.Contains("Ana López has no linked chat", empty.Output);
    }

    [Fact]
    public async Task An_unknown_therapist_is_a_clear_error()
    {
        var result = await RunAsync("therapist-chat", "link", "--email", "nobody@clinic.test");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No therapist has e-mail 'nobody@clinic.test'", result.Error);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = HepBotHostFactory.SettingsFor(_database.Provider, _database.ConnectionString,
            new Dictionary<string, string?> { ["Telegram:BotUsername"] = "RiversideHepBot" });
        var exitCode = await HepBotCommandLine.InvokeAsync(args, output, error, settings, cancellationToken: Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
