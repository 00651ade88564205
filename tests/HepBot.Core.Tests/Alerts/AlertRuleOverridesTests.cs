using HepBot.Core.Alerts;

namespace HepBot.Core.Tests.Alerts;

public class AlertRuleOverridesTests
{
    private static readonly AlertRuleOptions Clinic = new() { LowAdherenceBelow = 0.6, MissedDaysInARow = 4, PainRiseOf = 1.5, NoContactDays = 10 };

    [Fact]
    public void No_overrides_leave_the_clinic_defaults() =>
        Assert.Equal(Clinic, new AlertRuleOverrides().ApplyTo(Clinic));

    [Fact]
    public void Each_override_replaces_only_its_own_threshold()
    {
        var effective = new AlertRuleOverrides { MissedDaysInARow = 2, PainRiseOf = 3 }.ApplyTo(Clinic);

        Assert.Equal(Clinic with { MissedDaysInARow = 2, PainRiseOf = 3 }, effective);
        Assert.Equal(new AlertRuleOptions { LowAdherenceBelow = 0.8, NoContactDays = 3 },
            new AlertRuleOverrides { LowAdherenceBelow = 0.8, NoContactDays = 3 }.ApplyTo(new AlertRuleOptions()));
        Assert.Equal(4, Clinic.MissedDaysInARow); // the defaults are not changed
    }

    [Theory]
    [InlineData(-0.1, null, null, null, "LowAdherenceBelow")]
    [InlineData(1.01, null, null, null, "LowAdherenceBelow")]
    [InlineData(null, 0, null, null, "MissedDaysInARow")]
    [InlineData(null, 31, null, null, "MissedDaysInARow")]
    [InlineData(null, null, 0.4, null, "PainRiseOf")]
    [InlineData(null, null, 10.5, null, "PainRiseOf")]
    [InlineData(null, null, null, 0, "NoContactDays")]
    [InlineData(null, null, null, 31, "NoContactDays")]
    public void Overrides_out_of_range_are_named(double? low, int? missed, double? rise, int? noContact, string field)
    {
        var overrides = new AlertRuleOverrides { LowAdherenceBelow = low, MissedDaysInARow = missed, PainRiseOf = rise, NoContactDays = noContact };
        Assert.Equal([field], overrides.Validate().Select(v => v.Field));
    }

    [Fact]
    public void Overrides_at_the_limits_are_valid()
    {
        Assert.Empty(new AlertRuleOverrides { LowAdherenceBelow = 0, MissedDaysInARow = 1, PainRiseOf = 0.5, NoContactDays = 30 }.Validate());
        Assert.Empty(new AlertRuleOverrides { LowAdherenceBelow = 1, MissedDaysInARow = 30, PainRiseOf = 10, NoContactDays = 1 }.Validate());
    }
}
