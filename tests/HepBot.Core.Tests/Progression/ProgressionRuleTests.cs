using HepBot.Core.Adherence;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;
using HepBot.Core.Progression;
using HepBot.Core.Sessions;

namespace HepBot.Core.Tests.Progression;

public sealed class ProgressionRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly ProgramPeriod Daily = new(Start, null, new PrescriptionSchedule(1, TrainingDays.Every, Start, null), 2);

    private static AdherenceHistory History(int goodDays, int pain = 2, int badDayAgo = 0) =>
        new([Daily], Enumerable.Range(1, goodDays)
            .Select(ago => new SessionRecord(Today.AddDays(-ago), 1, 2, ago == badDayAgo ? 1 : 2, SessionStatus.Completed, [pain]))
            .ToList(), [], []);

    [Theory]
    [InlineData(7, 2, 0, true)]     // a full week, pain 2
    [InlineData(6, 2, 0, false)]    // one day short
    [InlineData(7, 4, 0, false)]    // pain above 3
    [InlineData(10, 3, 9, true)]    // a half-done day before the last seven does not matter
    [InlineData(10, 3, 3, false)]   // a half-done day among them does
    public void Ready_after_seven_planned_days_done_with_pain_at_most_three(int goodDays, int pain, int badDayAgo, bool ready)
    {
        Assert.Equal(ready, ProgressionRule.IsReady(History(goodDays, pain, badDayAgo), Start, Today, days: 7, maxPain: 3));
    }

    [Fact]
    public void Days_before_the_current_version_do_not_count()
    {
        Assert.False(ProgressionRule.IsReady(History(10), Today.AddDays(-3), Today, days: 7, maxPain: 3));
    }

    [Fact]
    public void The_suggestion_adds_two_reps_or_else_a_set_within_the_limits()
    {
        PrescriptionItem Item(int order, int sets, int? reps, int? maxSets, int? maxReps, int? hold = null) => new()
        {
            Order = order, Dose = new ExerciseDose(sets, reps, hold, 30, Side.Both), MaxSets = maxSets, MaxReps = maxReps,
        };

        var steps = ProgressionRule.Suggest(
        [
            Item(1, 3, 10, 4, 15),         // room for reps: 3×10 → 3×12
            Item(2, 2, 14, 3, 15),         // reps would pass 15: a set instead, 2×14 → 3×14
            Item(3, 3, 15, 3, 15),         // at both limits: nothing
            Item(4, 2, null, 3, null, 30), // a hold: a set
            Item(5, 2, 10, null, null),    // no limits set: nothing
        ]);

        Assert.Equal(["3×10 → 3×12", "2×14 → 3×14", "2×30s → 3×30s"],
            steps.Select(s => $"{ProgressionRule.Describe(s.From)} → {ProgressionRule.Describe(s.To)}"));
        Assert.Equal([1, 2, 4], steps.Select(s => s.Order));
    }
}
