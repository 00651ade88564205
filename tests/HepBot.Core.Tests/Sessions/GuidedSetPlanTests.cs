using HepBot.Core.Exercises;
using HepBot.Core.Sessions;

namespace HepBot.Core.Tests.Sessions;

public class GuidedSetPlanTests
{
    private static readonly GuidedSetOptions Defaults = new();

    [Fact]
    public void Two_rounds_of_three_five_second_holds_get_ready_hold_relax_and_rest_in_order()
    {
        var plan = GuidedSetPlan.For(new ExerciseDose(2, 3, 5, 30, Side.Affected), Defaults);

        Assert.Equal(
        [
            "GetReady 5", "Hold 5", "Relax 3", "Hold 5", "Relax 3", "Hold 5", "Rest 30",
            "Hold 5", "Relax 3", "Hold 5", "Relax 3", "Hold 5",
        ], plan.Steps.Select(s => $"{s.Kind} {s.Duration.TotalSeconds}"));
        Assert.Equal(TimeSpan.FromSeconds(5 + 2 * (3 * 5 + 2 * 3) + 30), plan.Length);
        Assert.Equal(2, plan.TotalRounds);
    }

    [Fact]
    public void Repetitions_without_a_hold_get_the_seconds_per_repetition_and_each_side_changes_sides_once()
    {
        var plan = GuidedSetPlan.For(new ExerciseDose(2, 10, null, 20, Side.Each), Defaults);

        Assert.Equal(["GetReady 5", "Repetitions 40", "Rest 20", "Repetitions 40", "ChangeSides 10", "Repetitions 40", "Rest 20", "Repetitions 40"],
            plan.Steps.Select(s => $"{s.Kind} {s.Duration.TotalSeconds}"));
        Assert.Equal(4, plan.TotalRounds);
        Assert.All(plan.Steps.Skip(4), s => Assert.True(s.SecondSide));
    }

    [Fact]
    public void Steps_follow_each_other_without_gaps()
    {
        var plan = GuidedSetPlan.For(new ExerciseDose(3, 10, 5, 30, Side.Both), Defaults);

        for (var i = 1; i < plan.Steps.Count; i++)
            Assert.Equal(plan.Steps[i - 1].End, plan.Steps[i].Start);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(25, 0)]  // 5 ready + 5 + 3 + 5 + 3 = 21: the third hold runs until 26
    [InlineData(26, 1)]
    [InlineData(55, 1)]  // resting
    [InlineData(77, 2)]
    public void Rounds_count_when_their_last_hold_ends(int seconds, int rounds)
    {
        var plan = GuidedSetPlan.For(new ExerciseDose(2, 3, 5, 30, Side.Both), Defaults);

        Assert.Equal(rounds, plan.RoundsDoneBy(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void The_message_changes_at_each_step_and_every_five_seconds_within_long_ones_never_faster_than_once_a_second()
    {
        var plan = GuidedSetPlan.For(new ExerciseDose(3, 10, 5, 30, Side.Both), Defaults);

        var frames = plan.Frames(Defaults);

        // 1 get ready, 30 holds, 27 relaxes, 2 rests of 30 s counted down every 5 s (6 each).
        Assert.Equal(1 + 30 + 27 + 2 * 6, frames.Count);
        for (var i = 1; i < frames.Count; i++)
            Assert.True(frames[i].At - frames[i - 1].At >= TimeSpan.FromSeconds(1));
        Assert.Equal([30, 25, 20, 15, 10, 5], frames.Where(f => f.Step.Kind == GuidedStepKind.Rest && f.Step.Round == 1).Select(f => f.SecondsLeft));
    }

    [Fact]
    public void A_long_hold_is_counted_down_and_a_short_remainder_is_not_shown()
    {
        var plan = GuidedSetPlan.For(new ExerciseDose(1, null, 11, 0, Side.Both), Defaults);

        var frames = plan.Frames(Defaults).Where(f => f.Step.Kind == GuidedStepKind.Hold).Select(f => f.SecondsLeft);

        Assert.Equal([11, 6], frames);
    }

    [Fact]
    public void Options_out_of_range_are_named()
    {
        var problems = new GuidedSetOptions { GetReadySeconds = 0, CountdownEverySeconds = 1 }.Validate().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("GetReadySeconds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CountdownEverySeconds", StringComparison.Ordinal));
        Assert.Empty(new GuidedSetOptions().Validate());
    }
}
