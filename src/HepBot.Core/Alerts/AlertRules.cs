using HepBot.Core.Adherence;

namespace HepBot.Core.Alerts;

/// <summary>
/// The thresholds of the alert rules: clinic-wide defaults (section <c>AlertRules</c>), which a
/// patient's own settings may override.
/// </summary>
public sealed record AlertRuleOptions
{
    /// <summary>Sessions done ÷ planned over the last 7 days below this raises a low-adherence alert.</summary>
    public double LowAdherenceBelow { get; init; } = 0.5;

    /// <summary>Fewer planned sessions than this in the window is too little to judge adherence on.</summary>
    public int MinimumPlannedSessions { get; init; } = 3;

    /// <summary>This many planned days in a row without a done session raises a missed-days alert.</summary>
    public int MissedDaysInARow { get; init; } = 3;

    /// <summary>Average pain rising by at least this many points from one week to the next raises an alert.</summary>
    public double PainRiseOf { get; init; } = 2.0;

    /// <summary>No data at all for this many days once linked raises a no-contact alert.</summary>
    public int NoContactDays { get; init; } = 7;

    /// <summary>This many planned days in a row done with low pain makes a patient "ready to progress" (0: never suggest).</summary>
    public int ReadyToProgressAfterDays { get; init; } = 7;

    /// <summary>The highest pain (0–10) on those days that still counts as ready.</summary>
    public int ReadyToProgressMaxPain { get; init; } = 3;
}

/// <summary>A rule that holds for a patient today, with the facts behind it for the therapist (worded by <see cref="DailyAlertDetail"/>).</summary>
public sealed record AlertFinding(AlertKind Kind, AlertSeverity Severity, string Detail);

/// <summary>
/// The daily alert rules over a patient's history. Pure: it says which conditions hold today; the caller
/// opens an alert for a new one and clears open alerts whose condition no longer holds.
/// Pain and red flags are raised at once by the conversation, not here.
/// </summary>
public static class AlertRules
{
    public static readonly AlertKind[] DailyKinds =
        [AlertKind.LowAdherence, AlertKind.MissedDays, AlertKind.PainTrendingUp, AlertKind.NoContact];

    /// <param name="today">The patient's local date; today itself is not over, so it never counts as missed.</param>
    /// <param name="linkedOn">The local date the patient linked a chat; null when not linked yet.</param>
    public static IReadOnlyList<AlertFinding> Evaluate(AdherenceHistory history, DateOnly today, DateOnly? linkedOn, AlertRuleOptions options)
    {
        var findings = new List<AlertFinding>();
        var yesterday = today.AddDays(-1);

        var week = AdherenceCalculator.Calculate(history, DateSpan.Last(7, yesterday), yesterday);
        if (week.SessionsPlanned >= options.MinimumPlannedSessions && week.SessionAdherence < options.LowAdherenceBelow)
            findings.Add(new(AlertKind.LowAdherence, AlertSeverity.Warning, DailyAlertDetail.LowAdherence(week.SessionsDone, week.SessionsPlanned)));

        var missed = MissedPlannedDaysInARow(history, yesterday);
        if (missed >= options.MissedDaysInARow)
            findings.Add(new(AlertKind.MissedDays, AlertSeverity.Warning, DailyAlertDetail.MissedDays(missed)));

        var fortnight = AdherenceCalculator.Calculate(history, DateSpan.Last(14, today), today);
        if (fortnight is { BaselinePain: { } baseline, RecentPain: { } recent } && recent - baseline >= options.PainRiseOf)
            findings.Add(new(AlertKind.PainTrendingUp, AlertSeverity.Warning, DailyAlertDetail.PainTrendingUp(baseline, recent)));

        if (linkedOn is { } linked && today.DayNumber - linked.DayNumber >= options.NoContactDays)
        {
            var quiet = DateSpan.Last(options.NoContactDays, today);
            if (AdherenceCalculator.Calculate(history, quiet, today).DataDays == 0)
                findings.Add(new(AlertKind.NoContact, AlertSeverity.Warning, DailyAlertDetail.NoContact(options.NoContactDays)));
        }
        return findings;
    }

    /// <summary>Planned days in a row, counting back from <paramref name="lastDay"/>, on which no session was done.</summary>
    public static int MissedPlannedDaysInARow(AdherenceHistory history, DateOnly lastDay)
    {
        var doneDays = history.Sessions.Where(s => s.CountsAsDone).Select(s => s.Date).ToHashSet();
        var start = history.Programs.Count == 0 ? lastDay : history.Programs.Min(p => p.From);
        var missed = 0;
        // Counted by day number, so a program stored as starting on the first representable day cannot step past it.
        for (var dayNumber = lastDay.DayNumber; dayNumber >= start.DayNumber; dayNumber--)
        {
            var day = DateOnly.FromDayNumber(dayNumber);
            if (AdherenceCalculator.ProgramOn(history, day) is null)
                continue;
            if (doneDays.Contains(day))
                break;
            missed++;
        }
        return missed;
    }
}
