using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.DialogLayer;

/// <summary>How prompts read what the user sent: typed text or a button/card submit.</summary>
internal static class UserAnswer
{
    private static readonly char[] SurroundingPunctuation = ['.', '!', '?', '¡', '¿', ','];

    /// <summary>Text trimmed of whitespace and surrounding punctuation ("Sí!" → "Sí"); null when empty.</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim().Trim(SurroundingPunctuation).Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>
    /// The value of a button or card submit in <see cref="Activity.Value"/>: a string or number, or
    /// an object's <c>choice</c> or <c>value</c> property (Teams Action.Submit data).
    /// </summary>
    public static string? Submitted(IActivity activity)
    {
        var value = (activity as IMessageActivity)?.Value;
        if (value is null)
        {
            return null;
        }

        var token = value as JToken ?? JToken.FromObject(value);
        if (token is JObject submit)
        {
            token = Property(submit, "choice") ?? Property(submit, "value");
        }

        // A whole-number float (7.0) prints as "7"; any other float fails the prompt's own parsing.
        return token?.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float ? Normalize(token.ToString()) : null;
    }

    /// <summary>The submitted value when there is one, else the typed text.</summary>
    public static string? Read(IActivity activity) =>
        Submitted(activity) ?? Normalize((activity as IMessageActivity)?.Text);

    private static JToken? Property(JObject submit, string name) =>
        submit.GetValue(name, StringComparison.OrdinalIgnoreCase);
}
