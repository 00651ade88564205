using Microsoft.Bot.Builder.Adapters;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.Tests.DialogLayer;

public sealed class DialogStateTests
{
    private static readonly DateTimeOffset MondayMorningMadrid = new(2026, 3, 30, 9, 15, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Typed_values_survive_storage_with_their_types()
    {
        var conversation = new ConversationHarness();

        await conversation.Start(SessionDialog())
            .Send("hi")
            .AssertReply("Set 1 of 3. Say done when finished.")
            .StartTestAsync();

        // Next turn, after a restart: new ConversationState, new dialog objects, same storage.
        await conversation.Start(SessionDialog())
            .Send("done")
            .AssertReply("Heel slides: sets [10, 8], started 2026-03-30T09:15:00+02:00, warm-up")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_int_is_stored_as_an_integer_and_read_back_as_an_int()
    {
        var conversation = new ConversationHarness();

        await conversation.Start(SessionDialog())
            .Send("hi")
            .AssertReply("Set 1 of 3. Say done when finished.")
            .StartTestAsync();

        var stored = Assert.Single((await conversation.ReadStoredStackAsync()).DialogStack);
        var json = JObject.Parse(stored.StateJson);
        Assert.Equal(JTokenType.Integer, json["Values"]!["Sets"]!.Type);
        Assert.Equal(JTokenType.Integer, json["Values"]!["Current"]!["Repetitions"]![0]!.Type);

        var values = stored.GetState<WaterfallState<Session>>().Values;
        object sets = values.Sets;
        Assert.IsType<int>(sets);
        Assert.Equal(3, values.Sets);
        Assert.Equal(MondayMorningMadrid, values.Current!.StartedAt);
        Assert.Equal(TimeSpan.FromHours(2), values.Current.StartedAt.Offset);
    }

    [Fact]
    public async Task A_conversation_continues_where_it_was_after_a_restart()
    {
        var conversation = new ConversationHarness();

        await conversation.Start(new ExerciseCheckInDialog())
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .Send("12")
            .AssertReply(ExerciseCheckInDialog.PainQuestion)
            .StartTestAsync();

        await conversation.Start(new ExerciseCheckInDialog())
            .Send("4")
            .AssertReply(ExerciseCheckInDialog.HarderQuestion)
            .StartTestAsync();

        await conversation.Start(new ExerciseCheckInDialog())
            .Send("no")
            .AssertReply("Logged 12 repetitions, pain 4/10, not harder than last time.")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_prompt_keeps_its_attempt_count_across_a_restart()
    {
        var options = new PromptOptions
        {
            Prompt = MessageFactory.Text("How many sets?"),
            RetryPrompt = MessageFactory.Text("A number, please."),
            MaxAttempts = 2,
        };
        var firstRun = PromptProbe.Ask(new NumberPrompt("sets", 0, 5), options);

        await firstRun.Flow
            .Send("hi")
            .AssertReply("How many sets?")
            .Send("many")
            .AssertReply("A number, please.")
            .StartTestAsync();

        var restart = new WaterfallDialog<PromptProbe.NoValues>("probe")
            .AddStep((step, ct) => step.PromptAsync("sets", options, ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Got {PromptProbe.Describe(step.Result)}", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

        await firstRun.Conversation.Start(restart, set => set.Add(new NumberPrompt("sets", 0, 5)))
            .Send("loads")
            .AssertReply("Got nothing")
            .StartTestAsync();
    }

    [Fact]
    public void Defaults_in_a_values_class_are_not_duplicated_by_a_round_trip()
    {
        var instance = new DialogInstance("session");
        instance.GetState<Session>().Sets = 2;

        var copy = new DialogInstance("session") { StateJson = instance.StateJson };
        var again = new DialogInstance("session") { StateJson = copy.StateJson };

        Assert.Equal(["warm-up"], again.GetState<Session>().Notes);
        Assert.Equal(2, again.GetState<Session>().Sets);
    }

    [Fact]
    public void A_property_set_to_null_stays_null()
    {
        var instance = new DialogInstance("session");
        instance.SetState(new Session { Notes = null });

        var copy = new DialogInstance("session") { StateJson = instance.StateJson };

        Assert.Null(copy.GetState<Session>().Notes);
    }

    [Fact]
    public void Asking_for_another_state_type_than_the_dialog_uses_is_an_error()
    {
        var instance = new DialogInstance("session");
        instance.GetState<Session>();

        var error = Assert.Throws<InvalidOperationException>(() => instance.GetState<PromptState>());
        Assert.Equal("Dialog 'session' keeps its state as Session, not PromptState.", error.Message);
    }

    [Fact]
    public async Task A_stored_stack_naming_a_removed_dialog_is_reset_and_the_reset_handler_picks_up()
    {
        var conversation = new ConversationHarness();
        await conversation.Start(new ExerciseCheckInDialog())
            .Send("hi")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .StartTestAsync();

        var renamed = new ExerciseCheckInDialog("checkInV2");
        var runner = new DialogRunner(renamed, new ConversationState(conversation.Storage), stackReset: new BeginAgain(renamed.Id));
        await new TestFlow(conversation.Adapter, (turn, ct) => runner.RunAsync(turn, ct))
            .Send("12")
            .AssertReply(ExerciseCheckInDialog.RepetitionsQuestion)
            .StartTestAsync();

        Assert.Equal(["checkInV2"], (await conversation.ReadStoredStackAsync()).DialogStack.Select(d => d.Id));
    }

    /// <summary>Starts the given dialog on the emptied stack, as HepBot's recovery starts today's session.</summary>
    private sealed class BeginAgain(string dialogId) : IStackResetHandler
    {
        public Task<DialogTurnResult> OnStackResetAsync(DialogContext dc, CancellationToken cancellationToken) =>
            dc.BeginDialogAsync(dialogId, null, cancellationToken);
    }

    private static WaterfallDialog<Session> SessionDialog() =>
        new WaterfallDialog<Session>("session")
            .AddStep(async (step, ct) =>
            {
                step.Values.Sets = 3;
                step.Values.Current = new ExerciseInProgress
                {
                    Exercise = "Heel slides",
                    StartedAt = MondayMorningMadrid,
                    Repetitions = [10, 8],
                };
                await step.Context.SendActivityAsync($"Set 1 of {step.Values.Sets}. Say done when finished.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                var current = step.Values.Current!;
                await step.Context.SendActivityAsync(
                    $"{current.Exercise}: sets [{string.Join(", ", current.Repetitions)}], " +
                    $"started {current.StartedAt:yyyy-MM-ddTHH:mm:sszzz}, {string.Join(", ", step.Values.Notes!)}",
                    cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            });

    internal sealed class Session
    {
        public int Sets { get; set; }

        public ExerciseInProgress? Current { get; set; }

        public List<string>? Notes { get; set; } = ["warm-up"];
    }

    internal sealed class ExerciseInProgress
    {
        public string Exercise { get; set; } = string.Empty;

        public DateTimeOffset StartedAt { get; set; }

        public List<int> Repetitions { get; set; } = [];
    }
}
