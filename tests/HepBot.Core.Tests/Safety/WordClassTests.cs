using HepBot.Core.Safety;

namespace HepBot.Core.Tests.Safety;

/// <summary>
/// The lexicon's word classes (@name) and "+" pairs: a body part and a sensation said anywhere in one
/// clause, in any order, each side denied only by its own denial; mistakes in the file are named.
/// </summary>
public class WordClassTests
{
    private static readonly Dictionary<string, string> English = Lexicons.Read(Path.Combine(
        HepBot.Testing.RepositoryPaths.Combine("dialogs", "en"), "symptoms.yaml"));

    private static SymptomLexicon Lexicon(string chestPain, string wordClasses, out IReadOnlyList<string> problems)
    {
        // The repository's classes stay (the other entries name them); the test's own classes are added.
        var entries = new Dictionary<string, string>(English) { ["chestPain"] = chestPain, ["wordClasses"] = English["wordClasses"] + "\n" + wordClasses };
        return SymptomLexicon.Parse(key => entries.GetValueOrDefault(key), out problems);
    }

    private static SymptomLexicon Chest()
    {
        var lexicon = Lexicon("@testChest + @testFeeling", "testChest = chest, breastbone\ntestFeeling = tight*, heavy, like an elephant", out var problems);
        Assert.Empty(problems);
        return lexicon;
    }

    [Theory]
    [InlineData("my chest feels really tight")]
    [InlineData("tight across my chest")]
    [InlineData("there's this heavy feeling right in the middle of my breastbone")]
    [InlineData("its like an elephant on my chest")]
    [InlineData("chest tightt")]
    public void Both_sides_in_one_clause_in_any_order_fire(string text)
    {
        Assert.Contains(SymptomFinding.ChestPain, SymptomRecognizer.Recognize(text, Chest()).FindingSet);
    }

    [Theory]
    [InlineData("my chest is fine. tight hamstrings though")]
    [InlineData("chest stretch done, legs heavy")]
    [InlineData("my chest isn't tight")]
    [InlineData("no tightness in my chest")]
    [InlineData("not heavy, chest fine")]
    public void Sides_in_different_clauses_or_a_denied_side_do_not_fire(string text) =>
        Assert.DoesNotContain(SymptomFinding.ChestPain, SymptomRecognizer.Recognize(text, Chest()).FindingSet);

    [Fact]
    public void A_denial_of_one_clause_does_not_hide_the_next_one() =>
        Assert.Contains(SymptomFinding.ChestPain,
            SymptomRecognizer.Recognize("no pain in my knee but my chest feels heavy", Chest()).FindingSet);

    [Fact]
    public void The_finding_names_both_sides_it_matched()
    {
        var match = Assert.Single(SymptomRecognizer.Recognize("heavy feeling in my chest", Chest()).Findings);
        Assert.Equal("heavy … chest", match.Words);
    }

    [Fact]
    public void A_class_spells_out_inside_an_ordered_phrase_too()
    {
        var lexicon = Lexicon("@testSide arm weak*", "testSide = left, right, the other", out var problems);
        Assert.Empty(problems);
        Assert.Contains(SymptomFinding.ChestPain, SymptomRecognizer.Recognize("my right arm is weak", lexicon).FindingSet);
        Assert.Contains(SymptomFinding.ChestPain, SymptomRecognizer.Recognize("the other arm weaker", lexicon).FindingSet);
        Assert.DoesNotContain(SymptomFinding.ChestPain, SymptomRecognizer.Recognize("both arms weak", lexicon).FindingSet);
    }

    [Theory]
    [InlineData("@testChets + @testFeeling", "testChest = chest\ntestFeeling = tight", "'@testChets', which is not in 'wordClasses'")]
    [InlineData("@testChest + ", "testChest = chest", "empty side of '+'")]
    [InlineData("@chest", "testChest chest, breastbone", "must be a name of letters")]
    [InlineData("@chest", "testChest = @chest", "not other classes")]
    [InlineData("@chest", "testChest = chest\ntestChest = breastbone", "defined twice")]
    [InlineData("@chest", "testChest =", "lists no words")]
    public void A_mistake_in_the_classes_is_named(string chestPain, string classes, string expected)
    {
        Lexicon(chestPain, classes, out var problems);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>Multi-word members and alternatives on either side of "+" are whole phrases, not only their first or last word.</summary>
    [Theory]
    [InlineData("all of a sudden my arm went weak")]
    [InlineData("my arm went weak out of the blue")]
    [InlineData("out of nowhere, no. all of a sudden the leg is dead")]
    [InlineData("my leg feels dead all of a sudden")]
    public void Multi_word_alternatives_on_a_side_of_plus_are_found(string text)
    {
        var lexicon = Lexicon("@testSudden + arm|leg + went weak | feels dead | is dead", "testSudden = suddenly, all of a sudden, out of the blue", out var problems);
        Assert.Empty(problems);
        Assert.Contains(SymptomFinding.ChestPain, SymptomRecognizer.Recognize(text, lexicon).FindingSet);
    }

    [Theory]
    [InlineData("all of a sudden my arm")]
    [InlineData("a sudden thought, my arm went weak")]
    [InlineData("of a sudden my arm went weak")]
    public void A_multi_word_alternative_is_found_only_whole(string text)
    {
        var lexicon = Lexicon("@testSudden + arm|leg + went weak | feels dead", "testSudden = all of a sudden, out of the blue", out var problems);
        Assert.Empty(problems);
        Assert.DoesNotContain(SymptomFinding.ChestPain, SymptomRecognizer.Recognize(text, lexicon).FindingSet);
    }

    /// <summary>"cant feel + my toes": a side that says its own denial is not denied by it, nor are the other sides.</summary>
    [Theory]
    [InlineData("i dont feel my toes", true)]
    [InlineData("my toes i dont feel them", true)]
    [InlineData("i feel my toes", false)]
    [InlineData("i dont feel my toes. just kidding", true)]
    public void A_side_that_says_its_own_denial_is_not_denied_by_it(string text, bool found)
    {
        var lexicon = Lexicon("dont feel + @testToes", "testToes = toes, toe, my foot", out var problems);
        Assert.Empty(problems);
        Assert.Equal(found, SymptomRecognizer.Recognize(text, lexicon).FindingSet.Contains(SymptomFinding.ChestPain));
    }

    [Theory]
    [InlineData("chestPain", "an emergency sign")]
    [InlineData("calfSwelling, swellingOfTheCalf", "'swellingOfTheCalf' is not a warning sign's key")]
    public void Settling_signs_must_be_known_and_not_emergencies(string settlingSigns, string expected)
    {
        var entries = new Dictionary<string, string>(English) { ["settlingSigns"] = settlingSigns };
        SymptomLexicon.Parse(key => entries.GetValueOrDefault(key), out var problems);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_repository_phrase_with_whole_phrase_alternatives_is_found()
    {
        var read = SymptomRecognizer.Recognize("respiro tan mal que no consigo terminar las frases", Lexicons.For("es"));
        Assert.Contains(SymptomFinding.SevereBreathlessness, read.FindingSet);
    }

    [Theory]
    [InlineData("🤢 feel sick", "must be an emoji = words")]
    [InlineData("x = sick", "must be an emoji = words")]
    [InlineData("🤢 = ", "must be an emoji = words")]
    [InlineData("🤢 = feel sick, 🤢 = nausea", "is listed twice")]
    [InlineData("❤️ = heart, ❤ = love", "is listed twice")]
    public void Emoji_words_must_be_an_emoji_and_words(string emojiWords, string expected)
    {
        var entries = new Dictionary<string, string>(English) { ["emojiWords"] = emojiWords };
        SymptomLexicon.Parse(key => entries.GetValueOrDefault(key), out var problems);
        Assert.Contains(problems, p => p.Contains("'emojiWords'", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_lexicon_without_emoji_words_says_the_key_is_missing()
    {
        var entries = new Dictionary<string, string>(English);
        entries.Remove("emojiWords");
        SymptomLexicon.Parse(key => entries.GetValueOrDefault(key), out var problems);
        Assert.Contains(problems, p => p.Contains("'emojiWords' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_warning_signs_and_pain_words_may_join_phrases_with_plus()
    {
        var entries = new Dictionary<string, string>(English) { ["notSymptoms"] = "calf + raise" };
        SymptomLexicon.Parse(key => entries.GetValueOrDefault(key), out var problems);
        Assert.Contains(problems, p => p.Contains("'notSymptoms'", StringComparison.Ordinal) && p.Contains("'+'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_repository_lexicons_use_classes_and_pairs()
    {
        foreach (var language in new[] { "en", "es" })
        {
            var lexicon = Lexicons.For(language);
            Assert.Contains(lexicon.Findings[SymptomFinding.ChestPain], p => p.Together.Count == 2);
        }
    }
}
