using HepBot.Conversations.DialogLayer;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class WaterfallDialogTests
{
    [Fact]
    public async Task Check_in_walks_through_its_questions_across_turns()
    {
        var conversation = new ConversationHarness();

        await conversation.Start(new ExerciseCheckInDialog())
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("12")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .Send("3")
            .AssertReply(ExerciseCheckInDialog.HarderQuestion)
            .Send("no")
            .AssertReply("Logged 12 repetitions, pain 3/10, not harder than last time.")
            .StartTestAsync();

        Assert.Empty((await conversation.ReadStoredStackAsync()).DialogStack);
    }

    [Fact]
    public async Task A_step_without_a_prompt_receives_the_users_text_as_its_result()
    {
        var waterfall = new WaterfallDialog<Notes>("notes")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Anything to tell your physio?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                Assert.Equal(DialogReason.ContinueCalled, step.Reason);
                await step.Context.SendActivityAsync($"Noted: {step.Result}", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await new ConversationHarness().Start(waterfall)
            .Send("hi")
            .AssertReply("Anything to tell your physio?")
            .Send("My knee clicks")
            .AssertReply("Noted: My knee clicks")
            .StartTestAsync();
    }

    [Fact]
    public async Task NextAsync_runs_the_following_step_in_the_same_turn_with_its_result()
    {
        var seen = new List<(int Index, DialogReason Reason, object? Result)>();
        var waterfall = new WaterfallDialog<Notes>("skip")
            .AddStep((step, ct) =>
            {
                seen.Add((step.Index, step.Reason, step.Result));
                return step.NextAsync("warm-up done", ct);
            })
            .AddStep(async (step, ct) =>
            {
                seen.Add((step.Index, step.Reason, step.Result));
                await step.Context.SendActivityAsync("Now the main set.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await new ConversationHarness().Start(waterfall)
            .Send("start")
            .AssertReply("Now the main set.")
            .StartTestAsync();

        Assert.Equal([(0, DialogReason.BeginCalled, null), (1, DialogReason.NextCalled, (object?)"warm-up done")], seen);
    }

    [Fact]
    public async Task NextAsync_twice_in_one_step_is_a_programming_error()
    {
        var waterfall = new WaterfallDialog<Notes>("twice")
            .AddStep(async (step, ct) =>
            {
                await step.NextAsync(cancellationToken: ct);
                return await step.NextAsync(cancellationToken: ct);
            })
            .AddStep((step, ct) => Task.FromResult(Dialog.EndOfTurn));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ConversationHarness().Start(waterfall).Send("start").StartTestAsync());
        Assert.Contains("NextAsync was already called in step 0", error.Message);
    }

    [Fact]
    public async Task Options_are_read_typed_on_later_turns()
    {
        var waterfall = new WaterfallDialog<Notes>("dose")
            .AddStep(async (step, ct) =>
            {
                var dose = step.GetOptions<DoseOptions>();
                await step.Context.SendActivityAsync($"Today: {dose.Exercise}, {dose.Sets} sets. Ready?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                var dose = step.GetOptions<DoseOptions>();
                await step.Context.SendActivityAsync($"Start set 1 of {dose.Sets}: {dose.Exercise}.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });
        var root = new WaterfallDialog<Notes>("root")
            .AddStep((step, ct) => step.BeginDialogAsync("dose", new DoseOptions("Heel slides", 3), ct));

        await new ConversationHarness().Start(root, set => set.Add(waterfall))
            .Send("hi")
            .AssertReply("Today: Heel slides, 3 sets. Ready?")
            .Send("ready")
            .AssertReply("Start set 1 of 3: Heel slides.")
            .StartTestAsync();
    }

    [Fact]
    public async Task GetOptions_without_options_names_the_waterfall_and_the_expected_type()
    {
        var waterfall = new WaterfallDialog<Notes>("dose")
            .AddStep((step, ct) => Task.FromResult(new DialogTurnResult(DialogTurnStatus.Complete, step.GetOptions<DoseOptions>())));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ConversationHarness().Start(waterfall).Send("hi").StartTestAsync());
        Assert.Equal("Waterfall 'dose' was begun without options; expected DoseOptions.", error.Message);
    }

    [Fact]
    public async Task GetResult_of_the_wrong_type_names_the_step_and_both_types()
    {
        var waterfall = new WaterfallDialog<Notes>("pain")
            .AddStep((step, ct) => Task.FromResult(Dialog.EndOfTurn))
            .AddStep((step, ct) => step.EndDialogAsync(step.GetResult<int>(), ct));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ConversationHarness().Start(waterfall).Send("hi").Send("seven").StartTestAsync());
        Assert.Equal("Step 1 of waterfall 'pain' expected a Int32 result but got String.", error.Message);
    }

    [Fact]
    public async Task The_last_step_result_is_returned_to_the_dialog_that_began_the_waterfall()
    {
        var child = new WaterfallDialog<Notes>("child")
            .AddStep((step, ct) => step.NextAsync(42, ct));
        var parent = new WaterfallDialog<Notes>("parent")
            .AddStep((step, ct) => step.BeginDialogAsync("child", cancellationToken: ct))
            .AddStep(async (step, ct) =>
            {
                Assert.Equal(DialogReason.EndCalled, step.Reason);
                await step.Context.SendActivityAsync($"Child finished with {step.GetResult<int>()}", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await new ConversationHarness().Start(parent, set => set.Add(child))
            .Send("hi")
            .AssertReply("Child finished with 42")
            .StartTestAsync();
    }

    internal sealed class Notes
    {
        public string? Text { get; set; }
    }

    internal sealed record DoseOptions(string Exercise, int Sets);
}
