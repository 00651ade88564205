using HepBot.Core.Safety;
using static HepBot.Core.Safety.SymptomFinding;

namespace HepBot.Core.Tests.Safety;

public class UrgencyRuleTests
{
    private static UrgencyTier Tier(int? pain, params SymptomFinding[] findings) =>
        UrgencyRule.TierOf(findings, pain, new PainTriageOptions());

    [Theory]
    [InlineData(ChestPain)]
    [InlineData(PainSpreadingToJawOrArm)]
    [InlineData(SevereBreathlessness)]
    [InlineData(Fainting)]
    [InlineData(StrokeSigns)]
    public void Heart_lung_and_stroke_signs_are_an_emergency_alone(SymptomFinding finding) =>
        Assert.Equal(UrgencyTier.Emergency, Tier(null, finding));

    [Theory]
    [InlineData(CalfSwelling, Breathlessness)]
    [InlineData(CalfSwelling, ChestPain)]
    [InlineData(Palpitations, Dizziness)]
    [InlineData(Palpitations, Fainting)]
    [InlineData(ColdSweat, Nausea)]
    [InlineData(ColdSweat, Dizziness)]
    [InlineData(ColdSweat, Breathlessness)]
    public void Two_signs_together_can_be_an_emergency(SymptomFinding one, SymptomFinding other) =>
        Assert.Equal(UrgencyTier.Emergency, Tier(null, one, other));

    [Theory]
    [InlineData(CalfSwelling)]
    [InlineData(WoundProblem)]
    [InlineData(Fever)]
    [InlineData(NewNumbness)]
    [InlineData(Dizziness)]
    [InlineData(Palpitations)]
    [InlineData(ColdSweat)]
    [InlineData(Breathlessness)]
    public void Same_day_signs(SymptomFinding finding) => Assert.Equal(UrgencyTier.SameDay, Tier(null, finding));

    [Theory]
    [InlineData(Fall)]
    [InlineData(JointGivingWay)]
    [InlineData(Nausea)]
    public void Therapist_review_signs(SymptomFinding finding) => Assert.Equal(UrgencyTier.TherapistReview, Tier(null, finding));

    [Theory]
    [InlineData(5, UrgencyTier.None)]
    [InlineData(6, UrgencyTier.TherapistReview)]
    [InlineData(7, UrgencyTier.TherapistReview)]
    [InlineData(9, UrgencyTier.TherapistReview)]
    public void Pain_from_the_stop_threshold_is_for_the_therapist(int pain, UrgencyTier tier) => Assert.Equal(tier, Tier(pain));

    [Fact]
    public void The_worst_finding_decides() => Assert.Equal(UrgencyTier.Emergency, Tier(9, Fall, CalfSwelling, ChestPain));

    [Fact]
    public void Nothing_reported_is_no_tier() => Assert.Equal(UrgencyTier.None, Tier(null));
}
