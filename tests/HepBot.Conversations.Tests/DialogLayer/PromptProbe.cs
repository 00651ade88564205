using HepBot.Conversations.DialogLayer;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.Tests.DialogLayer;

/// <summary>A root waterfall that asks one prompt and says what came back.</summary>
internal static class PromptProbe
{
    public static TestFlowStart Ask(Dialog prompt, PromptOptions options, params IInterruptionHandler[] handlers)
    {
        var conversation = new ConversationHarness();
        var probe = new WaterfallDialog<NoValues>("probe")
            .AddStep((step, ct) => step.PromptAsync(prompt.Id, options, ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Got {Describe(step.Result)}", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            });
        return new TestFlowStart(conversation, conversation.Start(probe, set => set.Add(prompt), handlers));
    }

    public static string Describe(object? result) => result switch
    {
        null => "nothing",
        FoundChoice choice => $"{choice.Value} (#{choice.Index})",
        bool answer => answer ? "yes" : "no",
        _ => $"{result} ({result.GetType().Name})",
    };

    /// <summary>A button or card submit: the JSON lands in Activity.Value, with no text.</summary>
    public static Microsoft.Bot.Schema.Activity Submit(string json) =>
        ConversationHarness.Submit(JToken.Parse(json));

    internal sealed class NoValues;

    internal sealed record TestFlowStart(ConversationHarness Conversation, Microsoft.Bot.Builder.Adapters.TestFlow Flow);
}
