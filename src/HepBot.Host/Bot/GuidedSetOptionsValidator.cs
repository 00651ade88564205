using HepBot.Core.Sessions;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Bot;

/// <summary>Names the GuidedSet:* setting that is out of line, so start-up stops with something to fix.</summary>
internal sealed class GuidedSetOptionsValidator : IValidateOptions<GuidedSetOptions>
{
    public ValidateOptionsResult Validate(string? name, GuidedSetOptions options)
    {
        var problems = options.Validate().Select(p => $"{GuidedSetOptions.SectionName}:{p}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>At start-up, asks each patient whose guided set was running when the host stopped whether they finished it.</summary>
/// Resolved late: the runner needs the database, and a host with a bad database setting must fail on that setting's check.
internal sealed class InterruptedGuidedSets(IServiceProvider services, ILogger<InterruptedGuidedSets> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var sets = services.GetRequiredService<HepBot.Conversations.Sessions.GuidedSetRunner>();
            var asked = await sets.AskInterruptedAsync(stoppingToken);
            if (asked > 0)
                logger.LogInformation("Asked {Count} patients whether they finished a set the restart interrupted", asked);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Sets interrupted by the restart could not be asked about");
        }
    }
}
