using System.Globalization;
using System.Text.RegularExpressions;
using HepBot.Conversations.DialogLayer;

namespace HepBot.Conversations.Dialogs;

/// <summary>Reads a time of day the way people type it: "18:00", "7:30", "07.30", "7", "7pm", "7:30 am", in any script's digits ("１８:００", "१०:३०").</summary>
public static partial class ReminderTimeText
{
    public static bool TryParse(string? text, out TimeOnly time)
    {
        time = default;
        var match = TimePattern().Match(DecimalDigits.ToAscii(text ?? "").Trim().ToLowerInvariant());
        if (!match.Success)
            return false;
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = match.Groups["ampm"].Value;
        if (meridiem.Length > 0)
        {
            if (hour is < 1 or > 12)
                return false;
            hour = hour % 12 + (meridiem.StartsWith('p') ? 12 : 0);
        }
        if (hour > 23 || minute > 59)
            return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<h>[0-9]{1,2})(?:[:.h](?<m>[0-9]{2}))?\s*(?<ampm>a\.?m\.?|p\.?m\.?)?$")]
    private static partial Regex TimePattern();
}
