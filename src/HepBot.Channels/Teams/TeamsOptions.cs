using System.ComponentModel.DataAnnotations;

namespace HepBot.Channels.Teams;

/// <summary>
/// Teams:* — how replies to Teams are retried, and what the Teams app package says about HepBot.
/// The bot's credentials are the standard Bot Framework keys (MicrosoftAppId...), not in this section.
/// </summary>
public sealed class TeamsOptions : IValidatableObject
{
    public const string SectionName = "Teams";

    /// <summary>Tries per Bot Connector request, the first included, when Teams throttles or a gateway fails.</summary>
    [Range(1, 10, ErrorMessage = "Teams:SendAttempts must be from 1 to 10.")]
    public int SendAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; each later retry waits about twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No single wait is longer than this, whatever Retry-After asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Teams app id (a GUID); the bot's MicrosoftAppId when not set.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's version in the package (x.y.z); raise it for every package you upload again.</summary>
    [RegularExpression(@"^\d+\.\d+\.\d+$", ErrorMessage = "Teams:Version must look like 1.0.0.")]
    public string Version { get; set; } = "1.0.0";

    [StringLength(30, MinimumLength = 1, ErrorMessage = "Teams:ShortName must be 1 to 30 characters.")]
    public string ShortName { get; set; } = "HepBot";

    [StringLength(100, ErrorMessage = "Teams:FullName must be at most 100 characters.")]
    public string? FullName { get; set; }

    /// <summary>Overrides the short description in dialogs/ (teams.package.shortDescription).</summary>
    [StringLength(80, ErrorMessage = "Teams:ShortDescription must be at most 80 characters.")]
    public string? ShortDescription { get; set; }

    /// <summary>Overrides the full description in dialogs/ (teams.package.fullDescription).</summary>
    [StringLength(4000, ErrorMessage = "Teams:FullDescription must be at most 4000 characters.")]
    public string? FullDescription { get; set; }

    /// <summary>The language of the package's texts, a dialogs/ folder; the default language when not set.</summary>
    public string? Language { get; set; }

    [StringLength(32, MinimumLength = 1, ErrorMessage = "Teams:DeveloperName must be 1 to 32 characters.")]
    public string DeveloperName { get; set; } = "HepBot";

    public string? WebsiteUrl { get; set; }
    public string? PrivacyUrl { get; set; }
    public string? TermsOfUseUrl { get; set; }

    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Teams:AccentColor must be a colour like #2E7D6B.")]
    public string AccentColor { get; set; } = "#2E7D6B";

    /// <summary>Domains the app may open pages from (host names, no scheme).</summary>
    public List<string> ValidDomains { get; set; } = [];

    /// <summary>Where the developer URLs point when not configured (a reserved example domain).</summary>
    public const string PlaceholderWebsite = "https://hepbot.example";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
            yield return new ValidationResult("Teams:FirstRetryDelay must be positive and Teams:MaxRetryDelay at least as long.");
        if (AppId is { Length: > 0 } && !Guid.TryParse(AppId, out _))
            yield return new ValidationResult("Teams:AppId must be a GUID.");
        foreach (var (name, url) in new[] { ("WebsiteUrl", WebsiteUrl), ("PrivacyUrl", PrivacyUrl), ("TermsOfUseUrl", TermsOfUseUrl) })
        {
            if (url is { Length: > 0 } && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                yield return new ValidationResult($"Teams:{name} must be an https:// address.");
        }
        foreach (var domain in ValidDomains.Where(d => d.Contains("://", StringComparison.Ordinal) || d.Contains('/')))
            yield return new ValidationResult($"Teams:ValidDomains: '{domain}' must be a host name such as hepbot.example.org, without scheme or path.");
    }
}
