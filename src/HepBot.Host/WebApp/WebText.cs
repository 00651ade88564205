using System.Globalization;
using HepBot.Conversations.Content;
using HepBot.Host.WebApp.Accounts;
using Microsoft.Net.Http.Headers;

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

/// <summary>An alert's detail as the therapist reads it: a nightly alert's facts in their language, any other detail as stored.</summary>
internal static class AlertDetailText
{
    public static string? Say(WebText text, HepBot.Core.Alerts.AlertKind kind, string? detail) =>
        HepBot.Core.Alerts.DailyAlertDetail.Read(kind, detail) is { } facts
            ? text.Get("alertDetail." + kind, [.. facts.Values.Select(v => (v.Name, (object?)v.Value))])
            : detail;
}
