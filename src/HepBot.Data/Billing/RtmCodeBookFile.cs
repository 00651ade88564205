using HepBot.Core.Billing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HepBot.Data.Billing;

/// <summary>A code book file that cannot be used, with every mistake found in it.</summary>
public sealed class RtmCodeBookException(string source, IReadOnlyList<string> errors)
    : Exception($"The remote-monitoring code book '{source}' has {errors.Count} problem(s):{Environment.NewLine}  "
        + string.Join(Environment.NewLine + "  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>Reads <c>billing/rtm-codes.yaml</c>, the clinic-editable list of RTM codes and thresholds.</summary>
public static class RtmCodeBookFile
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static RtmCodeBook Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader, path);
    }

    public static RtmCodeBook Parse(TextReader reader, string source)
    {
        BookYaml? yaml;
        try
        {
            yaml = Deserializer.Deserialize<BookYaml?>(reader);
        }
        catch (YamlException e)
        {
            throw new RtmCodeBookException(source, [$"line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}"]);
        }
        if (yaml is null)
            throw new RtmCodeBookException(source, ["The file is empty."]);

        var errors = new List<string>();
        if (yaml.PeriodDays is null)
            errors.Add("periodDays: missing.");
        var dataDay = (yaml.DataDayCodes ?? []).Select((c, i) =>
        {
            if (c.MinDataDays is null)
                errors.Add($"dataDayCodes entry {i + 1} ({c.Code}): minDataDays is missing.");
            return new DataDayCode(c.Code?.Trim() ?? "", c.Description?.Trim() ?? "", c.MinDataDays ?? 0, c.MaxDataDays, c.FirstPeriodOnly);
        }).ToList();
        var minutes = (yaml.MinuteCodes ?? []).Select((c, i) =>
        {
            if (c.FromMinutes is null)
                errors.Add($"minuteCodes entry {i + 1} ({c.Code}): fromMinutes is missing.");
            return new MinuteCode(c.Code?.Trim() ?? "", c.Description?.Trim() ?? "", c.FromMinutes ?? 0, c.ToMinutes, c.EachFurther,
                c.RequiresRealTimeInteraction);
        }).ToList();
        var book = new RtmCodeBook(yaml.Rules?.Trim() ?? "", yaml.PeriodDays ?? 0, dataDay, minutes);
        errors.AddRange(book.Validate());
        if (errors.Count > 0)
            throw new RtmCodeBookException(source, errors);
        return book;
    }

    private sealed class BookYaml
    {
        public string? Rules { get; set; }
        public int? PeriodDays { get; set; }
        public List<DataDayYaml>? DataDayCodes { get; set; }
        public List<MinuteYaml>? MinuteCodes { get; set; }
    }

    private sealed class DataDayYaml
    {
        public string? Code { get; set; }
        public string? Description { get; set; }
        public int? MinDataDays { get; set; }
        public int? MaxDataDays { get; set; }
        public bool FirstPeriodOnly { get; set; }
    }

    private sealed class MinuteYaml
    {
        public string? Code { get; set; }
        public string? Description { get; set; }
        public int? FromMinutes { get; set; }
        public int? ToMinutes { get; set; }
        public int? EachFurther { get; set; }
        public bool RequiresRealTimeInteraction { get; set; }
    }
}
