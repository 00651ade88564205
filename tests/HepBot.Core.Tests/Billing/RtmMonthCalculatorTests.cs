using HepBot.Core.Billing;

namespace HepBot.Core.Tests.Billing;

/// <summary>The month report's arithmetic with the 2026 codes as billing/rtm-codes.yaml lists them.</summary>
public sealed class RtmMonthCalculatorTests
{
    public static readonly RtmCodeBook Codes2026 = new("CPT 2026", 30,
    [
        new DataDayCode("98975", "Set-up", 2, null, FirstPeriodOnly: true),
        new DataDayCode("98985", "Supply 2-15", 2, 15, FirstPeriodOnly: false),
        new DataDayCode("98977", "Supply 16-30", 16, 30, FirstPeriodOnly: false),
    ],
    [
        new MinuteCode("98979", "Management 10-19", 10, 19, null, RequiresRealTimeInteraction: true),
        new MinuteCode("98980", "Management first 20", 20, null, null, RequiresRealTimeInteraction: true),
        new MinuteCode("98981", "Management each further 20", 20, null, 20, RequiresRealTimeInteraction: true),
    ]);

    private static readonly DateOnly LinkedOn = new(2026, 3, 1);

    /// <summary>March as of the 30th, the last day of the first period.</summary>
    private static RtmPatientMonth March(IEnumerable<DateOnly> dataDays, params RtmMinutesEntry[] minutes) =>
        RtmMonthCalculator.Calculate(Codes2026, new RtmPatientFacts(LinkedOn, dataDays.ToHashSet(), minutes), 2026, 3, new DateOnly(2026, 3, 30));

    private static IEnumerable<DateOnly> Days(int count, DateOnly from) => Enumerable.Range(0, count).Select(from.AddDays);

    private static string[] Codes(RtmPatientMonth month) => month.Codes.Select(c => c.Units == 1 ? c.Code : $"{c.Code}x{c.Units}").ToArray();

    [Fact]
    public void The_code_book_of_2026_is_valid() => Assert.Empty(Codes2026.Validate());

    [Fact]
    public void One_data_day_supports_no_code()
    {
        var march = March(Days(1, LinkedOn));

        Assert.Equal(1, march.PeriodDataDays);
        Assert.Empty(march.Codes);
    }

    [Theory]
    [InlineData(2, new[] { "98975", "98985" })]
    [InlineData(15, new[] { "98975", "98985" })]
    [InlineData(16, new[] { "98975", "98977" })]
    [InlineData(30, new[] { "98975", "98977" })]
    public void Data_days_in_the_first_period_support_set_up_and_one_supply_code(int dataDays, string[] expected) =>
        Assert.Equal(expected, Codes(March(Days(dataDays, LinkedOn))));

    [Fact]
    public void The_period_at_the_months_end_is_the_second_one_so_set_up_is_not_supported_again()
    {
        // Linked 1 March: the first period is 1–30 March, the second starts 31 March.
        var march = RtmMonthCalculator.Calculate(Codes2026,
            new RtmPatientFacts(LinkedOn, Days(20, LinkedOn).Append(new DateOnly(2026, 3, 31)).ToHashSet(), []), 2026, 3, new DateOnly(2026, 4, 15));

        Assert.Equal(new DateOnly(2026, 3, 31), march.Period!.Value.From);
        Assert.False(march.FirstPeriod);
        Assert.Equal(1, march.PeriodDataDays);
        Assert.Equal(21, march.MonthDataDays);
        Assert.Empty(march.Codes);
    }

    [Theory]
    [InlineData(9, new string[0])]
    [InlineData(10, new[] { "98979" })]
    [InlineData(19, new[] { "98979" })]
    [InlineData(20, new[] { "98980" })]
    [InlineData(39, new[] { "98980" })]
    [InlineData(40, new[] { "98980", "98981" })]
    [InlineData(85, new[] { "98980", "98981x3" })]
    public void Minutes_in_the_month_with_a_live_interaction_support_the_management_codes(int minutes, string[] expected)
    {
        var march = March([], new RtmMinutesEntry(new DateOnly(2026, 3, 10), minutes, RealTimeInteraction: true));

        Assert.Equal(expected, Codes(march));
    }

    [Fact]
    public void Minutes_without_a_live_interaction_in_the_month_support_no_management_code()
    {
        var march = March([],
            new RtmMinutesEntry(new DateOnly(2026, 3, 10), 30, RealTimeInteraction: false),
            new RtmMinutesEntry(new DateOnly(2026, 2, 27), 5, RealTimeInteraction: true));

        Assert.Equal(30, march.MonthMinutes);
        Assert.Equal(0, march.RealTimeInteractions);
        Assert.Empty(march.Codes);
    }

    [Fact]
    public void During_the_month_the_period_is_the_one_running_today_and_not_yet_complete()
    {
        var today = new DateOnly(2026, 3, 12);
        var march = RtmMonthCalculator.Calculate(Codes2026, new RtmPatientFacts(LinkedOn, Days(5, LinkedOn).ToHashSet(), []), 2026, 3, today);

        Assert.Equal(new DateOnly(2026, 3, 1), march.Period!.Value.From);
        Assert.Equal(new DateOnly(2026, 3, 30), march.Period.Value.To);
        Assert.False(march.PeriodComplete);
    }

    [Fact]
    public void A_patient_whose_monitoring_began_after_the_month_has_no_period()
    {
        var february = RtmMonthCalculator.Calculate(Codes2026, new RtmPatientFacts(LinkedOn, Days(5, LinkedOn).ToHashSet(), []), 2026, 2,
            new DateOnly(2026, 3, 12));

        Assert.Null(february.Period);
        Assert.Empty(february.Codes);
    }

    [Fact]
    public void A_broken_book_names_each_mistake()
    {
        var broken = Codes2026 with
        {
            DataDayCodes = [new DataDayCode("98985", "x", 0, 40, false), new DataDayCode("98985", "y", 2, 1, false)],
        };

        var errors = broken.Validate().ToList();

        Assert.Contains("code 98985 is listed more than once.", errors);
        Assert.Contains(errors, e => e.StartsWith("code 98985: minDataDays 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("code 98985: maxDataDays 40", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("code 98985: maxDataDays 1", StringComparison.Ordinal));
    }
}
