using System.Globalization;
using HepBot.Conversations.Content;
using HepBot.Conversations.Therapists;
using HepBot.Host.WebApp.Accounts;

namespace HepBot.Host.WebApp;

/// <summary>
/// The web app's sentences, from dialogs/&lt;language&gt;/web.yaml like everything else HepBot says: in the
/// signed-in therapist's language, or before sign-in the browser's preferred one that HepBot has.
/// </summary>
internal sealed class WebText(DialogTextCatalog catalog, IHttpContextAccessor http)
{
    private string? _language;

    public string Language => _language ??= Choose();

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Language);

    public string this[string key] => catalog.Get(Language, "web." + key);

    public string Get(string key, params (string Name, object? Value)[] args) => catalog.Get(Language, "web." + key, args);

    public string? AlertWhy(AlertFields alert) => AlertWording.Why(catalog, Language, alert, withTier: false);

    private string Choose()
    {
        var context = http.HttpContext;
        if (context?.User.FindFirst(TherapistClaimsFactory.LocaleClaim)?.Value is { } locale)
            return catalog.ResolveLanguage(locale);
        var preferred = context is null ? [] : context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value);
        foreach (var tag in preferred)
        {
            var language = catalog.ResolveLanguage(tag);
            if (tag is not null && tag.StartsWith(language, StringComparison.OrdinalIgnoreCase))
                return language;
        }
        return catalog.DefaultLanguage;
    }
}

/// <summary>An alert's "why" as the therapist reads it, in their language (<see cref="AlertWording"/>); the tier is the badge beside it.</summary>
internal static class AlertDetailText
{
    public static string? Say(WebText text, Workspace.AlertView alert) => text.AlertWhy(alert.Fields);

    /// <summary>A nightly rule's finding (Today's "slipping" list): its facts in the reader's language.</summary>
    public static string? Say(WebText text, HepBot.Core.Alerts.AlertKind kind, string? detail) =>
        text.AlertWhy(new AlertFields(kind, null, [], null, null, null, detail));
}
