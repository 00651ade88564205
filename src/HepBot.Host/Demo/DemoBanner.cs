using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HepBot.Host.Demo;

/// <summary>Prints the demo's addresses, key and invitation once the server listens, so the address is the real one.</summary>
internal sealed class DemoBanner(HostConsole console, IServer server, IHostApplicationLifetime lifetime)
{
    public void Show(DemoAccess demo) =>
        lifetime.ApplicationStarted.Register(() => console.Out.Write(Format(demo, BaseAddress())));

    public static string Format(DemoAccess demo, string address)
    {
        var keyNote = demo.RevokedKeys > 0
            ? $"new on every start; {demo.RevokedKeys} older demo key(s) revoked"
            : "new on every start; older demo keys are revoked";
        var program = demo.ProgramVersion is { } version
            ? $"knee program, version {version}"
            : $"none yet: the exercise library lacks {string.Join(", ", demo.MissingSlugs)}";
        var password = demo.WebPassword ?? "as printed on the first run (new link: therapist set-password-link --email " + DemoSeeder.TherapistEmail + ")";
        var link = demo.Invitation.DeepLink is { } deepLink ? $"{Environment.NewLine}  Telegram link: {deepLink}" : "";
        return $"""

            ================================ HepBot demo ================================
              Web app:       {address}/app
                             sign in as {DemoSeeder.TherapistEmail}
                             password {password}
              API:           {address}/api/v1
              API reference: {address}/scalar
              OpenAPI:       {address}/openapi/v1.json
              Health:        {address}/healthz/ready
              Demo key:      {demo.ApiKey}
                             ({DemoSeeder.TherapistEmail}; {keyNote})
              Patient:       {demo.PatientId} ({program})
              Invitation:    {demo.Invitation.Code} (expires {demo.Invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC){link}
              Try:           curl -H "Authorization: Bearer {demo.ApiKey}" {address}/api/v1/patients
            =============================================================================

            """;
    }

    private string BaseAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        foreach (var wildcard in new[] { "://[::]", "://0.0.0.0", "://+", "://*" })
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return address.TrimEnd('/');
    }
}
