using System.Text.RegularExpressions;
using HepBot.Core.Exercises;
using HepBot.Data.ExerciseLibrary;
using HepBot.Testing;

namespace HepBot.Conversations.Tests.Content;

/// <summary>
/// The library as a physiotherapist reads it: a default side that matches the steps, and hip-replacement
/// precautions on the stretches that bend, cross or turn the hip.
/// </summary>
public sealed partial class LibrarySideRuleTests
{
    private static readonly IReadOnlyList<Exercise> Library = ExerciseLibraryFile.Load(RepositoryPaths.Combine("library", "exercises.yaml"));

    [Fact]
    public void An_exercise_done_on_each_side_says_in_its_steps_how_to_change_sides()
    {
        var silent = Library.Where(e => e.DefaultDose.Side == Side.Each)
            .Where(e => !SaysToChangeSides().IsMatch(string.Join(" ", e.TextFor("en").Steps))
                        || !DiceCambiarDeLado().IsMatch(string.Join(" ", e.TextFor("es").Steps)))
            .Select(e => e.Slug);
        Assert.Empty(silent);
    }

    [Fact]
    public void An_exercise_whose_steps_name_the_sore_limb_defaults_to_the_sore_side()
    {
        var wrong = Library.Where(e => NamesTheSoreLimb().IsMatch(string.Join(" ", e.TextFor("en").Steps)) && e.DefaultDose.Side != Side.Affected)
            .Select(e => e.Slug);
        Assert.Empty(wrong);
    }

    [Fact]
    public void A_single_limb_exercise_is_never_doubled_without_saying_so()
    {
        // Each doubles the work; a single-limb rehab exercise is for the sore side unless its steps say otherwise.
        var doubled = Library.Where(e => e.DefaultDose.Side == Side.Each && e.Region is BodyRegion.Knee or BodyRegion.Shoulder or BodyRegion.ElbowWrist)
            .Where(e => !SaysToChangeSides().IsMatch(string.Join(" ", e.TextFor("en").Steps)))
            .Select(e => e.Slug);
        Assert.Empty(doubled);
    }

    [Theory]
    [InlineData("figure-four-stretch")]
    [InlineData("single-knee-to-chest")]
    [InlineData("lower-trunk-rotation")]
    public void Hip_flexion_crossing_and_turning_stretches_carry_the_hip_replacement_precaution(string slug)
    {
        var exercise = Library.Single(e => e.Slug == slug);
        Assert.Contains(exercise.TextFor("en").Cautions, c => c.Contains("hip replacement", StringComparison.Ordinal));
        Assert.Contains(exercise.TextFor("es").Cautions, c => c.Contains("prótesis de cadera", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"other (side|leg|arm|hand|foot|knee)|switch|swap|each side|both sides|alternate", RegexOptions.IgnoreCase)]
    private static partial Regex SaysToChangeSides();

    [GeneratedRegex(@"otr[oa] (lado|pierna|brazo|mano|pie|rodilla)|cambia|cada lado|ambos lados|altern", RegexOptions.IgnoreCase)]
    private static partial Regex DiceCambiarDeLado();

    [GeneratedRegex(@"\b(sore|affected|operated|injured)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamesTheSoreLimb();
}
