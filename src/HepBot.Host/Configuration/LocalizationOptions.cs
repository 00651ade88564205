using System.ComponentModel.DataAnnotations;

namespace HepBot.Host.Configuration;

/// <summary>Localization:* — the languages patients can be set to; each needs its dialogs/ texts.</summary>
public sealed class LocalizationOptions
{
    public const string SectionName = "Localization";

    [MinLength(1, ErrorMessage = "Localization:SupportedLocales must list at least one language (e.g. \"en\").")]
    public string[] SupportedLocales { get; set; } = [];

    public bool Supports(string locale) => SupportedLocales.Contains(locale, StringComparer.OrdinalIgnoreCase);
}
