using System.Globalization;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class NumberPromptTests
{
    private const string Question = "How is your pain right now, from 0 to 10?";
    private const string Retry = "Please send a number from 0 to 10.";

    private static readonly (string, string)[] ZeroToTen =
        Enumerable.Range(0, 11).Select(n => (n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture))).ToArray();

    private static PromptOptions PainScale() => new()
    {
        Prompt = MessageFactory.Text(Question),
        RetryPrompt = MessageFactory.Text(Retry),
    };

    [Theory]
    [InlineData("7", 7)]
    [InlineData(" 7 ", 7)]
    [InlineData("7/10", 7)]
    [InlineData("7 / 10", 7)]
    [InlineData("0", 0)]
    [InlineData("10", 10)]
    [InlineData("10/10", 10)]
    [InlineData("7.", 7)]
    public async Task Typed_numbers_in_range_are_accepted(string typed, int expected)
    {
        await PromptProbe.Ask(new NumberPrompt("pain", 0, 10), PainScale()).Flow
            .Send("hi")
            .AssertReplyWithoutButtons(Question)
            .Send(typed)
            .AssertReply($"Got {expected} (Int32)")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("7/5")]
    [InlineData("about 7")]
    [InlineData("seven")]
    [InlineData("7.5")]
    [InlineData("99999999999")]
    public async Task Other_answers_get_the_retry_prompt(string typed)
    {
        await PromptProbe.Ask(new NumberPrompt("pain", 0, 10), PainScale()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(typed)
            .AssertReply(Retry)
            .Send("4")
            .AssertReply("Got 4 (Int32)")
            .StartTestAsync();
    }

    [Fact]
    public async Task Each_number_can_be_offered_as_a_button_and_pressing_one_sends_its_value()
    {
        await PromptProbe.Ask(new NumberPrompt("pain", 0, 10, offerButtons: true), PainScale()).Flow
            .Send("hi")
            .AssertReplyWithButtons(Question, ZeroToTen)
            .Send("eleven")
            .AssertReplyWithButtons(Retry, ZeroToTen)
            .Send("3") // what an ImBack button posts
            .AssertReply("Got 3 (Int32)")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("{\"value\": 6}", 6)]
    [InlineData("{\"value\": \"6\"}", 6)]
    [InlineData("{\"choice\": \"2\"}", 2)]
    [InlineData("{\"value\": 9.0}", 9)]
    [InlineData("8", 8)]
    public async Task Card_submits_carry_the_number_in_the_activity_value(string submittedJson, int expected)
    {
        await PromptProbe.Ask(new NumberPrompt("pain", 0, 10), PainScale()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(PromptProbe.Submit(submittedJson))
            .AssertReply($"Got {expected} (Int32)")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_validator_sees_the_attempt_count_and_can_use_per_question_validations()
    {
        var attempts = new List<int>();
        var prompt = new NumberPrompt("repetitions", 0, 100, validator: (context, ct) =>
        {
            attempts.Add(context.AttemptCount);
            var prescribed = context.Options.GetValidations<Prescribed>()!;
            return Task.FromResult(context.Recognized.Succeeded && context.Recognized.Value <= prescribed.Repetitions * 2);
        });
        var options = new PromptOptions
        {
            Prompt = MessageFactory.Text("How many repetitions did you do?"),
            RetryPrompt = MessageFactory.Text("That is more than twice your plan. How many did you do?"),
        }.WithValidations(new Prescribed(10));

        await PromptProbe.Ask(prompt, options).Flow
            .Send("hi")
            .AssertReply("How many repetitions did you do?")
            .Send("lots")
            .AssertReply("That is more than twice your plan. How many did you do?")
            .Send("50")
            .AssertReply("That is more than twice your plan. How many did you do?")
            .Send("12")
            .AssertReply("Got 12 (Int32)")
            .StartTestAsync();

        Assert.Equal([1, 2, 3], attempts);
    }

    [Fact]
    public void A_range_with_min_above_max_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new NumberPrompt("pain", 10, 0));
        Assert.StartsWith("Number prompt 'pain': min 10 is greater than max 0.", error.Message);
    }

    internal sealed record Prescribed(int Repetitions);
}
