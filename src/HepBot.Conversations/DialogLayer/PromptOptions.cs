using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.DialogLayer;

/// <summary>What a prompt says and accepts. Persisted with the prompt while it waits.</summary>
public sealed class PromptOptions
{
    /// <summary>The question. Required.</summary>
    public Activity? Prompt { get; set; }

    /// <summary>Sent instead of <see cref="Prompt"/> after an answer that was not understood or not valid.</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>The answers a <see cref="ChoicePrompt"/> offers.</summary>
    public List<Choice>? Choices { get; set; }

    /// <summary>Extra data for a validator, read with <see cref="GetValidations{T}"/>.</summary>
    public JToken? Validations { get; set; }

    /// <summary>
    /// After this many answers that were not accepted the prompt gives up and ends with a null
    /// result, so the calling step decides what happens next. Unlimited when not set.
    /// </summary>
    public int? MaxAttempts { get; set; }

    /// <summary>
    /// Which asking of the question this is: set by the prompt when it begins (see <see cref="PromptIdentity"/>),
    /// carried by its buttons, and checked when a press comes back.
    /// </summary>
    public string? PromptId { get; set; }

    public T? GetValidations<T>() =>
        Validations is null ? default : Validations.ToObject<T>(DialogStateSerializer.Serializer);

    public PromptOptions WithValidations(object validations)
    {
        Validations = JToken.FromObject(validations, DialogStateSerializer.Serializer);
        return this;
    }
}
