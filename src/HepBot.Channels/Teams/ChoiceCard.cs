using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Channels.Teams;

/// <summary>
/// An Adaptive Card (schema 1.5, the newest Teams renders) holding a question's text, its pictures and one
/// <c>Action.Submit</c> per answer. Built as raw JSON, as the Bot Framework sends it; no AdaptiveCards package.
/// </summary>
public static class ChoiceCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaVersion = "1.5";

    /// <summary>Short answers such as a 0–10 scale fit six to a row; longer labels three.</summary>
    public const int ShortLabelsPerRow = 6;
    public const int LongLabelsPerRow = 3;
    private const int ShortLabelLength = 3;

    /// <returns>The card, and the attachments that could not go inside it (clips, files) to send alongside.</returns>
    public static (JObject Card, IReadOnlyList<Attachment> Kept) Build(string? text, IReadOnlyList<CardAction> actions, IReadOnlyList<Attachment> attachments)
    {
        var body = new JArray();
        var paragraphGap = false;
        foreach (var line in (text ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                paragraphGap = body.Count > 0;
                continue;
            }
            var block = new JObject { ["type"] = "TextBlock", ["text"] = line, ["wrap"] = true };
            if (body.Count == 0)
                block["weight"] = "Bolder";
            else
                block["spacing"] = paragraphGap ? "Medium" : "None";
            body.Add(block);
            paragraphGap = false;
        }

        var kept = new List<Attachment>();
        foreach (var attachment in attachments)
        {
            if (IsWebImage(attachment))
            {
                var image = new JObject { ["type"] = "Image", ["url"] = attachment.ContentUrl, ["size"] = "Stretch" };
                if (!string.IsNullOrWhiteSpace(attachment.Name))
                    image["altText"] = attachment.Name;
                body.Add(image);
            }
            else
            {
                kept.Add(attachment);
            }
        }

        var perRow = actions.All(a => (a.Title ?? "").Length <= ShortLabelLength) ? ShortLabelsPerRow : LongLabelsPerRow;
        foreach (var row in actions.Chunk(perRow))
            body.Add(new JObject { ["type"] = "ActionSet", ["actions"] = new JArray(row.Select(Submit)) });

        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = SchemaVersion,
            ["body"] = body,
        };
        return (card, kept);
    }

    /// <summary>
    /// The answer's value travels as <c>data.choice</c>, the prompt it answers as <c>data.prompt</c>: plain submit data, which Teams and
    /// Microsoft 365 Agents Playground both post back as the message's value (the Playground drops a submit carrying <c>msteams</c>
    /// messageBack or imBack). Teams shows nothing in the chat for such a tap, so <see cref="AnsweredCards"/> writes the chosen label
    /// into the card instead, as Telegram's question is edited.
    /// </summary>
    private static JObject Submit(CardAction action)
    {
        var value = action.Value?.ToString() ?? action.Title ?? "";
        var label = string.IsNullOrWhiteSpace(action.Title) ? value : action.Title;
        var data = new JObject { ["choice"] = value };
        // A prompt's button answers only that prompt: a tap on an older card is refused, not taken for the current question.
        if (PromptIdentity.OfButton(action) is { } promptId)
            data[PromptIdentity.Property] = promptId;
        return new JObject
        {
            ["type"] = "Action.Submit",
            ["title"] = label,
            ["data"] = data,
        };
    }

    /// <summary>
    /// The card as it reads once answered: the same question and pictures, the buttons replaced by the chosen label, so the
    /// chat shows what was tapped and the card cannot be tapped again. Null when <paramref name="choice"/> is none of its buttons.
    /// </summary>
    public static JObject? Answered(JObject card, string choice)
    {
        var body = card["body"] as JArray ?? [];
        var label = body.Where(IsActionSet)
            .SelectMany(set => set["actions"] as JArray ?? [])
            .FirstOrDefault(a => string.Equals((string?)a["data"]?["choice"], choice, StringComparison.Ordinal))?["title"]?.ToString();
        if (label is null)
            return null;
        var answered = (JObject)card.DeepClone();
        var answeredBody = new JArray(body.Where(e => !IsActionSet(e)).Select(e => e.DeepClone()));
        answeredBody.Add(new JObject { ["type"] = "TextBlock", ["text"] = "» " + label, ["wrap"] = true, ["weight"] = "Bolder", ["spacing"] = "Medium" });
        answered["body"] = answeredBody;
        return answered;
    }

    private static bool IsActionSet(JToken element) => (string?)element["type"] == "ActionSet";

    /// <summary>Teams fetches card images itself, so only images on the web can go inside the card.</summary>
    public static bool IsWebImage(Attachment attachment) =>
        attachment.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true
        && Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var url)
        && url.Scheme == Uri.UriSchemeHttps;
}
