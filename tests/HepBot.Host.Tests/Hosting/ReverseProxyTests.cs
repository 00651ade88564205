using System.Net;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HepBot.Host.Tests.Hosting;

/// <summary>
/// Behind the clinic's TLS proxy (docs/deploy.md) HepBot sees plain http from the proxy; the proxy's
/// X-Forwarded-Proto keeps the sign-in redirect on https, and only a known proxy is believed.
/// </summary>
public class ReverseProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Behind_a_proxy_on_the_same_machine_the_sign_in_redirect_stays_on_https()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new HepBotHostFactory(database) { RemoteAddress = IPAddress.Loopback };

        var location = await SignInRedirectAsync(host, forwardedProto: "https");

        Assert.Equal("https://localhost/app/sign-in", location.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task A_proxy_on_another_machine_is_believed_once_it_is_named_in_the_settings()
    {
        await using var first = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var second = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var proxy = IPAddress.Parse("192.0.2.10");
        await using var unnamed = new HepBotHostFactory(first) { RemoteAddress = proxy };
        await using var named = new HepBotHostFactory(second,
            new Dictionary<string, string?> { ["ReverseProxy:KnownProxies:0"] = "192.0.2.10" })
        { RemoteAddress = proxy };

        Assert.Equal("http", (await SignInRedirectAsync(unnamed, forwardedProto: "https")).Scheme);
        Assert.Equal("https", (await SignInRedirectAsync(named, forwardedProto: "https")).Scheme);
    }

    [Fact]
    public async Task A_client_writing_the_header_itself_does_not_turn_its_request_into_https()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new HepBotHostFactory(database) { RemoteAddress = IPAddress.Parse("203.0.113.7") };

        var location = await SignInRedirectAsync(host, forwardedProto: "https");

        Assert.Equal("http://localhost/app/sign-in", location.GetLeftPart(UriPartial.Path));
    }

    private static async Task<Uri> SignInRedirectAsync(HepBotHostFactory host, string forwardedProto)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/patients");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "198.51.100.23");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }
}
