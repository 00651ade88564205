using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using HepBot.Channels.Proactive;
using HepBot.Conversations.DialogLayer;
using HepBot.Data.Deliveries;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using BotChannelAccount = Microsoft.Bot.Schema.ChannelAccount;

namespace HepBot.Channels.Telegram;

/// <summary>
/// Telegram as a Bot Framework channel, so <see cref="IBot"/> and the dialogs run unchanged. In:
/// updates (from long polling or the webhook) become message activities, each update_id once (across restarts and hosts); a button
/// press is answered, its question loses its keyboard and shows the answer, and the choice value goes
/// to the bot as text. Out: text as messages, suggested actions as inline keyboards, attachments as
/// photos, animations or videos (by URL, or uploaded once and then sent by file_id), all paced by
/// <see cref="TelegramSender"/>.
/// </summary>
public sealed class TelegramAdapter : BotAdapter, IProactiveChannel
{
    /// <summary>Telegram's limit for one message; longer texts are sent in parts.</summary>
    public const int MaxMessageLength = TelegramActivities.MaxTextLength;
    private const int MaxCaptionLength = TelegramActivities.MaxCaptionLength;
    private const int AnsweredQuestionsRemembered = 4096;

    private readonly TelegramSender _sender;
    private readonly TelegramMediaCache _media;
    private readonly DeliveryLog _deliveries;
    private readonly ILogger<TelegramAdapter> _logger;
    private readonly BotChannelAccount _bot;
    private readonly Lock _answeredLock = new();
    private readonly HashSet<(long Chat, int Message)> _answered = [];
    private readonly Queue<(long Chat, int Message)> _answeredOrder = new();

    public TelegramAdapter(TelegramSender sender, TelegramMediaCache media, DeliveryLog deliveries, ILogger<TelegramAdapter> logger)
    {
        _sender = sender;
        _media = media;
        _deliveries = deliveries;
        _logger = logger;
        var botId = sender.Client.BotId.ToString(CultureInfo.InvariantCulture);
        _bot = new BotChannelAccount(botId, "HepBot");
    }

    public IReadOnlyCollection<string> ChannelIds { get; } = [TelegramActivities.ChannelId];

    /// <summary>
    /// Processes one update: once per update_id (claimed in the database, see <see cref="DeliveryLog"/>),
    /// as a turn of <paramref name="bot"/>. A recipient who blocked the bot in the meantime is logged, not
    /// retried. Throws only when the update could not be handled at all; it is then released, so a
    /// redelivery is processed.
    /// </summary>
    public async Task ProcessUpdateAsync(Update update, IBot bot, CancellationToken ct)
    {
        if (!TelegramActivities.IsWithinTelegramLimits(update))
        {
            _logger.LogWarning("Telegram update {UpdateId} is larger than Telegram allows; refused", update.Id);
            return;
        }
        var deliveryId = update.Id.ToString(CultureInfo.InvariantCulture);
        if (!await _deliveries.TryClaimAsync(TelegramActivities.ChannelId, deliveryId, ct))
        {
            _logger.LogInformation("Telegram update {UpdateId} was delivered again; it was already processed", update.Id);
            return;
        }
        try
        {
            var activity = update switch
            {
                { Message: { } message } => TelegramActivities.FromMessage(message, _bot),
                { CallbackQuery: { } callback } => await AcceptButtonPressAsync(callback, ct),
                _ => null,
            };
            if (activity is null)
            {
                _logger.LogDebug("Telegram update {UpdateId} of type {UpdateType} needs no turn", update.Id, update.Type);
                return;
            }
            using var context = new TurnContext(this, activity);
            await RunPipelineAsync(context, async (turn, token) =>
            {
                try
                {
                    await bot.OnTurnAsync(turn, token);
                }
                catch (RecipientUnreachableException unreachable)
                {
                    // They blocked the bot while it was answering: nothing more to say to them.
                    _logger.LogWarning("Telegram chat {ChatId} cannot be reached during a turn: {Reason}", activity.Conversation.Id, unreachable.Message);
                }
            }, ct);
        }
        catch
        {
            await _deliveries.ReleaseAsync(TelegramActivities.ChannelId, deliveryId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// A batch from getUpdates: each chat's updates in order, different chats side by side. A failure is
    /// logged per update so one bad update cannot hold the queue forever.
    /// </summary>
    public Task ProcessUpdatesAsync(IReadOnlyList<Update> updates, IBot bot, CancellationToken ct) =>
        Task.WhenAll(updates.GroupBy(TelegramActivities.ChatOf).Select(async chat =>
        {
            foreach (var update in chat)
            {
                try
                {
                    await ProcessUpdateAsync(update, bot, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    _logger.LogError(e, "Telegram update {UpdateId} could not be processed", update.Id);
                }
            }
        }));

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>(activities.Length);
        foreach (var activity in activities)
        {
            if (activity.Type != ActivityTypes.Message)
            {
                // Typing indicators, traces and the like have no Telegram message.
                responses.Add(new ResourceResponse());
                continue;
            }
            var sent = await SendMessageAsync(TelegramActivities.ChatIdOf(activity), activity, cancellationToken);
            responses.Add(new ResourceResponse(sent?.Id.ToString(CultureInfo.InvariantCulture)));
        }
        return [.. responses];
    }

    /// <summary>Replaces the text (and buttons) of a message HepBot sent earlier.</summary>
    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        var chatId = TelegramActivities.ChatIdOf(activity);
        var messageId = int.Parse(activity.Id, CultureInfo.InvariantCulture);
        var edited = await _sender.CallAsync("editMessageText", (client, ct) => client.EditMessageText(chatId, messageId,
            activity.Text ?? "", replyMarkup: InlineKeyboards.From(activity.SuggestedActions), cancellationToken: ct), cancellationToken);
        return new ResourceResponse(edited.Id.ToString(CultureInfo.InvariantCulture));
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        var chatId = TelegramActivities.ChatIdOf(reference);
        var messageId = int.Parse(reference.ActivityId, CultureInfo.InvariantCulture);
        return _sender.CallAsync("deleteMessage", (client, ct) => client.DeleteMessage(chatId, messageId, ct), cancellationToken);
    }

    /// <summary>A turn in a chat HepBot talked to before: the reference needs only the chat id in Conversation.Id.</summary>
    public override async Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference,
        BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var activity = reference.GetContinuationActivity();
        activity.ChannelId ??= TelegramActivities.ChannelId;
        activity.ServiceUrl ??= TelegramActivities.ServiceUrl;
        activity.Recipient ??= _bot;
        using var context = new TurnContext(this, activity);
        context.TurnState.Add(BotIdentityKey, claimsIdentity);
        // The caller must learn that the recipient is gone (to mark them unreachable), so this one
        // failure is not handed to OnTurnError like other turn failures.
        ExceptionDispatchInfo? unreachable = null;
        await RunPipelineAsync(context, async (turn, ct) =>
        {
            try
            {
                await callback(turn, ct);
            }
            catch (RecipientUnreachableException e)
            {
                unreachable = ExceptionDispatchInfo.Capture(e);
            }
        }, cancellationToken);
        unreachable?.Throw();
    }

    public override Task ContinueConversationAsync(string botId, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(new ClaimsIdentity(), reference, callback, cancellationToken);

    Task IProactiveChannel.ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(new ClaimsIdentity(), reference, callback, cancellationToken);

    private async Task<Activity?> AcceptButtonPressAsync(CallbackQuery callback, CancellationToken ct)
    {
        // Answer first: until then the patient's app shows a spinner on the button.
        try
        {
            await _sender.CallAsync("answerCallbackQuery", (client, token) => client.AnswerCallbackQuery(callback.Id, cancellationToken: token), ct);
        }
        catch (Exception e) when (e is ApiRequestException or RequestException)
        {
            _logger.LogWarning(e, "A Telegram button press could not be answered");
        }

        if (callback.Message is not { } question || string.IsNullOrEmpty(callback.Data))
            return null;
        if (!FirstPressOf(question))
        {
            _logger.LogInformation("A button of Telegram message {MessageId} in chat {ChatId} was pressed again; ignored", question.Id, question.Chat.Id);
            return null;
        }
        await ShowAnswerAsync(question, callback.Data, ct);
        return TelegramActivities.FromCallback(callback, question, _bot);
    }

    /// <summary>Removes the question's buttons and shows the chosen label under it, so it cannot be answered twice.</summary>
    private async Task ShowAnswerAsync(Message question, string data, CancellationToken ct)
    {
        var label = InlineKeyboards.LabelOf(question.ReplyMarkup, data) ?? data;
        var chatId = question.Chat.Id;
        try
        {
            if (question.Text is { } text && text.Length + label.Length + 4 <= MaxMessageLength)
                await _sender.CallAsync("editMessageText", (client, token) =>
                    client.EditMessageText(chatId, question.Id, $"{text}\n\n» {label}", replyMarkup: null, cancellationToken: token), ct);
            else
                await _sender.CallAsync("editMessageReplyMarkup", (client, token) =>
                    client.EditMessageReplyMarkup(chatId, question.Id, replyMarkup: null, cancellationToken: token), ct);
        }
        catch (Exception e) when (e is ApiRequestException or RequestException)
        {
            // The answer still counts; an old keyboard left on screen is only cosmetic.
            _logger.LogWarning(e, "The buttons of Telegram message {MessageId} could not be removed", question.Id);
        }
    }

    private bool FirstPressOf(Message question)
    {
        var key = (question.Chat.Id, question.Id);
        lock (_answeredLock)
        {
            if (!_answered.Add(key))
                return false;
            _answeredOrder.Enqueue(key);
            if (_answeredOrder.Count > AnsweredQuestionsRemembered)
                _answered.Remove(_answeredOrder.Dequeue());
            return true;
        }
    }

    private async Task<Message?> SendMessageAsync(long chatId, Activity activity, CancellationToken ct)
    {
        var keyboard = InlineKeyboards.From(activity.SuggestedActions);
        var parts = SplitText(activity.Text);
        var media = (activity.Attachments ?? []).Where(IsMedia).ToList();
        foreach (var skipped in (activity.Attachments ?? []).Where(a => !IsMedia(a)))
            _logger.LogWarning("An attachment of type {ContentType} has no Telegram form and was not sent", skipped.ContentType);

        Message? last = null;
        for (var i = 0; i < media.Count; i++)
        {
            // Buttons go on the text; without text, on the last picture.
            var markup = parts.Count == 0 && i == media.Count - 1 ? keyboard : null;
            last = await SendMediaAsync(chatId, media[i], markup, ct);
        }
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var markup = i == parts.Count - 1 ? keyboard : null;
            last = await _sender.SendToChatAsync(chatId, "sendMessage", (client, token) =>
                client.SendMessage(chatId, part, replyMarkup: markup, cancellationToken: token), ct);
        }
        if (last is null && keyboard is not null)
            _logger.LogWarning("A message with buttons but no text or picture cannot be shown on Telegram; it was not sent");
        return last;
    }

    private async Task<Message> SendMediaAsync(long chatId, Attachment attachment, InlineKeyboardMarkup? markup, CancellationToken ct)
    {
        var kind = KindOf(attachment.ContentType);
        var caption = attachment.Name is { Length: > 0 and <= MaxCaptionLength } name ? name : null;
        if (DataUri.Read(attachment.ContentUrl) is { } inline)
        {
            // A picture made for this patient (their progress): uploaded every time, its file_id not kept.
            return await SendMediaAsync(chatId, kind, () => InputFile.FromStream(new MemoryStream(inline, writable: false), "picture" + Extension(attachment.ContentType)),
                caption, markup, ct);
        }
        var uri = new Uri(attachment.ContentUrl, UriKind.Absolute);
        if (!uri.IsFile)
            return await SendMediaAsync(chatId, kind, () => InputFile.FromUri(uri), caption, markup, ct);

        var file = new FileInfo(uri.LocalPath);
        var botId = _sender.Client.BotId;
        var key = _media.ContentKeyOf(file);
        if (await _media.FileIdAsync(botId, key, ct) is { } fileId)
        {
            try
            {
                return await SendMediaAsync(chatId, kind, () => InputFile.FromFileId(fileId), caption, markup, ct);
            }
            catch (ApiRequestException e) when (IsUnknownFile(e))
            {
                _logger.LogWarning("Telegram no longer accepts the file_id of {File}; uploading it again", file.Name);
                await _media.ForgetAsync(botId, key, ct);
            }
        }
        Stream? upload = null;
        try
        {
            var sent = await SendMediaAsync(chatId, kind, () =>
            {
                // A retry needs a fresh stream: the failed attempt may have read part of it.
                upload?.Dispose();
                upload = file.OpenRead();
                return InputFile.FromStream(upload, file.Name);
            }, caption, markup, ct);
            if (FileOf(sent, kind) is { } uploaded)
                await _media.RememberAsync(botId, key, uploaded.FileId, uploaded.FileUniqueId, ct);
            return sent;
        }
        finally
        {
            upload?.Dispose();
        }
    }

    /// <summary>Telegram's answer to a file_id it does not (or no longer) know: 400 "wrong file identifier/HTTP URL specified".</summary>
    private static bool IsUnknownFile(ApiRequestException e) =>
        e.ErrorCode == 400 && e.Message.Contains("file identifier", StringComparison.OrdinalIgnoreCase);

    private Task<Message> SendMediaAsync(long chatId, MediaKind kind, Func<InputFile> input, string? caption,
        InlineKeyboardMarkup? markup, CancellationToken ct) => kind switch
        {
            MediaKind.Animation => _sender.SendToChatAsync(chatId, "sendAnimation", (client, token) =>
                client.SendAnimation(chatId, input(), caption, replyMarkup: markup, cancellationToken: token), ct),
            MediaKind.Video => _sender.SendToChatAsync(chatId, "sendVideo", (client, token) =>
                client.SendVideo(chatId, input(), caption, replyMarkup: markup, cancellationToken: token), ct),
            _ => _sender.SendToChatAsync(chatId, "sendPhoto", (client, token) =>
                client.SendPhoto(chatId, input(), caption, replyMarkup: markup, cancellationToken: token), ct),
        };

    private static FileBase? FileOf(Message message, MediaKind kind) => kind switch
    {
        MediaKind.Animation => (FileBase?)message.Animation ?? message.Document,
        MediaKind.Video => message.Video,
        _ => message.Photo?.OrderBy(p => p.Width * p.Height).LastOrDefault(),
    };

    private static bool IsMedia(Attachment attachment) =>
        !string.IsNullOrEmpty(attachment.ContentUrl)
        && (DataUri.IsDataUri(attachment.ContentUrl) || (Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var uri)
            && (uri.IsFile || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        && attachment.ContentType is { } type
        && (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("video/", StringComparison.OrdinalIgnoreCase));

    private static string Extension(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/png" => ".png",
        "image/gif" => ".gif",
        "video/mp4" => ".mp4",
        _ => ".jpg",
    };

    private static MediaKind KindOf(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/gif" => MediaKind.Animation,
        var type when type.StartsWith("video/", StringComparison.Ordinal) => MediaKind.Video,
        _ => MediaKind.Photo,
    };

    /// <summary>Texts over Telegram's limit go in parts, split at a line break where there is one.</summary>
    internal static List<string> SplitText(string? text)
    {
        var parts = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
            return parts;
        var rest = text.AsSpan();
        while (rest.Length > MaxMessageLength)
        {
            var cut = rest[..MaxMessageLength].LastIndexOf('\n');
            if (cut <= 0)
                cut = MaxMessageLength;
            parts.Add(rest[..cut].ToString());
            rest = rest[cut..].TrimStart('\n');
        }
        if (rest.Length > 0)
            parts.Add(rest.ToString());
        return parts;
    }

    private enum MediaKind
    {
        Photo,
        Animation,
        Video,
    }
}
