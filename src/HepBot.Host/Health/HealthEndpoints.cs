using System.Text.Json;
using HepBot.Channels.Health;
using HepBot.Host.Configuration;
using HepBot.Host.Database;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace HepBot.Host.Health;

/// <summary>
/// /healthz/live: the process answers (no dependency is asked, so a slow database never gets the host restarted).
/// /healthz/ready: the database answers, the scheduler has started, and each enabled channel's platform answered
/// its last call; a channel that did not is "Degraded" (200: HepBot still serves the API, the web app and the
/// other channel), the database or the scheduler down is "Unhealthy" (503). /healthz: the database alone, as before.
/// </summary>
internal static class HealthEndpoints
{
    public const string Ready = "ready";
    private const string DatabaseCheck = "database";

    public static void AddHepBotHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseCheck, tags: [Ready])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [Ready]);
        var telegram = configuration.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>() ?? new TelegramOptions();
        if (telegram.Enabled)
            checks.Add(ChannelCheck(ChannelReachability.Telegram, "Telegram's Bot API"));
        // Teams is a channel of this host when it has a bot registration; without one only local tools talk to it.
        if (!string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]))
            checks.Add(ChannelCheck(ChannelReachability.Teams, "the Bot Connector (Teams)"));
    }

    private static HealthCheckRegistration ChannelCheck(string channel, string platform) => new(
        channel,
        sp => new ChannelHealthCheck(channel, platform, sp.GetRequiredService<ChannelReachability>()),
        HealthStatus.Degraded,
        [Ready, "channel"]);

    public static void MapHepBotHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Name == DatabaseCheck });
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteReport });
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Each check's status and one line why; no exception text (it could name a host or a setting).</summary>
    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }
}

/// <summary>Healthy once the Quartz scheduler runs (started, not in standby, not shut down): reminders and the nightly run depend on it.</summary>
internal sealed class SchedulerHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ISchedulerFactory>() is not { } factory)
            return HealthCheckResult.Unhealthy("No scheduler: the database is not configured.");
        var scheduler = await factory.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        if (status != SchedulerStatus.Running)
            return HealthCheckResult.Unhealthy(status == SchedulerStatus.Created
                ? "The scheduler has not started yet (it retries while the database does not answer)."
                : $"The scheduler is not running ({status}).");
        return HealthCheckResult.Healthy("The scheduler runs.");
    }
}

/// <summary>A channel is ready while its platform answered the last call; the failure it reports is the registration's (Degraded).</summary>
internal sealed class ChannelHealthCheck(string channel, string platform, ChannelReachability reachability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(reachability.Last(channel) switch
        {
            null => HealthCheckResult.Healthy($"No call to {platform} yet."),
            { Reached: true } call => HealthCheckResult.Healthy($"{platform} answered at {call.At:u} ({call.Detail})."),
            var call => new HealthCheckResult(context.Registration.FailureStatus, $"{platform} was not reached at {call.At:u} ({call.Detail})."),
        });
}
