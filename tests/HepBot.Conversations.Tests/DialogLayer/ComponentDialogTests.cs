using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class ComponentDialogTests
{
    [Fact]
    public async Task A_component_returns_its_result_to_the_dialog_that_began_it()
    {
        var root = new WaterfallDialog<NoValues>("today")
            .AddStep((step, ct) => step.BeginDialogAsync(nameof(ExerciseCheckInDialog), cancellationToken: ct))
            .AddStep(async (step, ct) =>
            {
                var checkIn = step.GetResult<ExerciseCheckInDialog.CheckIn>();
                await step.Context.SendActivityAsync($"Saved: {checkIn.Repetitions} repetitions.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await new ConversationHarness().Start(root, set => set.Add(new ExerciseCheckInDialog()))
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("15")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .Send("2/10")
            .AssertReply(ExerciseCheckInDialog.HarderQuestion)
            .Send("yes")
            .AssertReply("Logged 15 repetitions, pain 2/10, harder than last time.")
            .AssertReply("Saved: 15 repetitions.")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_inner_stack_is_kept_inside_the_components_own_state()
    {
        var conversation = new ConversationHarness();

        await conversation.Start(new ExerciseCheckInDialog())
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("12")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .StartTestAsync();

        var stack = (await conversation.ReadStoredStackAsync()).DialogStack;
        var component = Assert.Single(stack);
        Assert.Equal(nameof(ExerciseCheckInDialog), component.Id);

        var inner = component.GetState<ComponentState>().Children.DialogStack;
        Assert.Equal(["pain", "checkIn"], inner.Select(i => i.Id));
        Assert.Equal(12, inner[1].GetState<WaterfallState<ExerciseCheckInDialog.CheckIn>>().Values.Repetitions);
    }

    [Fact]
    public async Task Components_nest_and_inner_dialogs_see_their_parent_context()
    {
        string? parentSeenByInnerStep = null;
        var outer = new ComponentDialog("weeklyReview");
        outer.AddDialog(new WaterfallDialog<NoValues>("review")
            .AddStep((step, ct) =>
            {
                parentSeenByInnerStep = step.Parent?.ActiveDialog?.Id;
                return step.BeginDialogAsync(nameof(ExerciseCheckInDialog), cancellationToken: ct);
            })
            .AddStep(async (step, ct) =>
            {
                var checkIn = step.GetResult<ExerciseCheckInDialog.CheckIn>();
                await step.Context.SendActivityAsync($"Weekly review done, pain {checkIn.Pain}.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            }));
        outer.AddDialog(new ExerciseCheckInDialog());

        await new ConversationHarness().Start(outer)
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("10")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .Send("5")
            .AssertReply(ExerciseCheckInDialog.HarderQuestion)
            .Send("n")
            .AssertReply("Logged 10 repetitions, pain 5/10, not harder than last time.")
            .AssertReply("Weekly review done, pain 5.")
            .StartTestAsync();

        Assert.Equal("weeklyReview", parentSeenByInnerStep);
    }

    [Fact]
    public async Task An_inner_dialog_can_begin_a_dialog_registered_with_a_parent()
    {
        var shared = new WaterfallDialog<NoValues>("safetyNote")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Stop if the pain goes above 5.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });
        var component = new ComponentDialog("session");
        component.AddDialog(new WaterfallDialog<NoValues>("steps")
            .AddStep((step, ct) => step.BeginDialogAsync("safetyNote", cancellationToken: ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Let's begin.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            }));

        await new ConversationHarness().Start(component, set => set.Add(shared))
            .Send("hi")
            .AssertReply("Stop if the pain goes above 5.")
            .AssertReply("Let's begin.")
            .StartTestAsync();
    }

    [Fact]
    public async Task InitialDialogId_chooses_which_inner_dialog_starts()
    {
        var component = new ComponentDialog("session");
        component.AddDialog(new WaterfallDialog<NoValues>("first").AddStep((step, ct) => step.EndDialogAsync("first", ct)));
        component.AddDialog(new WaterfallDialog<NoValues>("second").AddStep((step, ct) => step.EndDialogAsync("second", ct)));
        component.InitialDialogId = "second";

        var root = new WaterfallDialog<NoValues>("root")
            .AddStep((step, ct) => step.BeginDialogAsync("session", cancellationToken: ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Started with {step.Result}", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await new ConversationHarness().Start(root, set => set.Add(component))
            .Send("hi")
            .AssertReply("Started with second")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancelling_the_stack_ends_the_components_children_too()
    {
        var ended = new List<(string Id, DialogReason Reason)>();
        var component = new ComponentDialog("session");
        component.AddDialog(new WaterfallDialog<NoValues>("steps")
            .AddStep((step, ct) => step.PromptAsync("note", new PromptOptions { Prompt = MessageFactory.Text("Any notes?") }, ct)));
        component.AddDialog(new RecordingTextPrompt("note", ended));

        await new ConversationHarness().Start(component, new StopHandler())
            .Send("hi")
            .AssertReply("Any notes?")
            .Send("stop")
            .AssertReply("Okay, we'll stop here.")
            .StartTestAsync();

        Assert.Equal([("note", DialogReason.CancelCalled)], ended);
    }

    [Fact]
    public async Task A_component_without_dialogs_says_so()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ConversationHarness().Start(new ComponentDialog("empty")).Send("hi").StartTestAsync());
        Assert.Equal("Component dialog 'empty' has no dialogs.", error.Message);
    }

    internal sealed class NoValues;

    private sealed class RecordingTextPrompt(string id, List<(string, DialogReason)> ended) : TextPrompt(id, 200)
    {
        public override Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
        {
            ended.Add((instance.Id, reason));
            return base.EndDialogAsync(turnContext, instance, reason, cancellationToken);
        }
    }

    private sealed class StopHandler : IInterruptionHandler
    {
        public async Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken cancellationToken)
        {
            if (dc.Context.Activity.Text != "stop")
            {
                return InterruptionOutcome.NotInterrupted;
            }

            await dc.CancelAllDialogsAsync(cancellationToken);
            await dc.Context.SendActivityAsync("Okay, we'll stop here.", cancellationToken: cancellationToken);
            return InterruptionOutcome.Handled;
        }
    }
}
