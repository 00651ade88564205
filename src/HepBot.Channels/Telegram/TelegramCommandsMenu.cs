using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HepBot.Channels.Telegram;

/// <summary>
/// The "/" menu Telegram shows next to the text box: HepBot's slash commands with a short description
/// from <c>dialogs/&lt;language&gt;/commandMenu.yaml</c> (the same descriptions the Teams app lists),
/// once per language and once as the default.
/// Registered at start-up; it is a convenience, so a failure is logged and HepBot runs on.
/// </summary>
public sealed class TelegramCommandsMenu(TelegramSender sender, DialogTextCatalog catalog, ILogger<TelegramCommandsMenu> logger)
    : BackgroundService
{
    /// <summary>The slash commands the dialogs understand (see CommandRecognizer), in menu order.</summary>
    public static readonly IReadOnlyList<string> Commands =
        ["today", "unwell", "progress", "reminder", "pause", "language", "message", "mydata", "forgetme", "help", "menu", "stop"];

    public IReadOnlyList<BotCommand> For(string language) =>
        Commands.Select(c => new BotCommand { Command = c, Description = catalog.Get(language, DescriptionKey(c)) }).ToList();

    /// <summary>"mydata" → "commandMenu.myData": the slash command's description, shared with the Teams command list.</summary>
    private static string DescriptionKey(string command) =>
        "commandMenu." + CommandRecognizer.WordsKey(CommandRecognizer.SlashCommands["/" + command])["commands.".Length..];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sender.CallAsync("setMyCommands", (client, ct) => client.SetMyCommands(For(catalog.DefaultLanguage), cancellationToken: ct), stoppingToken);
            // Telegram takes two-letter language codes; regional folders (pt-br) fall back to their language's menu.
            foreach (var language in catalog.Languages.Where(l => l.Length == 2))
                await sender.CallAsync("setMyCommands", (client, ct) => client.SetMyCommands(For(language), languageCode: language, cancellationToken: ct), stoppingToken);
            logger.LogInformation("Telegram: commands menu registered in {Languages}", string.Join(", ", catalog.Languages));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Telegram: the commands menu could not be registered; the commands still work when typed");
        }
    }
}
