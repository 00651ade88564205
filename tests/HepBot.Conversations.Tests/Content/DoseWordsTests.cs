using HepBot.Conversations.Content;
using HepBot.Core.Exercises;
using HepBot.Testing;

namespace HepBot.Conversations.Tests.Content;

/// <summary>The dose as a patient reads it, in plain words, in both languages.</summary>
public sealed class DoseWordsTests
{
    private static readonly DoseWords Words = new(DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs")));

    [Theory]
    [InlineData("en", 3, 10, 5, 30, Side.Right, BodyRegion.Knee,
        "10 times, 3 rounds, rest 30 seconds between rounds; hold each for 5 seconds; right leg")]
    [InlineData("es", 3, 10, 5, 30, Side.Right, BodyRegion.Knee,
        "10 veces, 3 rondas, descansa 30 segundos entre rondas; mantén cada una 5 segundos; pierna derecha")]
    [InlineData("en", 2, 15, null, 0, Side.Both, BodyRegion.Knee, "15 times, 2 rounds")]
    [InlineData("en", 1, 10, null, 0, Side.Left, BodyRegion.Shoulder, "10 times; left arm")]
    [InlineData("es", 1, 10, null, 0, Side.Left, BodyRegion.Shoulder, "10 veces; brazo izquierdo")]
    [InlineData("en", 3, null, 30, 15, Side.Each, BodyRegion.Hip,
        "hold for 30 seconds, 3 times, rest 15 seconds between holds; all on one leg, then the other")]
    [InlineData("es", 3, null, 30, 15, Side.Each, BodyRegion.Hip,
        "mantén la posición 30 segundos, 3 veces, descansa 15 segundos entre una y otra; una pierna y luego la otra")]
    [InlineData("en", 1, null, 60, 0, Side.Both, BodyRegion.LumbarSpine, "hold for 1 minute")]
    [InlineData("en", 2, 1, 120, 60, Side.Each, BodyRegion.Neck,
        "once, 2 rounds, rest 1 minute between rounds; hold each for 2 minutes; all on one side, then the other")]
    public void A_dose_reads_in_plain_words(string language, int sets, int? reps, int? hold, int rest, Side side, BodyRegion region, string expected)
    {
        Assert.Equal(expected, Words.Describe(new ExerciseDose(sets, reps, hold, rest, side), language, region));
    }

    [Fact]
    public void Without_a_body_region_a_side_is_a_side()
    {
        Assert.Equal("10 times; right side", Words.Describe(new ExerciseDose(1, 10, null, 0, Side.Right), "en"));
    }

    [Fact]
    public void No_dose_word_is_jargon()
    {
        foreach (var language in new[] { "en", "es" })
            foreach (var side in Enum.GetValues<Side>())
            {
                var words = Words.Describe(new ExerciseDose(3, 10, 5, 30, side), language, BodyRegion.Knee);
                Assert.DoesNotContain("×", words);
                Assert.DoesNotContain("rep", words, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("set", words, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("serie", words, StringComparison.OrdinalIgnoreCase);
            }
    }
}
