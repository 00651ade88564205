namespace HepBot.Pictures.Tests;

/// <summary>Mistakes a clinic can make in poses.yaml are listed with the line and exercise.</summary>
public sealed class PoseFileTests
{
    private const string Good = """
        - exercise: heel-slide
          position: supine
          moving: [right.leg]
          props: [mat]
          poses:
            - {}
            - { right: { hip: 60, knee: 110 } }
        """;

    [Fact]
    public void A_good_entry_is_read_with_its_defaults()
    {
        var entry = PoseFile.Parse(Good).For("heel-slide")!;
        Assert.Equal(StartingPosition.Supine, entry.Position);
        Assert.Equal(PoseView.Side, entry.View);
        Assert.Equal("neck", entry.Anchor);
        Assert.Equal(110, entry.Poses[1]["right.knee"]);
        Assert.Equal(0, entry.Poses[0]["right.knee"]);
    }

    [Theory]
    [InlineData("knee: 110", "knee: 170", "right.knee 170° is outside the joint's range (0 to 150)")]
    [InlineData("props: [mat]", "props: [mat, trampoline]", "unknown prop 'trampoline'")]
    [InlineData("hip: 60", "hipp: 60", "'hipp' is not a joint of one side")]
    [InlineData("moving: [right.leg]", "moving: [tail]", "unknown moving limb 'tail'")]
    [InlineData("position: supine", "position: upsideDown", "unknown position 'upsideDown'")]
    [InlineData("    - {}\n", "", "must list 2 to 4 key poses, not 1")]
    [InlineData("props: [mat]", "props: [{ kind: towelRoll, at: elbow }]", "unknown landmark 'elbow'")]
    [InlineData("props: [mat]", "props: [mat]\n  tilt: 75", "'tilt:' must be degrees from 0 to 60")]
    [InlineData("props: [mat]", "props: [mat]\n  frame: hands", "unknown frame 'hands' (use whole, upperBody)")]
    [InlineData("props: [mat]", "props: [mat]\n  turn: \"30\"", "'turn:' must be degrees from -90 to 90")]
    [InlineData("props: [mat]", "props: [mat]\n  tilt: '20'", "'tilt:' must be degrees from 0 to 60")]
    [InlineData("props: [mat]", "props: [mat]\n  still: [\"1\", 2]", "'still:' must name two different key poses by number")]
    public void A_mistake_stops_loading_with_the_line_and_the_exercise(string from, string to, string expected)
    {
        var broken = Good.Replace(from, to, StringComparison.Ordinal);
        var error = Assert.Throws<PoseFileException>(() => PoseFile.Parse(broken));
        var problem = Assert.Single(error.Errors);
        Assert.Contains("exercise 'heel-slide'", problem);
        Assert.Contains("line ", problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Every_mistake_is_listed_at_once()
    {
        var broken = Good.Replace("knee: 110", "knee: 170").Replace("[mat]", "[trampoline]");
        Assert.Equal(2, Assert.Throws<PoseFileException>(() => PoseFile.Parse(broken)).Errors.Count);
    }

    [Fact]
    public void An_exercise_without_poses_and_poses_for_an_unknown_exercise_are_problems()
    {
        var poses = PoseFile.Parse(Good);
        var problems = poses.Problems(["quad-set"]);
        Assert.Contains(problems, p => p.Contains("'quad-set' has no pose data"));
        Assert.Contains(problems, p => p.Contains("pose data for 'heel-slide' names no exercise in the library"));
    }

    [Fact]
    public void A_clinic_s_own_exercise_may_carry_pose_data()
    {
        var poses = PoseFile.Parse(Good.Replace("- exercise: heel-slide", "- exercise: heel-slide\n  custom: true"));
        Assert.Empty(poses.Problems([]));
        Assert.NotNull(poses.For("heel-slide"));
    }
}
