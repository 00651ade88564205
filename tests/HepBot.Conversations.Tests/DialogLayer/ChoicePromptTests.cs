using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class ChoicePromptTests
{
    private const string Question = "Which area are you working on today?";
    private const string Retry = "Please pick one of the buttons.";

    private static readonly (string, string)[] RegionButtons = [("Knee", "knee"), ("Hip", "hip"), ("Shoulder", "shoulder")];

    private static PromptOptions Regions(int? maxAttempts = null) => new()
    {
        Prompt = MessageFactory.Text(Question),
        RetryPrompt = MessageFactory.Text(Retry),
        Choices =
        [
            new Choice("knee", "Knee", "rodilla"),
            new Choice("hip", "Hip"),
            new Choice("shoulder", "Shoulder", "shoulders"),
        ],
        MaxAttempts = maxAttempts,
    };

    [Theory]
    [InlineData("knee", "knee (#0)")]
    [InlineData("  KNEE  ", "knee (#0)")]
    [InlineData("Hip!", "hip (#1)")]
    [InlineData("rodilla", "knee (#0)")]
    [InlineData("Shoulders", "shoulder (#2)")]
    [InlineData("2", "hip (#1)")]
    [InlineData(" 3 ", "shoulder (#2)")]
    public async Task Typed_answers_match_value_title_synonym_or_number(string typed, string expected)
    {
        await PromptProbe.Ask(new ChoicePrompt("region"), Regions()).Flow
            .Send("hi")
            .AssertReplyWithButtons(Question, RegionButtons)
            .Send(typed)
            .AssertReply($"Got {expected}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("\"hip\"", "hip (#1)")]
    [InlineData("{\"choice\": \"shoulder\"}", "shoulder (#2)")]
    [InlineData("{\"value\": \"knee\"}", "knee (#0)")]
    [InlineData("{\"Choice\": \" Hip \"}", "hip (#1)")]
    public async Task Button_and_card_submits_are_read_from_the_activity_value(string submittedJson, string expected)
    {
        await PromptProbe.Ask(new ChoicePrompt("region"), Regions()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(PromptProbe.Submit(submittedJson))
            .AssertReply($"Got {expected}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("elbow")]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("knee and hip")]
    public async Task Anything_else_gets_the_retry_prompt_with_the_buttons_again(string typed)
    {
        await PromptProbe.Ask(new ChoicePrompt("region"), Regions()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(typed)
            .AssertReplyWithButtons(Retry, RegionButtons)
            .Send("hip")
            .AssertReply("Got hip (#1)")
            .StartTestAsync();
    }

    [Fact]
    public async Task Without_a_retry_prompt_the_question_is_asked_again()
    {
        var options = Regions();
        options.RetryPrompt = null;

        await PromptProbe.Ask(new ChoicePrompt("region"), options).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send("elbow")
            .AssertReplyWithButtons(Question, RegionButtons)
            .StartTestAsync();
    }

    [Fact]
    public async Task Buttons_are_channel_neutral_suggested_actions()
    {
        await PromptProbe.Ask(new ChoicePrompt("region"), Regions()).Flow
            .Send("hi")
            .AssertReply(activity =>
            {
                var message = (Activity)activity;
                Assert.Null(message.ChannelData);
                Assert.Empty(message.Attachments ?? []);
                Assert.All(message.SuggestedActions.Actions, action => Assert.Equal(ActionTypes.ImBack, action.Type));
                Assert.Equal(["knee", "hip", "shoulder"], message.SuggestedActions.Actions.Select(a => a.Value));
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task A_validator_can_refuse_a_recognised_choice_with_its_own_reply()
    {
        var attempts = new List<int>();
        var prompt = new ChoicePrompt("region", async (context, ct) =>
        {
            attempts.Add(context.AttemptCount);
            if (context.Recognized.Succeeded && context.Recognized.Value.Value == "shoulder")
            {
                await context.Context.SendActivityAsync("Shoulder exercises are not in your plan yet.", cancellationToken: ct);
                return false;
            }

            return context.Recognized.Succeeded;
        });

        await PromptProbe.Ask(prompt, Regions()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send("shoulder")
            .AssertReply("Shoulder exercises are not in your plan yet.")
            .Send("elbow")
            .AssertReply(Retry)
            .Send("knee")
            .AssertReply("Got knee (#0)")
            .StartTestAsync();

        Assert.Equal([1, 2, 3], attempts);
    }

    [Fact]
    public async Task After_max_attempts_the_prompt_ends_with_no_result()
    {
        await PromptProbe.Ask(new ChoicePrompt("region"), Regions(maxAttempts: 2)).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send("elbow")
            .AssertReply(Retry)
            .Send("wrist")
            .AssertReply("Got nothing")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_choice_whose_value_is_a_number_matches_by_value_before_position()
    {
        var options = new PromptOptions
        {
            Prompt = MessageFactory.Text("How many sets?"),
            Choices = [new Choice("3"), new Choice("2"), new Choice("1")],
        };

        await PromptProbe.Ask(new ChoicePrompt("sets"), options).Flow
            .Send("hi")
            .AssertReply("How many sets?")
            .Send("1")
            .AssertReply("Got 1 (#2)")
            .StartTestAsync();
    }

    [Fact]
    public async Task Non_message_activities_do_not_count_as_answers()
    {
        await PromptProbe.Ask(new ChoicePrompt("region"), Regions(maxAttempts: 1)).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(new Activity(ActivityTypes.Typing))
            .AssertNoReply("nothing more", 300)
            .Send("hip")
            .AssertReply("Got hip (#1)")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_choice_prompt_without_choices_is_refused()
    {
        var options = new PromptOptions { Prompt = MessageFactory.Text(Question) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            PromptProbe.Ask(new ChoicePrompt("region"), options).Flow.Send("hi").StartTestAsync());
        Assert.StartsWith("Choice prompt 'region' needs at least one choice.", error.Message);
    }

    [Fact]
    public async Task A_prompt_without_a_question_is_refused()
    {
        var options = Regions();
        options.Prompt = null;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            PromptProbe.Ask(new ChoicePrompt("region"), options).Flow.Send("hi").StartTestAsync());
        Assert.StartsWith("Prompt 'region' needs PromptOptions.Prompt", error.Message);
    }
}
