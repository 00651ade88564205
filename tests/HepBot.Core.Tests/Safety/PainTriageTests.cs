using HepBot.Core.Safety;

namespace HepBot.Core.Tests.Safety;

public class PainTriageTests
{
    [Theory]
    [InlineData(0, PainResponse.Continue)]
    [InlineData(3, PainResponse.Continue)]
    [InlineData(4, PainResponse.Caution)]
    [InlineData(5, PainResponse.Caution)]
    [InlineData(6, PainResponse.StopExercise)]
    [InlineData(7, PainResponse.StopExercise)]
    [InlineData(8, PainResponse.EndSession)]
    [InlineData(10, PainResponse.EndSession)]
    public void Default_thresholds_follow_the_traffic_light_rule(int score, PainResponse expected) =>
        Assert.Equal(expected, PainTriage.Assess(score, new PainTriageOptions()));

    [Fact]
    public void A_clinic_can_lower_the_stop_threshold()
    {
        var strict = new PainTriageOptions { CautionFrom = 3, StopFrom = 5 };
        Assert.Equal(PainResponse.StopExercise, PainTriage.Assess(5, strict));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Scores_outside_the_scale_are_rejected(int score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PainTriage.Assess(score, new PainTriageOptions()));

    [Fact]
    public void Inconsistent_thresholds_are_reported()
    {
        var errors = new PainTriageOptions { StopFrom = 9, EndSessionFrom = 7 }.Validate().ToList();
        Assert.Contains(errors, e => e.Contains("EndSessionFrom"));
    }
}
