using System.Security.Cryptography;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Ties a button answer to the question it belongs to. Each time a prompt begins it gets a short id;
/// its buttons carry it (in the action's channel data, which the channel adapters turn into Telegram
/// callback data or Teams card data) and a press comes back with it in <see cref="Activity.Value"/>
/// as <c>{ "choice": value, "prompt": id }</c>. A press whose id is not the question being asked now
/// (an old keyboard, a repeated tap, a redelivery) answers nothing. Typed answers carry no id and
/// answer whatever is being asked.
/// </summary>
public static class PromptIdentity
{
    /// <summary>The property name in a button's channel data and in a submitted value.</summary>
    public const string Property = "prompt";

    /// <summary>Length of an id: short enough for Telegram's 64-byte callback data, random enough never to repeat within a chat.</summary>
    public const int IdLength = 6;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, IdLength);

    public static bool IsId(string? text) =>
        text is { Length: IdLength } && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>Marks every suggested action of <paramref name="activity"/> as an answer to <paramref name="promptId"/>.</summary>
    public static void Stamp(IMessageActivity activity, string? promptId)
    {
        if (promptId is null || activity.SuggestedActions?.Actions is not { } actions)
            return;
        foreach (var action in actions)
            action.ChannelData = new JObject { [Property] = promptId };
    }

    /// <summary>The prompt a button answers; null for a button that belongs to no prompt (a reminder's, say).</summary>
    public static string? OfButton(CardAction action)
    {
        if (action.ChannelData is null)
            return null;
        var data = action.ChannelData as JToken ?? JToken.FromObject(action.ChannelData);
        return data is JObject o && o.GetValue(Property, StringComparison.Ordinal) is { Type: JTokenType.String } id && IsId((string?)id)
            ? (string?)id
            : null;
    }

    /// <summary>
    /// The prompt a press answers, from the submitted value; null for typed text. An id that is present but
    /// malformed comes back as it is, so it matches no prompt and is refused as stale.
    /// </summary>
    public static string? OfAnswer(IActivity activity)
    {
        var value = (activity as IMessageActivity)?.Value;
        if (value is null)
            return null;
        JToken token;
        try
        {
            token = value as JToken ?? JToken.FromObject(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
        return token is JObject submit && submit.GetValue(Property, StringComparison.OrdinalIgnoreCase) is { } id
            ? id.Type == JTokenType.String ? (string?)id ?? "" : id.ToString(Newtonsoft.Json.Formatting.None)
            : null;
    }

    /// <summary>What a press of a stamped button sends: the choice and the prompt it answers.</summary>
    public static JObject Submit(string choice, string promptId) =>
        new() { ["choice"] = choice, [Property] = promptId };
}
