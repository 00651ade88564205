namespace HepBot.Conversations;

/// <summary>Locale fallback shared by the text catalog and the prompts: es-MX → es → default.</summary>
internal static class LanguageFallback
{
    /// <summary>Lower-case tag with hyphens ("es_MX" → "es-mx").</summary>
    public static string Normalize(string tag) => tag.Trim().Replace('_', '-').ToLowerInvariant();

    /// <summary>The tags to try, most specific first, ending with <paramref name="defaultLanguage"/>.</summary>
    public static IEnumerable<string> Chain(string? locale, string defaultLanguage)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            var tag = Normalize(locale);
            while (tag.Length > 0)
            {
                yield return tag;
                var cut = tag.LastIndexOf('-');
                tag = cut < 0 ? string.Empty : tag[..cut];
            }
        }

        yield return Normalize(defaultLanguage);
    }
}
