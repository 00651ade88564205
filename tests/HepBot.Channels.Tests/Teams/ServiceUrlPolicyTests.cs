using HepBot.Channels.Teams;

namespace HepBot.Channels.Tests.Teams;

/// <summary>Where replies may go: Teams' connectors, configured addresses, and loopback only for local traffic.</summary>
public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://SMBA.trafficmanager.net/teams/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams")]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams")]
    [InlineData("https://directline.example.org/bots/hepbot/reply")]
    public void Teams_connectors_and_configured_addresses_are_allowed(string url) =>
        Assert.True(Policy(allowLoopback: false).Allows(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/v3/conversations")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net:8443/emea/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/emea/")]
    [InlineData("https://user:pw@smba.trafficmanager.net/emea/")]
    [InlineData("https://directline.example.org/other/")]
    [InlineData("http://127.0.0.1:5000/internal/admin/")]
    [InlineData("http://localhost:3978/")]
    [InlineData("file:///etc/passwd")]
    public void Anything_else_is_refused_when_only_authenticated_traffic_is_accepted(string? url) =>
        Assert.False(Policy(allowLoopback: false).Allows(url));

    [Theory]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("http://[::1]:3978/", true)]
    [InlineData("http://10.0.0.5:3978/", false)]
    [InlineData("http://collector.example/", false)]
    public void Local_traffic_may_be_answered_on_loopback_only(string url, bool allowed) =>
        Assert.Equal(allowed, Policy(allowLoopback: true).Allows(url));

    private static ServiceUrlPolicy Policy(bool allowLoopback) => new(["https://directline.example.org/bots/hepbot/"], allowLoopback);
}
