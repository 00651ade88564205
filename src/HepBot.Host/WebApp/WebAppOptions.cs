using System.ComponentModel.DataAnnotations;

namespace HepBot.Host.WebApp;

/// <summary>WebApp:* — the therapists' web app under /app.</summary>
public sealed class WebAppOptions : IValidatableObject
{
    public const string SectionName = "WebApp";

    /// <summary>The address therapists reach HepBot at; set-password links printed by the admin verbs start with it.</summary>
    public string PublicUrl { get; set; } = HepBotApplication.DefaultUrl;

    /// <summary>Minutes of inactivity after which a signed-in therapist must sign in again (sliding).</summary>
    [Range(5, 7 * 24 * 60)]
    public int SessionMinutes { get; set; } = 8 * 60;

    /// <summary>How long a set-password link stays valid.</summary>
    [Range(1, 30)]
    public int SetPasswordLinkDays { get; set; } = 3;

    [Range(3, 20)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Length over character classes: long passphrases are both stronger and easier to remember.</summary>
    [Range(10, 128)]
    public int MinPasswordLength { get; set; } = 12;

    public Uri PublicBase => new(PublicUrl.TrimEnd('/') + "/");

    /// <summary>The origin browsers report for pages at <see cref="PublicUrl"/> ("https://clinic.example", with a port only when it is not the scheme's own).</summary>
    public string PublicOrigin => PublicBase.GetLeftPart(UriPartial.Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult($"WebApp:PublicUrl '{PublicUrl}' must be an absolute http(s) address.", [nameof(PublicUrl)]);
    }
}
