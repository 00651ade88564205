using System.ComponentModel.DataAnnotations;
using HepBot.Core.Billing;
using HepBot.Data.Billing;
using HepBot.Host.Configuration;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Billing;

/// <summary>RtmReport:* — the remote-monitoring month report.</summary>
public sealed class RtmReportOptions
{
    public const string SectionName = "RtmReport";

    /// <summary>The clinic-editable code book; relative paths are under the repository root (or the content root of an install).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "RtmReport:CodesPath must name the remote-monitoring code book file.")]
    public string CodesPath { get; set; } = "billing/rtm-codes.yaml";

    /// <summary>The minutes one click logs for a reply sent from the web app (the therapist can log more by hand).</summary>
    [Range(1, 60, ErrorMessage = "RtmReport:ReplyMinutes must be between 1 and 60.")]
    public int ReplyMinutes { get; set; } = 5;
}

/// <summary>
/// The code book named by <c>RtmReport:CodesPath</c>, read once. Start-up validation reads it first, so a missing
/// or broken file stops the host with every problem listed instead of a report that quietly counts wrong.
/// </summary>
internal sealed class RtmCodes(IOptions<RtmReportOptions> options, IHostEnvironment environment)
{
    private readonly Lazy<RtmCodeBook> _book = new(() => Read(options.Value, environment.ContentRootPath));

    public RtmCodeBook Book => _book.Value;

    public static RtmCodeBook Read(RtmReportOptions options, string contentRoot)
    {
        var path = RepositoryRoot.Resolve(options.CodesPath, contentRoot);
        if (!File.Exists(path))
            throw new RtmCodeBookException(path, [$"the file does not exist. Set {RtmReportOptions.SectionName}:CodesPath to the code book."]);
        return RtmCodeBookFile.Load(path);
    }
}

internal sealed class RtmReportOptionsValidator(IHostEnvironment environment) : IValidateOptions<RtmReportOptions>
{
    public ValidateOptionsResult Validate(string? name, RtmReportOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CodesPath))
            return ValidateOptionsResult.Skip;
        try
        {
            RtmCodes.Read(options, environment.ContentRootPath);
            return ValidateOptionsResult.Success;
        }
        catch (RtmCodeBookException e)
        {
            return ValidateOptionsResult.Fail($"{RtmReportOptions.SectionName}:CodesPath: {e.Message}");
        }
    }
}
