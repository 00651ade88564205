namespace HepBot.Host.WebApp;

/// <summary>The web app's main navigation, in order: one entry per top-level page, its text by key in web.yaml.</summary>
internal static class Navigation
{
    /// <param name="AdminOnly">Shown to clinic admins only (the page itself refuses others too).</param>
    public sealed record Item(string Href, string TextKey, bool AdminOnly = false);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("/app", "nav.today"),
        new("/app/patients", "nav.patients"),
        new("/app/reports/rtm", "rtm.nav"),
        new("/app/clinic", "nav.clinic", AdminOnly: true),
        new("/app/my-chats", "nav.myChats"),
        new("/app/account", "nav.account"),
    ];
}
