using System.Globalization;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Schema;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HepBot.Channels.Telegram;

/// <summary>Telegram updates as Bot Framework activities on the "telegram" channel: the one place that maps Telegram input.</summary>
public static class TelegramActivities
{
    public const string ChannelId = "telegram";

    /// <summary>Telegram's own limits for a message's text and a caption; nothing Telegram sends is longer.</summary>
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;
    private const int MaxCallbackDataBytes = 64;

    /// <summary>
    /// Whether an update stays within what Telegram itself allows. A longer text can only be forged (it
    /// needs the webhook secret), and is refused before it reaches the bot or the database.
    /// </summary>
    public static bool IsWithinTelegramLimits(Update update) =>
        (update.Message?.Text?.Length ?? 0) <= MaxTextLength
        && (update.Message?.Caption?.Length ?? 0) <= MaxCaptionLength
        && System.Text.Encoding.UTF8.GetByteCount(update.CallbackQuery?.Data ?? "") <= MaxCallbackDataBytes;

    /// <summary>Telegram needs no service URL; references carry this one so they are recognisably ours.</summary>
    public const string ServiceUrl = "https://api.telegram.org/";

    /// <summary>
    /// A message (text, or a sticker/photo whose caption, if any, is the text) becomes a message
    /// activity; <c>/start CODE</c> passes through as typed. Null for updates HepBot does not handle.
    /// </summary>
    public static Activity? FromMessage(Message message, ChannelAccount bot)
    {
        if (message.From is not { } user || message.Chat is null)
            return null;
        return Message(
            id: message.Id.ToString(CultureInfo.InvariantCulture),
            chat: message.Chat,
            user: user,
            text: message.Text ?? message.Caption,
            bot: bot,
            timestamp: message.Date);
    }

    /// <summary>
    /// A button press: the choice value is the text, as if the patient typed it; a prompt's button also
    /// brings <c>{ choice, prompt }</c> as the value, so it answers only the question it was shown with.
    /// </summary>
    public static Activity FromCallback(CallbackQuery callback, Message question, ChannelAccount bot)
    {
        var (value, promptId) = InlineKeyboards.ParseCallbackData(callback.Data ?? "");
        var activity = Message(callback.Id, question.Chat, callback.From, value, bot, timestamp: null);
        activity.ReplyToId = question.Id.ToString(CultureInfo.InvariantCulture);
        if (promptId is not null)
            activity.Value = PromptIdentity.Submit(value, promptId);
        return activity;
    }

    public static string ChatKey(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);

    public static long ChatIdOf(ConversationReference reference) => ParseChatId(reference.Conversation?.Id);

    public static long ChatIdOf(IActivity activity) => ParseChatId(activity.Conversation?.Id);

    /// <summary>The chat an update belongs to, for processing one chat's updates in order.</summary>
    public static long? ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id;

    private static long ParseChatId(string? id) =>
        long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId)
            ? chatId
            : throw new ArgumentException("A Telegram conversation id is the numeric chat id.", nameof(id));

    private static Activity Message(string id, Chat chat, User user, string? text, ChannelAccount bot, DateTime? timestamp) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount(
            isGroup: chat.Type is not ChatType.Private,
            conversationType: chat.Type.ToString().ToLowerInvariant(),
            id: ChatKey(chat.Id)),
        From = new ChannelAccount(user.Id.ToString(CultureInfo.InvariantCulture), string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrEmpty(n)))),
        Recipient = bot,
        Locale = user.LanguageCode,
        Text = text,
        Timestamp = timestamp is { } date && date != default ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null,
    };
}
