using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Configuration;

/// <summary>Telegram:* — the channel (token, Bot API server, webhook) and the deep links invitations carry.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";
    public const string PublicApiBaseUrl = "https://api.telegram.org";

    /// <summary>The bot's token from @BotFather. Empty: the Telegram channel is off.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server: the public one, a self-hosted telegram-bot-api, or a test server.</summary>
    public string ApiBaseUrl { get; set; } = PublicApiBaseUrl;

    /// <summary>When set, Telegram pushes updates to this URL (which must reach /api/telegram/updates); otherwise HepBot long-polls.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every webhook call; required with a webhook URL.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The bot's username without "@"; when set, invitations carry a t.me deep link.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{3,30}[Bb][Oo][Tt]$",
        ErrorMessage = "Telegram:BotUsername must be a bot username without '@' (5-32 letters, digits or _, ending in 'bot').")]
    public string? BotUsername { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool UsesWebhook => Enabled && !string.IsNullOrWhiteSpace(WebhookUrl);

    public string? DeepLink(string invitationCode) =>
        string.IsNullOrWhiteSpace(BotUsername) ? null : $"https://t.me/{BotUsername}?start={invitationCode}";
}

/// <summary>Checks the Telegram settings at start-up; every message names the setting and never repeats a secret.</summary>
public sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var problems = new List<string>();
        if (options.Enabled && !TokenPattern().IsMatch(options.BotToken!))
            problems.Add("Telegram:BotToken is not a bot token (it looks like 123456789:AAE..., as @BotFather gives it).");
        if (!IsHttpUrl(options.ApiBaseUrl))
            problems.Add($"Telegram:ApiBaseUrl must be an absolute http(s) URL such as {TelegramOptions.PublicApiBaseUrl}.");
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            if (!options.Enabled)
                problems.Add("Telegram:WebhookUrl is set but Telegram:BotToken is not; set the token or remove the webhook URL.");
            if (!IsHttpUrl(options.WebhookUrl))
                problems.Add("Telegram:WebhookUrl must be an absolute https URL that reaches /api/telegram/updates.");
            if (string.IsNullOrWhiteSpace(options.WebhookSecret))
                problems.Add("Telegram:WebhookSecret is required when Telegram:WebhookUrl is set (1-256 characters: letters, digits, _ and -).");
        }
        if (!string.IsNullOrWhiteSpace(options.WebhookSecret) && !SecretPattern().IsMatch(options.WebhookSecret))
            problems.Add("Telegram:WebhookSecret must be 1-256 characters: letters, digits, _ and -.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{20,}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
