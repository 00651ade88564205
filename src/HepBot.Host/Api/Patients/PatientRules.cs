using System.Globalization;
using HepBot.Host.Configuration;

namespace HepBot.Host.Api.Patients;

/// <summary>Local reminder times as "HH:mm".</summary>
internal static class ReminderTimeRules
{
    public const string Pattern = "HH:mm";
    public const int Max = 6;

    public static string Format(TimeOnly time) => time.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Parsed, unique and ascending; null (with errors added) when invalid.</summary>
    public static List<TimeOnly>? Parse(IReadOnlyList<string> values, FieldErrors errors, string field)
    {
        if (values.Count is < 1 or > Max)
        {
            errors.Add(field, $"Give between 1 and {Max} reminder times.");
            return null;
        }
        var times = new List<TimeOnly>();
        for (var i = 0; i < values.Count; i++)
        {
            if (TimeOnly.TryParseExact(values[i], Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                times.Add(time);
            else
                errors.Add($"{field}[{i}]", "Use 24-hour \"HH:mm\", e.g. \"18:00\".");
        }
        if (times.Count != times.Distinct().Count())
            errors.Add(field, "Reminder times must be different from each other.");
        return times.Count == values.Count ? times.Distinct().Order().ToList() : null;
    }
}

/// <summary>The checks a patient's settings must pass, shared by create and update.</summary>
internal static class PatientRules
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>IANA ids only ("Europe/Madrid"); Windows names would store a zone other services cannot read back.</summary>
    public static bool IsIanaTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) && TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _);

    public static void CheckTimeZone(FieldErrors errors, string? timeZone)
    {
        if (timeZone is not null && !IsIanaTimeZone(timeZone))
            errors.Add("timeZone", $"'{timeZone}' is not an IANA time zone such as \"Europe/Madrid\".");
    }

    public static void CheckLocale(FieldErrors errors, string? locale, LocalizationOptions localization)
    {
        if (locale is not null && !localization.Supports(locale))
            errors.Add("locale", $"Supported languages: {string.Join(", ", localization.SupportedLocales)}.");
    }
}
