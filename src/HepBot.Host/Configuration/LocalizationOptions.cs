namespace HepBot.Host.Configuration;

/// <summary>
/// The languages patients can be set to: exactly the languages of the dialogs/ folder (filled in from
/// the loaded text catalog, so adding a language folder is all it takes).
/// </summary>
public sealed class LocalizationOptions
{
    public string[] SupportedLocales { get; set; } = [];

    public bool Supports(string locale) => SupportedLocales.Contains(locale, StringComparer.OrdinalIgnoreCase);
}
