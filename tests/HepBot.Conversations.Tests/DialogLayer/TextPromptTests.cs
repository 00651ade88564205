using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class TextPromptTests
{
    private const string Question = "Anything you want your physiotherapist to know?";
    private const string Retry = "Please keep it under 40 characters.";

    private static PromptOptions Note() => new()
    {
        Prompt = MessageFactory.Text(Question),
        RetryPrompt = MessageFactory.Text(Retry),
    };

    [Fact]
    public async Task The_answer_comes_back_trimmed()
    {
        await PromptProbe.Ask(new TextPrompt("note", maxLength: 40), Note()).Flow
            .Send("hi")
            .AssertReplyWithoutButtons(Question)
            .Send("   My knee clicks on the stairs  ")
            .AssertReply("Got My knee clicks on the stairs (String)")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_answer_longer_than_the_limit_is_asked_again()
    {
        await PromptProbe.Ask(new TextPrompt("note", maxLength: 40), Note()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(new string('a', 41))
            .AssertReply(Retry)
            .Send(new string('a', 40))
            .AssertReply($"Got {new string('a', 40)} (String)")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_submit_without_text_is_not_an_answer()
    {
        await PromptProbe.Ask(new TextPrompt("note", maxLength: 40), Note()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(PromptProbe.Submit("{\"value\": \"x\"}"))
            .AssertReply(Retry)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_validator_can_reject_text_and_explain_why()
    {
        var prompt = new TextPrompt("note", 40, async (context, ct) =>
        {
            if (context.Recognized.Succeeded && context.Recognized.Value.Contains('@'))
            {
                await context.Context.SendActivityAsync("Please don't send email addresses here.", cancellationToken: ct);
                return false;
            }

            return context.Recognized.Succeeded;
        });

        await PromptProbe.Ask(prompt, Note()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send("write me at ana@example.org")
            .AssertReply("Please don't send email addresses here.")
            .Send("All good")
            .AssertReply("Got All good (String)")
            .StartTestAsync();
    }
}
