using System.Globalization;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class InterruptionTests
{
    private const string Help = "Answer the question, or say stop to end the session.";

    [Fact]
    public async Task Help_is_answered_and_the_same_question_is_asked_again()
    {
        await new ConversationHarness().Start(new ExerciseCheckInDialog(), new TestPolicy())
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("12")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .Send("help")
            .AssertReply(Help)
            .AssertReplyWithButtons(ExerciseCheckInDialog.PainQuestion,
                Enumerable.Range(0, 11).Select(n => (n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture))).ToArray())
            .Send("3")
            .AssertReply(ExerciseCheckInDialog.HarderQuestion)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_handler_can_find_the_question_being_asked_inside_components()
    {
        var innermost = new List<string?>();
        var spy = new DelegateHandler(dc =>
        {
            while (dc.Child is { } child)
            {
                dc = child;
            }

            innermost.Add(dc.ActiveDialog?.Id);
            return InterruptionOutcome.NotInterrupted;
        });

        await new ConversationHarness().Start(new ExerciseCheckInDialog(), spy)
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("12")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .StartTestAsync();

        Assert.Equal([null, "repetitions"], innermost);
    }

    [Fact]
    public async Task Help_does_not_use_up_an_attempt()
    {
        var options = new PromptOptions
        {
            Prompt = MessageFactory.Text("How many sets did you do?"),
            RetryPrompt = MessageFactory.Text("Please send a number."),
            MaxAttempts = 2,
        };

        await PromptProbe.Ask(new NumberPrompt("sets", 0, 10), options, new TestPolicy()).Flow
            .Send("hi")
            .AssertReply("How many sets did you do?")
            .Send("help")
            .AssertReply(Help)
            .AssertReply("How many sets did you do?")
            .Send("lots")
            .AssertReply("Please send a number.")
            .Send("help")
            .AssertReply(Help)
            .AssertReply("How many sets did you do?")
            .Send("3")
            .AssertReply("Got 3 (Int32)")
            .StartTestAsync();
    }

    [Fact]
    public async Task Stop_cancels_everything_and_the_next_message_starts_afresh()
    {
        var conversation = new ConversationHarness();

        await conversation.Start(new ExerciseCheckInDialog(), new TestPolicy())
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("12")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .Send("stop")
            .AssertReply("Okay, we'll stop here.")
            .StartTestAsync();

        Assert.Empty((await conversation.ReadStoredStackAsync()).DialogStack);

        await conversation.Start(new ExerciseCheckInDialog(), new TestPolicy())
            .Send("hi again")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .StartTestAsync();
    }

    [Fact]
    public async Task Menu_replaces_whatever_is_running_with_the_menu()
    {
        var menu = new WaterfallDialog<NoValues>("menu")
            .AddStep((step, ct) => step.PromptAsync("menuChoice", new PromptOptions
            {
                Prompt = MessageFactory.Text("What would you like to do?"),
                Choices = [new Choice("exercise", "Today's exercises"), new Choice("question", "Ask my physio")],
            }, ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Menu: {step.GetResult<FoundChoice>().Value}", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await new ConversationHarness().Start(new ExerciseCheckInDialog(), set => set.Add(menu).Add(new ChoicePrompt("menuChoice")), new TestPolicy())
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("menu")
            .AssertReply("What would you like to do?")
            .Send("2")
            .AssertReply("Menu: question")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_language_change_is_acknowledged_and_the_question_is_asked_in_the_new_language()
    {
        await PromptProbe.Ask(new ConfirmPrompt("harder", ExerciseCheckInDialog.YesNo), new PromptOptions
        {
            Prompt = MessageFactory.Text(ExerciseCheckInDialog.HarderQuestion),
        }, new TestPolicy()).Flow
            .Send("hi")
            .AssertReplyWithButtons(ExerciseCheckInDialog.HarderQuestion, ("Yes", "yes"), ("No", "no"))
            .Send("español")
            .AssertReply("De acuerdo, seguimos en español.")
            .AssertReplyWithButtons(ExerciseCheckInDialog.HarderQuestion, ("Sí", "yes"), ("No", "no"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Handlers_are_asked_in_order_and_the_first_that_interrupts_wins()
    {
        var asked = new List<string>();
        var first = new DelegateHandler(dc => { asked.Add("first"); return InterruptionOutcome.NotInterrupted; });
        var second = new DelegateHandler(dc => { asked.Add("second"); return InterruptionOutcome.Handled; });
        var third = new DelegateHandler(dc => { asked.Add("third"); return InterruptionOutcome.Handled; });

        await new ConversationHarness().Start(new ExerciseCheckInDialog(), first, second, third)
            .Send("hi")
            .AssertNoReply("nothing more", 300)
            .StartTestAsync();

        Assert.Equal(["first", "second"], asked);
    }

    [Fact]
    public async Task Help_with_nothing_running_replies_without_starting_a_dialog()
    {
        var conversation = new ConversationHarness();

        await conversation.Start(new ExerciseCheckInDialog(), new TestPolicy())
            .Send("help")
            .AssertReply(Help)
            .AssertNoReply("nothing more", 300)
            .StartTestAsync();

        Assert.Empty((await conversation.ReadStoredStackAsync()).DialogStack);
    }

    [Fact]
    public async Task Only_a_message_starts_the_root_dialog()
    {
        await new ConversationHarness().Start(new ExerciseCheckInDialog())
            .Send(new Activity(ActivityTypes.ConversationUpdate))
            .Send(new Activity(ActivityTypes.Typing))
            .AssertNoReply("nothing more", 300)
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .StartTestAsync();
    }

    internal sealed class NoValues;

    private sealed class DelegateHandler(Func<DialogContext, InterruptionOutcome> decide) : IInterruptionHandler
    {
        public Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken cancellationToken) =>
            Task.FromResult(decide(dc));
    }

    /// <summary>
    /// The kind of policy HepBot's host supplies; here with fixed English words. The language switch
    /// sets the activity locale, as the channel mapping would from the patient's saved preference.
    /// </summary>
    private sealed class TestPolicy : IInterruptionHandler
    {
        public async Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken cancellationToken)
        {
            switch (dc.Context.Activity.Text?.Trim().ToLowerInvariant())
            {
                case "help":
                    await dc.Context.SendActivityAsync(Help, cancellationToken: cancellationToken);
                    return InterruptionOutcome.Reprompt;

                case "stop":
                    await dc.CancelAllDialogsAsync(cancellationToken);
                    await dc.Context.SendActivityAsync("Okay, we'll stop here.", cancellationToken: cancellationToken);
                    return InterruptionOutcome.Handled;

                case "menu":
                    await dc.CancelAllDialogsAsync(cancellationToken);
                    await dc.BeginDialogAsync("menu", cancellationToken: cancellationToken);
                    return InterruptionOutcome.Handled;

                case "español":
                    dc.Context.Activity.Locale = "es";
                    await dc.Context.SendActivityAsync("De acuerdo, seguimos en español.", cancellationToken: cancellationToken);
                    return InterruptionOutcome.Reprompt;

                default:
                    return InterruptionOutcome.NotInterrupted;
            }
        }
    }
}
