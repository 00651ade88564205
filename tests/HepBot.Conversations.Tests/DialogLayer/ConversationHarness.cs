using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.Tests.DialogLayer;

/// <summary>
/// One patient conversation over in-memory storage. <see cref="Start(Dialog, IInterruptionHandler[])"/> can be called again with a
/// fresh dialog tree to play a bot restart: new ConversationState, same storage.
/// </summary>
internal sealed class ConversationHarness
{
    public ConversationHarness() => Storage = new MemoryStorage(StoredDocuments);

    /// <summary>What MemoryStorage holds, as JSON documents keyed by storage key.</summary>
    public Dictionary<string, JObject> StoredDocuments { get; } = [];

    public MemoryStorage Storage { get; }

    public TestAdapter Adapter { get; } = new(TestAdapter.CreateConversation(nameof(ConversationHarness)));

    public DialogRunner Runner { get; private set; } = null!;

    public TestFlow Start(Dialog root, params IInterruptionHandler[] interruptionHandlers)
    {
        Runner = new DialogRunner(root, new ConversationState(Storage), interruptionHandlers);
        return new TestFlow(Adapter, async (turnContext, ct) => await Runner.RunAsync(turnContext, ct));
    }

    /// <summary>Starts a single dialog (a prompt, a waterfall) as the root.</summary>
    public TestFlow Start(Dialog root, Action<DialogSet> addDialogs, params IInterruptionHandler[] interruptionHandlers)
    {
        var flow = Start(root, interruptionHandlers);
        addDialogs(Runner.Dialogs);
        return flow;
    }

    /// <summary>The stack as the next turn will read it, through a fresh ConversationState.</summary>
    public async Task<DialogState> ReadStoredStackAsync()
    {
        var state = new ConversationState(Storage);
        var activity = (Activity)Activity.CreateMessageActivity();
        activity.ApplyConversationReference(Adapter.Conversation, isIncoming: true);
        var turn = new TurnContext(Adapter, activity);
        await state.LoadAsync(turn, false, TestContext.Current.CancellationToken);
        return await state.CreateProperty<DialogState>(DialogRunner.DialogStatePropertyName)
            .GetAsync(turn, () => new DialogState(), TestContext.Current.CancellationToken);
    }

    public static Activity Submit(object value) =>
        new() { Type = ActivityTypes.Message, Value = value };
}

internal static class TestFlowExtensions
{
    /// <summary>Asserts the reply's text and the labels and values of its suggested actions.</summary>
    public static TestFlow AssertReplyWithButtons(this TestFlow flow, string text, params (string Label, string Value)[] buttons) =>
        flow.AssertReply(activity =>
        {
            var message = Assert.IsType<Activity>(activity);
            Assert.Equal(text, message.Text);
            Assert.NotNull(message.SuggestedActions);
            Assert.All(message.SuggestedActions.Actions, action => Assert.Equal(ActionTypes.ImBack, action.Type));
            Assert.Equal(buttons, message.SuggestedActions.Actions.Select(a => (a.Title, (string)a.Value)));
        });

    public static TestFlow AssertReplyWithoutButtons(this TestFlow flow, string text) =>
        flow.AssertReply(activity =>
        {
            var message = Assert.IsType<Activity>(activity);
            Assert.Equal(text, message.Text);
            Assert.Null(message.SuggestedActions);
        });
}
