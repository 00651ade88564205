using System.Globalization;
using HepBot.Core.Time;

namespace HepBot.Core.Tests.Time;

public class PatientClockTests
{
    [Theory]
    // 23:30 UTC on 30 November is already 1 December in Madrid (UTC+1) but still 30 November in New York.
    [InlineData("2026-11-30T23:30:00Z", "Europe/Madrid", "2026-12-01")]
    [InlineData("2026-11-30T23:30:00Z", "America/New_York", "2026-11-30")]
    [InlineData("2026-11-30T11:00:00Z", "Pacific/Kiritimati", "2026-12-01")]
    public void Today_is_the_patients_local_date(string utc, string zone, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), PatientClock.LocalDate(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), zone));

    [Fact]
    public void Local_time_follows_daylight_saving_in_the_zone()
    {
        // Madrid leaves summer time on 25 October 2026: 17:00 UTC is 19:00 the day before and 18:00 the day after.
        Assert.Equal(19, PatientClock.LocalNow(DateTimeOffset.Parse("2026-10-24T17:00:00Z", CultureInfo.InvariantCulture), "Europe/Madrid").Hour);
        Assert.Equal(18, PatientClock.LocalNow(DateTimeOffset.Parse("2026-10-26T17:00:00Z", CultureInfo.InvariantCulture), "Europe/Madrid").Hour);
    }

    [Theory]
    [InlineData("Europe/Madrid", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Unknown_zones_are_recognised(string? zone, bool known) =>
        Assert.Equal(known, PatientClock.IsKnownZone(zone));
}
