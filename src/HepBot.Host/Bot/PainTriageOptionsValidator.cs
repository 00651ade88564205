using HepBot.Core.Safety;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Bot;

/// <summary>Names the PainTriage:* setting that is out of line, so start-up stops with something to fix.</summary>
internal sealed class PainTriageOptionsValidator : IValidateOptions<PainTriageOptions>
{
    public const string SectionName = "PainTriage";

    public ValidateOptionsResult Validate(string? name, PainTriageOptions options)
    {
        var problems = options.Validate().Select(p => $"{SectionName}:{p}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
