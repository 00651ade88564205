using HepBot.Core.Exercises;

namespace HepBot.Core.Tests.Exercises;

public class ExerciseDoseTests
{
    [Fact]
    public void A_usual_dose_is_valid() =>
        Assert.Empty(new ExerciseDose(3, 10, 5, 30, Side.Each).Validate());

    [Theory]
    [InlineData(0, 10, null, 30, "Sets")]
    [InlineData(-1, 10, null, 30, "Sets")]
    [InlineData(3, null, null, 30, "Reps")]
    [InlineData(3, 0, null, 30, "Reps")]
    [InlineData(3, null, 0, 30, "HoldSeconds")]
    [InlineData(3, 10, null, -5, "RestSeconds")]
    [InlineData(11, 10, null, 30, "Sets")]
    public void Invalid_doses_name_the_field(int sets, int? reps, int? hold, int rest, string field) =>
        Assert.Contains(new ExerciseDose(sets, reps, hold, rest, Side.Both).Validate(), e => e.Field == field);

    [Fact]
    public void Estimated_duration_counts_reps_holds_rests_and_both_sides()
    {
        // 2 sets x 10 reps x (4 s + 5 s hold) = 180 s, + 1 rest of 30 s = 210 s, on each side = 420 s.
        Assert.Equal(TimeSpan.FromSeconds(420), new ExerciseDose(2, 10, 5, 30, Side.Each).EstimatedDuration());
    }

    [Fact]
    public void Text_falls_back_from_regional_to_base_language_to_english()
    {
        var exercise = new Exercise
        {
            Slug = "bridge",
            DefaultDose = new ExerciseDose(2, 10, null, 30, Side.Both),
            Texts = [new ExerciseText { Locale = "en", Name = "Bridge" }, new ExerciseText { Locale = "es", Name = "Puente" }],
        };

        Assert.Equal("Puente", exercise.TextFor("es-MX").Name);
        Assert.Equal("Bridge", exercise.TextFor("fr").Name);
    }
}
