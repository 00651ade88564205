using System.Globalization;
using System.Text.RegularExpressions;

namespace HepBot.Core.Alerts;

/// <summary>The numbers behind a nightly alert, by name, for a text in any language (named placeholders).</summary>
public sealed record AlertFacts(AlertKind Kind, IReadOnlyList<(string Name, object Value)> Values);

/// <summary>
/// The detail of a nightly alert (the daily rules and "ready to progress"). It is stored and returned by the API
/// in one fixed English wording, written here with invariant numbers; <see cref="Read"/> takes the numbers back
/// out of it, so the app and the chats can say the same facts in the therapist's language — also for alerts
/// stored before. Any other detail (a safety alert's, say) reads as null and is shown as stored.
/// </summary>
public static partial class DailyAlertDetail
{
    public static string LowAdherence(int done, int planned) => Invariant($"{done} of {planned} sessions done in the last 7 days");

    public static string MissedDays(int missed) => Invariant($"{missed} planned days in a row missed");

    public static string PainTrendingUp(double from, double to) =>
        Invariant($"Average pain rose from {from:0.#} to {to:0.#} out of 10 over two weeks");

    public static string NoContact(int days) => Invariant($"No answers for {days} days");

    public static string ReadyToProgress(int days, int maxPain, IEnumerable<string> suggestions) =>
        Invariant($"{days} planned days done with pain at most {maxPain}/10. Suggested: ") + string.Join("; ", suggestions);

    /// <summary>The facts of a nightly alert's detail, or null when the detail is not one of the wordings above.</summary>
    public static AlertFacts? Read(AlertKind kind, string? detail)
    {
        if (detail is null)
            return null;
        var match = kind switch
        {
            AlertKind.LowAdherence => LowAdherencePattern().Match(detail),
            AlertKind.MissedDays => MissedDaysPattern().Match(detail),
            AlertKind.PainTrendingUp => PainTrendingUpPattern().Match(detail),
            AlertKind.NoContact => NoContactPattern().Match(detail),
            AlertKind.ReadyToProgress => ReadyToProgressPattern().Match(detail),
            _ => Match.Empty,
        };
        if (!match.Success)
            return null;
        return new AlertFacts(kind, [.. match.Groups.Values.Skip(1).Select(g => (g.Name, Value(g.Name, g.Value)))]);
    }

    private static object Value(string name, string text) => name switch
    {
        "suggested" => text,
        "from" or "to" => double.Parse(text, CultureInfo.InvariantCulture),
        _ => int.Parse(text, CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<done>\d+) of (?<planned>\d+) sessions done in the last 7 days$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LowAdherencePattern();

    [GeneratedRegex(@"^(?<missed>\d+) planned days in a row missed$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex MissedDaysPattern();

    [GeneratedRegex(@"^Average pain rose from (?<from>\d+(\.\d)?) to (?<to>\d+(\.\d)?) out of 10 over two weeks$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PainTrendingUpPattern();

    [GeneratedRegex(@"^No answers for (?<days>\d+) days$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NoContactPattern();

    [GeneratedRegex(@"^(?<days>\d+) planned days done with pain at most (?<maxPain>\d+)/10\. Suggested: (?<suggested>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Singleline)]
    private static partial Regex ReadyToProgressPattern();
}
