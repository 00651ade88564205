using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HepBot.Host.Configuration;

/// <summary>
/// ReverseProxy:* — whose X-Forwarded-For and X-Forwarded-Proto HepBot believes. A proxy on this machine
/// (loopback) always is; a proxy or load balancer on another machine must be named here. Anyone else's
/// headers are ignored, so a client cannot pose as https or as another address.
/// </summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string SectionName = "ReverseProxy";

    /// <summary>IP addresses of the TLS-terminating proxies in front of HepBot besides loopback.</summary>
    public string[] KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
                yield return new ValidationResult($"ReverseProxy:KnownProxies '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }
    }

    /// <summary>The client's address and scheme from the proxy's headers; the loopback proxies stay known.</summary>
    internal static void AddForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReverseProxyOptions>().Bind(configuration.GetSection(SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ReverseProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                    forwarded.KnownProxies.Add(address);
            }
        });
    }
}
