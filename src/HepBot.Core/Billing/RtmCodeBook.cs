namespace HepBot.Core.Billing;

/// <summary>
/// A code supported by data days: counted in the patient's current monitoring period (consecutive periods
/// of <see cref="RtmCodeBook.PeriodDays"/> days from the day monitoring began).
/// </summary>
/// <param name="FirstPeriodOnly">Set-up is billed once per episode of care: only in the first period.</param>
public sealed record DataDayCode(string Code, string Description, int MinDataDays, int? MaxDataDays, bool FirstPeriodOnly)
{
    public bool IsMetBy(int dataDays) => dataDays >= MinDataDays && (MaxDataDays is null || dataDays <= MaxDataDays);
}

/// <summary>
/// A code supported by clinician minutes logged in a calendar month. Either a range (one unit when the month's
/// minutes are from <see cref="FromMinutes"/> to <see cref="ToMinutes"/>), or, with <see cref="EachFurther"/>,
/// one unit for each full block of that many minutes beyond <see cref="FromMinutes"/>.
/// </summary>
public sealed record MinuteCode(string Code, string Description, int FromMinutes, int? ToMinutes, int? EachFurther,
    bool RequiresRealTimeInteraction)
{
    public int UnitsFor(int minutes, bool hadRealTimeInteraction)
    {
        if (RequiresRealTimeInteraction && !hadRealTimeInteraction)
            return 0;
        if (EachFurther is { } block)
            return minutes > FromMinutes ? (minutes - FromMinutes) / block : 0;
        return minutes >= FromMinutes && (ToMinutes is null || minutes <= ToMinutes) ? 1 : 0;
    }
}

/// <summary>
/// The remote therapeutic monitoring codes a clinic bills and their thresholds, read from the clinic-editable
/// file (<c>billing/rtm-codes.yaml</c>) so a change in the rules is a change of content, not of code.
/// </summary>
public sealed record RtmCodeBook(string Rules, int PeriodDays, IReadOnlyList<DataDayCode> DataDayCodes, IReadOnlyList<MinuteCode> MinuteCodes)
{
    public IEnumerable<string> AllCodes => DataDayCodes.Select(c => c.Code).Concat(MinuteCodes.Select(c => c.Code));

    /// <summary>Every mistake in the book, each naming the code it is about; empty when the book can be used.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Rules))
            yield return "rules: name the rules this book follows (\"CPT 2026\").";
        if (PeriodDays is < 1 or > 31)
            yield return $"periodDays: {PeriodDays} is not between 1 and 31.";
        if (DataDayCodes.Count + MinuteCodes.Count == 0)
            yield return "the book has no codes.";
        foreach (var duplicate in AllCodes.GroupBy(c => c).Where(g => g.Count() > 1))
            yield return $"code {duplicate.Key} is listed more than once.";
        foreach (var c in DataDayCodes)
        {
            if (string.IsNullOrWhiteSpace(c.Code))
                yield return "a data-day code has no code.";
            if (c.MinDataDays < 1 || c.MinDataDays > PeriodDays)
                yield return $"code {c.Code}: minDataDays {c.MinDataDays} is not between 1 and periodDays ({PeriodDays}).";
            if (c.MaxDataDays is { } max && (max < c.MinDataDays || max > PeriodDays))
                yield return $"code {c.Code}: maxDataDays {max} is not between minDataDays ({c.MinDataDays}) and periodDays ({PeriodDays}).";
        }
        foreach (var c in MinuteCodes)
        {
            if (string.IsNullOrWhiteSpace(c.Code))
                yield return "a minute code has no code.";
            if (c.FromMinutes is < 1 or > 1440)
                yield return $"code {c.Code}: fromMinutes {c.FromMinutes} is not between 1 and 1440.";
            if (c.ToMinutes is { } to && to < c.FromMinutes)
                yield return $"code {c.Code}: toMinutes {to} is below fromMinutes ({c.FromMinutes}).";
            if (c.EachFurther is { } block && block < 1)
                yield return $"code {c.Code}: eachFurther {block} must be at least 1.";
            if (c.EachFurther is not null && c.ToMinutes is not null)
                yield return $"code {c.Code}: give either toMinutes (a range) or eachFurther (blocks), not both.";
        }
    }
}
