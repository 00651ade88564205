using System.Text.RegularExpressions;

namespace HepBot.Host.Logging;

/// <summary>
/// Takes secrets out of log text: the configured secrets by value (the Telegram bot token, the webhook
/// secret, the Bot Framework and SMTP passwords), and by shape what may come from elsewhere — a Telegram
/// token in a Bot API URL (<c>/bot&lt;token&gt;/</c>, which HttpClient logs), Authorization values, HepBot API keys.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Redacted = "[redacted]";

    /// <summary>The settings whose values never appear in a log line.</summary>
    public static readonly IReadOnlyList<string> SecretSettings =
        ["Telegram:BotToken", "Telegram:WebhookSecret", "MicrosoftAppPassword", "Smtp:Password"];

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets) =>
        // Longest first, so a secret that contains another is replaced whole.
        _secrets = [.. secrets.Where(s => s is { Length: >= 6 }).Select(s => s!).Distinct().OrderByDescending(s => s.Length)];

    public static SecretRedactor From(IConfiguration configuration) =>
        new(SecretSettings.Select(key => configuration[key]));

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        foreach (var secret in _secrets)
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        text = TelegramToken().Replace(text, Redacted);
        text = AuthorizationValue().Replace(text, m => $"{m.Groups["scheme"].Value} {Redacted}");
        return ApiKey().Replace(text, Redacted);
    }

    /// <summary>A Telegram bot token: the bot's numeric id, a colon and 30 or more characters.</summary>
    [GeneratedRegex(@"\d{5,}:[A-Za-z0-9_-]{20,}")]
    private static partial Regex TelegramToken();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|Digest|NTLM|Negotiate))\s+[A-Za-z0-9\-._~+/=]{4,}", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"\bhb_[A-Za-z0-9_-]{8,}")]
    private static partial Regex ApiKey();
}
