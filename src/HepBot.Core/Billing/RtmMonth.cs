using HepBot.Core.Adherence;

namespace HepBot.Core.Billing;

/// <summary>
/// What is known about one patient for the month report: when monitoring began (the patient-local day their
/// chat was first linked), their data days and the minutes logged for them. Pure data.
/// </summary>
/// <param name="DataDays">Patient-local dates with at least one data point from the patient (see README, "data day").</param>
public sealed record RtmPatientFacts(DateOnly? MonitoringStart, IReadOnlySet<DateOnly> DataDays, IReadOnlyList<RtmMinutesEntry> Minutes);

public sealed record RtmMinutesEntry(DateOnly Date, int Minutes, bool RealTimeInteraction);

/// <summary>One supported code and how many units the data supports.</summary>
public sealed record RtmCodeSupport(string Code, string Description, int Units);

/// <summary>
/// One patient's month: data days in the calendar month and in the monitoring period current at the month's end
/// (or today, during the month; its data days counted up to today, also those after the month), the month's
/// minutes, and the codes those counts support.
/// </summary>
/// <param name="Period">Null when monitoring had not begun by then.</param>
/// <param name="PeriodComplete">False while the period is still running: more data days may come.</param>
/// <param name="FirstPeriod">The first monitoring period, the only one set-up is billed in.</param>
public sealed record RtmPatientMonth(
    DateSpan Month,
    DateSpan? Period,
    bool PeriodComplete,
    bool FirstPeriod,
    int PeriodDataDays,
    int MonthDataDays,
    int MonthMinutes,
    int RealTimeInteractions,
    IReadOnlyList<RtmCodeSupport> Codes);

/// <summary>The month report's arithmetic: which codes one patient's data days and logged minutes support.</summary>
public static class RtmMonthCalculator
{
    public static RtmPatientMonth Calculate(RtmCodeBook book, RtmPatientFacts facts, int year, int month, DateOnly patientToday)
    {
        var calendarMonth = DateSpan.CalendarMonth(year, month);
        var asOf = calendarMonth.To < patientToday ? calendarMonth.To : patientToday;

        DateSpan? period = null;
        var first = false;
        if (facts.MonitoringStart is { } start && start <= asOf)
        {
            var elapsed = asOf.DayNumber - start.DayNumber;
            var from = start.AddDays(elapsed / book.PeriodDays * book.PeriodDays);
            period = new DateSpan(from, from.AddDays(book.PeriodDays - 1));
            first = from == start;
        }

        // The whole period counts, also its days after the month's end: the period, not the month, is what those codes bill.
        var periodDataDays = period is { } p ? facts.DataDays.Count(d => p.Contains(d) && d <= patientToday) : 0;
        var monthDataDays = facts.DataDays.Count(d => calendarMonth.Contains(d) && d <= asOf);
        var minutes = facts.Minutes.Where(m => calendarMonth.Contains(m.Date)).ToList();
        var monthMinutes = minutes.Sum(m => m.Minutes);
        var realTime = minutes.Count(m => m.RealTimeInteraction);

        var codes = new List<RtmCodeSupport>();
        if (period is not null)
        {
            foreach (var code in book.DataDayCodes)
            {
                if (code.IsMetBy(periodDataDays) && (!code.FirstPeriodOnly || first))
                    codes.Add(new RtmCodeSupport(code.Code, code.Description, 1));
            }
        }
        foreach (var code in book.MinuteCodes)
        {
            var units = code.UnitsFor(monthMinutes, realTime > 0);
            if (units > 0)
                codes.Add(new RtmCodeSupport(code.Code, code.Description, units));
        }
        return new RtmPatientMonth(calendarMonth, period, period is { } q && q.To < patientToday, first,
            periodDataDays, monthDataDays, monthMinutes, realTime, codes);
    }
}
