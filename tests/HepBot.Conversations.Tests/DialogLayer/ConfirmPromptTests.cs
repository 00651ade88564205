using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class ConfirmPromptTests
{
    private const string Question = "Did the exercise hurt more than usual?";
    private const string Retry = "Please answer yes or no.";

    private static PromptOptions HurtMore() => new()
    {
        Prompt = MessageFactory.Text(Question),
        RetryPrompt = MessageFactory.Text(Retry),
    };

    private static ConfirmPrompt Prompt() => new("hurtMore", ExerciseCheckInDialog.YesNo);

    private static Activity Said(string text, string? locale) =>
        new() { Type = ActivityTypes.Message, Text = text, Locale = locale };

    [Theory]
    [InlineData("yes", "en", "yes")]
    [InlineData(" Y ", "en", "yes")]
    [InlineData("Yes!", "en-GB", "yes")]
    [InlineData("no", "en", "no")]
    [InlineData("N", "en", "no")]
    [InlineData("sí", "es", "yes")]
    [InlineData("si", "es-MX", "yes")]
    [InlineData("SÍ", "es-ES", "yes")]
    [InlineData("no", "es", "no")]
    public async Task Yes_and_no_are_recognised_in_the_users_language(string typed, string locale, string expected)
    {
        await PromptProbe.Ask(Prompt(), HurtMore()).Flow
            .Send(Said("hi", locale))
            .AssertReply(Question)
            .Send(Said(typed, locale))
            .AssertReply($"Got {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task Buttons_are_labelled_in_the_users_language_and_carry_stable_values()
    {
        await PromptProbe.Ask(Prompt(), HurtMore()).Flow
            .Send(Said("hola", "es-MX"))
            .AssertReplyWithButtons(Question, ("Sí", "yes"), ("No", "no"))
            .Send(Said("yes", "es-MX")) // the Sí button posts its value
            .AssertReply("Got yes")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_unknown_language_falls_back_to_the_default_vocabulary()
    {
        await PromptProbe.Ask(Prompt(), HurtMore()).Flow
            .Send(Said("bonjour", "fr-FR"))
            .AssertReplyWithButtons(Question, ("Yes", "yes"), ("No", "no"))
            .Send(Said("sí", "fr-FR"))
            .AssertReplyWithButtons(Retry, ("Yes", "yes"), ("No", "no"))
            .Send(Said("y", "fr-FR"))
            .AssertReply("Got yes")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("maybe")]
    [InlineData("yes and no")]
    public async Task Numbers_and_other_words_are_not_taken_as_yes_or_no(string typed)
    {
        await PromptProbe.Ask(Prompt(), HurtMore()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(typed)
            .AssertReply(Retry)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_card_submit_with_a_value_is_accepted()
    {
        await PromptProbe.Ask(Prompt(), HurtMore()).Flow
            .Send("hi")
            .AssertReply(Question)
            .Send(PromptProbe.Submit("{\"value\": \"no\"}"))
            .AssertReply("Got no")
            .StartTestAsync();
    }

    [Fact]
    public void A_vocabulary_for_the_default_language_is_required()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ConfirmPrompt("hurtMore", new Dictionary<string, ConfirmVocabulary> { ["es"] = ExerciseCheckInDialog.YesNo["es"] }));
        Assert.StartsWith("Confirm prompt 'hurtMore' has no vocabulary for its default language 'en'.", error.Message);
    }
}
