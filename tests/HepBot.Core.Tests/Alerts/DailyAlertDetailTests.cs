using System.Globalization;
using HepBot.Core.Alerts;

namespace HepBot.Core.Tests.Alerts;

/// <summary>A nightly alert's stored English detail gives back its numbers, so each therapist can read it in their own language.</summary>
public class DailyAlertDetailTests
{
    [Fact]
    public void Each_nightly_wording_gives_back_the_numbers_it_was_written_with()
    {
        Assert.Equal([("done", (object)1), ("planned", 7)], DailyAlertDetail.Read(AlertKind.LowAdherence, DailyAlertDetail.LowAdherence(1, 7))!.Values);
        Assert.Equal([("missed", (object)3)], DailyAlertDetail.Read(AlertKind.MissedDays, DailyAlertDetail.MissedDays(3))!.Values);
        Assert.Equal([("from", (object)2.0), ("to", 4.5)], DailyAlertDetail.Read(AlertKind.PainTrendingUp, DailyAlertDetail.PainTrendingUp(2, 4.5))!.Values);
        Assert.Equal([("days", (object)7)], DailyAlertDetail.Read(AlertKind.NoContact, DailyAlertDetail.NoContact(7))!.Values);
        Assert.Equal([("days", (object)7), ("maxPain", 3), ("suggested", "quad-set 3×10 → 3×12; heel-slide 2×10 → 3×10")],
            DailyAlertDetail.Read(AlertKind.ReadyToProgress,
                DailyAlertDetail.ReadyToProgress(7, 3, ["quad-set 3×10 → 3×12", "heel-slide 2×10 → 3×10"]))!.Values);
    }

    [Fact]
    public void The_stored_wording_uses_invariant_numbers_whatever_the_hosts_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("es-ES");
            var detail = DailyAlertDetail.PainTrendingUp(2.25, 4.5);

            Assert.Equal("Average pain rose from 2.3 to 4.5 out of 10 over two weeks", detail);
            Assert.Equal([("from", (object)2.3), ("to", 4.5)], DailyAlertDetail.Read(AlertKind.PainTrendingUp, detail)!.Values);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(AlertKind.RedFlag, "Red flag: sudden calf swelling")]
    [InlineData(AlertKind.HighPain, "Pain 8/10 during Heel slide")]
    [InlineData(AlertKind.LowAdherence, "7 of 1 sessions done in the last 30 days")]
    [InlineData(AlertKind.MissedDays, "No answers for 7 days")]
    [InlineData(AlertKind.NoContact, null)]
    public void Any_other_detail_is_not_read_as_a_nightly_one(AlertKind kind, string? detail) =>
        Assert.Null(DailyAlertDetail.Read(kind, detail));
}
