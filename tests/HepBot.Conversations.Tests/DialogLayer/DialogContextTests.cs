using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class DialogContextTests
{
    [Fact]
    public async Task ReplaceDialogAsync_loops_a_set_without_growing_the_stack_and_resumes_the_parent_once()
    {
        var conversation = new ConversationHarness();
        var parentResumed = 0;
        var stackDepths = new List<int>();

        var set = new WaterfallDialog<NoValues>("set")
            .AddStep((step, ct) =>
            {
                stackDepths.Add(step.Stack.Count);
                var number = step.GetOptions<SetNumber>().Number;
                return step.PromptAsync("another", new PromptOptions
                {
                    Prompt = MessageFactory.Text($"Set {number} done. Another set?"),
                }, ct);
            })
            .AddStep((step, ct) =>
            {
                var number = step.GetOptions<SetNumber>().Number;
                return step.GetResult<bool>()
                    ? step.ReplaceDialogAsync("set", new SetNumber(number + 1), ct)
                    : step.EndDialogAsync(number, ct);
            });
        var root = new WaterfallDialog<NoValues>("root")
            .AddStep((step, ct) => step.BeginDialogAsync("set", new SetNumber(1), ct))
            .AddStep(async (step, ct) =>
            {
                parentResumed++;
                await step.Context.SendActivityAsync($"Well done: {step.GetResult<int>()} sets.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await conversation.Start(root, dialogs => dialogs.Add(set).Add(new ConfirmPrompt("another", ExerciseCheckInDialog.YesNo)))
            .Send("hi")
            .AssertReply("Set 1 done. Another set?")
            .Send("yes")
            .AssertReply("Set 2 done. Another set?")
            .Send("yes")
            .AssertReply("Set 3 done. Another set?")
            .Send("no")
            .AssertReply("Well done: 3 sets.")
            .StartTestAsync();

        Assert.Equal(1, parentResumed);
        Assert.Equal([2, 2, 2], stackDepths);
    }

    [Fact]
    public async Task CancelAllDialogsAsync_empties_the_stack_and_reports_cancelled()
    {
        DialogTurnResult? cancelled = null;
        var root = new WaterfallDialog<NoValues>("root")
            .AddStep((step, ct) => step.BeginDialogAsync(nameof(ExerciseCheckInDialog), cancellationToken: ct))
            .AddStep((step, ct) => Task.FromResult(Dialog.EndOfTurn));
        var conversation = new ConversationHarness();

        await conversation.Start(root, set => set.Add(new ExerciseCheckInDialog()))
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .StartTestAsync();

        await new TestFlowCallback(conversation, async (dc, ct) => cancelled = await dc.CancelAllDialogsAsync(ct))
            .RunAsync("bye");

        Assert.Equal(DialogTurnStatus.Cancelled, cancelled!.Status);
        Assert.Empty((await conversation.ReadStoredStackAsync()).DialogStack);
    }

    [Fact]
    public async Task On_an_empty_stack_continue_and_cancel_report_empty()
    {
        var results = new List<DialogTurnStatus>();
        var conversation = new ConversationHarness();

        await new TestFlowCallback(conversation, async (dc, ct) =>
        {
            Assert.Null(dc.ActiveDialog);
            results.Add((await dc.ContinueDialogAsync(ct)).Status);
            results.Add((await dc.CancelAllDialogsAsync(ct)).Status);
            await dc.RepromptDialogAsync(ct);
        }).RunAsync("hi");

        Assert.Equal([DialogTurnStatus.Empty, DialogTurnStatus.Empty], results);
    }

    [Fact]
    public async Task Beginning_an_unknown_dialog_names_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new TestFlowCallback(new ConversationHarness(), (dc, ct) => dc.BeginDialogAsync("nowhere", cancellationToken: ct))
                .RunAsync("hi"));
        Assert.StartsWith("Dialog 'nowhere' is not in this DialogSet or its parents.", error.Message);
    }

    [Fact]
    public void Two_dialogs_with_the_same_id_cannot_share_a_set()
    {
        var set = new DialogSet(new ConversationState(new MemoryStorage()).CreateProperty<DialogState>("stack"));
        set.Add(new TextPrompt("note", 100));

        var error = Assert.Throws<InvalidOperationException>(() => set.Add(new TextPrompt("note", 50)));
        Assert.Equal("A dialog with id 'note' is already in this set.", error.Message);
        Assert.NotNull(set.Find("note"));
        Assert.Null(set.Find("other"));
    }

    [Fact]
    public async Task Completing_the_last_dialog_reports_its_result()
    {
        DialogTurnResult? result = null;
        var conversation = new ConversationHarness();
        var quick = new WaterfallDialog<NoValues>("quick").AddStep((step, ct) => step.EndDialogAsync("done", ct));

        await new TestFlowCallback(conversation, async (dc, ct) => result = await dc.BeginDialogAsync("quick", cancellationToken: ct), quick)
            .RunAsync("hi");

        Assert.Equal(DialogTurnStatus.Complete, result!.Status);
        Assert.Equal("done", result.Result);
    }

    internal sealed class NoValues;

    internal sealed record SetNumber(int Number);

    /// <summary>One turn against the conversation's stored stack with a hand-written callback.</summary>
    private sealed class TestFlowCallback(
        ConversationHarness conversation, Func<DialogContext, CancellationToken, Task> turn, params Dialog[] dialogs)
    {
        public Task RunAsync(string text)
        {
            var state = new ConversationState(conversation.Storage);
            var set = new DialogSet(state.CreateProperty<DialogState>(DialogRunner.DialogStatePropertyName));
            set.Add(new ExerciseCheckInDialog());
            set.Add(new WaterfallDialog<NoValues>("root").AddStep((step, ct) => Task.FromResult(Dialog.EndOfTurn)));
            foreach (var dialog in dialogs)
            {
                set.Add(dialog);
            }

            return new Microsoft.Bot.Builder.Adapters.TestFlow(conversation.Adapter, async (turnContext, ct) =>
                {
                    var dc = await set.CreateContextAsync(turnContext, ct);
                    await turn(dc, ct);
                    await state.SaveChangesAsync(turnContext, false, ct);
                })
                .Send(text)
                .StartTestAsync();
        }
    }
}
