using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HepBot.Host.Demo;

/// <summary>
/// Prints the demo's addresses, key and invitation once the server listens, so the address is the real
/// one, and after the scheduler's start-up work, so the start-up lines do not bury it.
/// </summary>
internal sealed class DemoBanner(
    HostConsole console, IServer server, IHostApplicationLifetime lifetime, TimeProvider clock, IServiceProvider services)
{
    /// <summary>A scheduler that cannot start (it retries) does not keep the banner back longer than this.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource _printed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Null until <see cref="Show"/>; then completes once the banner is written (or the host stopped first).</summary>
    public Task? Printing { get; private set; }

    public void Show(DemoAccess demo)
    {
        Printing = _printed.Task;
        lifetime.ApplicationStarted.Register(() => _ = ShowAfterStartUpAsync(demo));
    }

    private async Task ShowAfterStartUpAsync(DemoAccess demo)
    {
        try
        {
            if (services.GetService<HepBot.Scheduling.SchedulerStartupWork>() is { } scheduler)
                await scheduler.Done.WaitAsync(LongestWait, clock, lifetime.ApplicationStopping);
            await Task.Yield(); // Off the lifetime's own callback, so the framework's started lines come first.
            console.Out.Write(Format(demo, BaseAddress()));
        }
        catch (TimeoutException)
        {
            console.Out.Write(Format(demo, BaseAddress()));
        }
        catch (OperationCanceledException)
        {
            // Stopped before it started: nothing to try.
        }
        finally
        {
            _printed.TrySetResult();
        }
    }

    public static string Format(DemoAccess demo, string address)
    {
        var keyNote = demo.NewKey
            ? $"new; the same on later starts, kept in {demo.KeyFile}" + (demo.RevokedKeys > 0 ? $"; {demo.RevokedKeys} older demo key(s) revoked" : "")
            : $"the same on every start, kept in {demo.KeyFile}";
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
