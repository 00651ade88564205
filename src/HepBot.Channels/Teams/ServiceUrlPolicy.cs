using System.Net;

namespace HepBot.Channels.Teams;

/// <summary>
/// Where Bot Connector calls (replies and proactive messages) may go. An activity's serviceUrl is where
/// the reply is posted, with the patient's text in it, so it must be Teams' own connector, a configured
/// address, or — only while unauthenticated local traffic is accepted (Emulator, Agents Playground) —
/// a loopback address.
/// </summary>
public sealed class ServiceUrlPolicy(IEnumerable<string> configured, bool allowLoopback)
{
    /// <summary>Teams' documented Bot Connector hosts: the public cloud, GCC, GCC High and DoD.</summary>
    public static readonly IReadOnlyList<string> TeamsHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    private readonly List<Uri> _configured = [.. configured.Select(u => new Uri(u, UriKind.Absolute))];

    public bool AllowsLoopback => allowLoopback;

    public bool Allows(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
            return false;
        if (uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && TeamsHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
            return true;
        if (_configured.Any(allowed => IsUnder(uri, allowed)))
            return true;
        return allowLoopback && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && IsLoopback(uri);
    }

    private static bool IsUnder(Uri uri, Uri allowed) =>
        uri.Scheme == allowed.Scheme
        && string.Equals(uri.IdnHost, allowed.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == allowed.Port
        && uri.AbsolutePath.StartsWith(allowed.AbsolutePath, StringComparison.Ordinal);

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
