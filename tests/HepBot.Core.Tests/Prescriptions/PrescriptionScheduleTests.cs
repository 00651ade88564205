using System.Globalization;
using HepBot.Core.Prescriptions;

namespace HepBot.Core.Tests.Prescriptions;

public class PrescriptionScheduleTests
{
    private static readonly PrescriptionSchedule MonWedFri =
        new(1, TrainingDays.Monday | TrainingDays.Wednesday | TrainingDays.Friday, new(2026, 11, 2), new(2026, 11, 30));

    [Theory]
    [InlineData("2026-11-02", true)]  // Monday
    [InlineData("2026-11-03", false)] // Tuesday
    [InlineData("2026-11-04", true)]  // Wednesday
    [InlineData("2026-11-01", false)] // Sunday before the start
    [InlineData("2026-11-30", true)]  // Monday, the last day
    [InlineData("2026-12-02", false)] // Wednesday after the end
    public void Sessions_are_planned_on_chosen_days_between_start_and_end(string date, bool planned) =>
        Assert.Equal(planned, MonWedFri.IsPlannedOn(DateOnly.Parse(date, CultureInfo.InvariantCulture)));

    [Fact]
    public void Invalid_schedules_name_the_field()
    {
        var errors = new PrescriptionSchedule(0, TrainingDays.None, new(2026, 11, 2), new(2026, 11, 1)).Validate();
        Assert.Equal(["SessionsPerDay", "Days", "EndDate"], errors.Select(e => e.Field));
    }
}
