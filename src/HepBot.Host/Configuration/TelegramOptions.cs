using System.ComponentModel.DataAnnotations;

namespace HepBot.Host.Configuration;

/// <summary>Telegram:* — only what the management API needs; the channel adds its token later.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The bot's username without "@"; when set, invitations carry a t.me deep link.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{3,30}[Bb][Oo][Tt]$",
        ErrorMessage = "Telegram:BotUsername must be a bot username without '@' (5-32 letters, digits or _, ending in 'bot').")]
    public string? BotUsername { get; set; }

    public string? DeepLink(string invitationCode) =>
        string.IsNullOrWhiteSpace(BotUsername) ? null : $"https://t.me/{BotUsername}?start={invitationCode}";
}
