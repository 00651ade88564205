using System.Text;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Schema;
using Telegram.Bot.Types.ReplyMarkups;

namespace HepBot.Channels.Telegram;

/// <summary>
/// Suggested actions as an inline keyboard. A button press comes back as a callback query whose data
/// is the action's value (Telegram allows 1–64 bytes); a button of a prompt also carries the prompt's id
/// (<see cref="PromptIdentity"/>), as <c>!id|value</c>, so the press answers only that question.
/// Short number-only scales (0–10 pain) sit in two balanced rows; words go up to three a row
/// while they fit on a phone, longer labels on a row of their own.
/// </summary>
public static class InlineKeyboards
{
    public const int MaxCallbackDataBytes = 64;
    private const int MaxNumbersPerRow = 6;
    private const int MaxWordsPerRow = 3;
    private const int MaxRowCharacters = 30;

    public static InlineKeyboardMarkup? From(SuggestedActions? suggested)
    {
        if (suggested?.Actions is not { Count: > 0 } actions)
            return null;
        var buttons = actions.Select(Button).ToList();
        var labels = buttons.Select(b => b.Text).ToList();
        var rows = labels.All(IsShortNumber) ? NumberRows(buttons) : WordRows(buttons);
        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>The label of the button that sent <paramref name="callbackData"/>, to show it as the answer.</summary>
    public static string? LabelOf(InlineKeyboardMarkup? keyboard, string callbackData) =>
        keyboard?.InlineKeyboard.SelectMany(row => row).FirstOrDefault(b => b.CallbackData == callbackData)?.Text;

    private static InlineKeyboardButton Button(CardAction action)
    {
        var label = string.IsNullOrWhiteSpace(action.Title) ? action.Value?.ToString() ?? "" : action.Title;
        if (action.Type == ActionTypes.OpenUrl && action.Value?.ToString() is { } url)
            return InlineKeyboardButton.WithUrl(label, url);
        var value = CallbackData(action.Value?.ToString() ?? action.Title ?? "", PromptIdentity.OfButton(action));
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes is 0 or > MaxCallbackDataBytes)
            throw new InvalidOperationException(
                $"The button '{label}' has a value of {bytes} bytes; Telegram callback data must be 1-{MaxCallbackDataBytes} bytes. Use a shorter choice value.");
        return InlineKeyboardButton.WithCallbackData(label, value);
    }

    private const char PromptMark = '!';
    private const char PromptEnd = '|';

    public static string CallbackData(string value, string? promptId) =>
        promptId is null || value.Length == 0 ? value : $"{PromptMark}{promptId}{PromptEnd}{value}";

    /// <summary>The choice value and the prompt id (null for a button of no prompt) in a press's callback data.</summary>
    public static (string Value, string? PromptId) ParseCallbackData(string data)
    {
        const int valueStart = PromptIdentity.IdLength + 2;
        return data.Length > valueStart && data[0] == PromptMark && data[valueStart - 1] == PromptEnd
            && PromptIdentity.IsId(data[1..(valueStart - 1)])
            ? (data[valueStart..], data[1..(valueStart - 1)])
            : (data, null);
    }

    private static bool IsShortNumber(string label) => label.Length <= 3 && label.All(char.IsAsciiDigit);

    private static List<List<InlineKeyboardButton>> NumberRows(List<InlineKeyboardButton> buttons)
    {
        var rowCount = (buttons.Count + MaxNumbersPerRow - 1) / MaxNumbersPerRow;
        var perRow = (buttons.Count + rowCount - 1) / rowCount;
        return buttons.Chunk(perRow).Select(row => row.ToList()).ToList();
    }

    private static List<List<InlineKeyboardButton>> WordRows(List<InlineKeyboardButton> buttons)
    {
        var rows = new List<List<InlineKeyboardButton>>();
        var row = new List<InlineKeyboardButton>();
        foreach (var button in buttons)
        {
            var width = row.Sum(b => b.Text.Length) + button.Text.Length;
            if (row.Count > 0 && (row.Count == MaxWordsPerRow || width > MaxRowCharacters))
            {
                rows.Add(row);
                row = [];
            }
            row.Add(button);
        }
        if (row.Count > 0)
            rows.Add(row);
        return rows;
    }
}
