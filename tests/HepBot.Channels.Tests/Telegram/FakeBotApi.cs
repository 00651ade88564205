using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HepBot.Channels.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>One Bot API request as the fake server saw it: method, chat, fields (JSON values as text), when, and the answer given.</summary>
public sealed record BotApiCall(string Method, long? ChatId, IReadOnlyDictionary<string, string> Fields, bool Uploaded, DateTimeOffset At, int Status)
{
    /// <summary>The bytes of the file uploaded with the call, when one was.</summary>
    public byte[]? UploadedBytes { get; init; }

    public string? Field(string name) => Fields.GetValueOrDefault(name);

    public string? Text => Field("text");

    /// <summary>The inline keyboard sent with the call: rows of (label, callback data).</summary>
    public IReadOnlyList<IReadOnlyList<(string Label, string? Data)>> Keyboard =>
        Field("reply_markup") is { } json && JsonSerializer.Deserialize<InlineKeyboardMarkup>(json, JsonBotAPI.Options) is { } markup
            ? markup.InlineKeyboard.Select(row => (IReadOnlyList<(string, string?)>)row.Select(b => (b.Text, b.CallbackData)).ToList()).ToList()
            : [];

    public bool Succeeded => Status == 200;
}

/// <summary>
/// A small Bot API server on loopback for the real Telegram.Bot client: the methods HepBot uses, every
/// call recorded (with the time from <see cref="TimeProvider"/>), updates queued for getUpdates, and
/// failures on demand — 429 with retry_after, 5xx, or 403 for a chat that "blocked the bot". Like Telegram, it
/// gives every uploaded file a file_id and refuses a file_id it never gave (400 "wrong file identifier").
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456789:TEST-token-for-the-fake-bot-api";
    public const long BotId = 123456789;

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly List<BotApiCall> _calls = [];
    private readonly List<Update> _pending = [];
    private readonly Dictionary<int, Message> _sent = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfter)>> _failures = new();
    private readonly ConcurrentDictionary<long, bool> _blocked = new();
    private readonly ConcurrentDictionary<string, bool> _files = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1000;
    private int _nextMessageId = 1;
    private int _nextFileId = 1;
    private int _confirmedBelow;

    private FakeBotApi(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public string BaseUrl => _app.Urls.First();

    public static async Task<FakeBotApi> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeBotApi(app, clock ?? TimeProvider.System);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        return api;
    }

    public ITelegramBotClient CreateClient(TimeSpan? timeout = null) =>
        TelegramChannelServiceCollectionExtensions.CreateClient(Token, BaseUrl, new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(60) });

    /// <summary>
    /// A client whose call times out exactly when this server stalls it (<see cref="StallNext"/>), the way HttpClient's own
    /// timeout ends it (a TaskCanceledException around a TimeoutException), while every answered call has all the time it
    /// needs. A real timeout short enough for a test would also cut off an answered call on a loaded machine.
    /// </summary>
    public ITelegramBotClient CreateClientTimingOutStalledCalls() =>
        TelegramChannelServiceCollectionExtensions.CreateClient(Token, BaseUrl, new HttpClient(new StallTimeout(this)));

    private int StalledCount()
    {
        lock (_lock)
            return _calls.Count(c => c.Status == 0);
    }

    private sealed class StallTimeout(FakeBotApi api) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var stalledBefore = api.StalledCount();
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var answer = base.SendAsync(request, call.Token);
            var stalled = api.WaitForAsync(calls => calls.Count(c => c.Status == 0) > stalledBefore);
            if (await Task.WhenAny(answer, stalled) == answer)
                return await answer;
            await call.CancelAsync();
            try
            {
                using var _ = await answer;
            }
            catch (OperationCanceledException)
            {
            }
            throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException());
        }
    }

    public IReadOnlyList<BotApiCall> Calls
    {
        get
        {
            lock (_lock)
                return [.. _calls];
        }
    }

    public IReadOnlyList<BotApiCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> fail with <paramref name="status"/>.</summary>
    public void FailNext(string method, int status, int count = 1, int? retryAfter = null)
    {
        var queue = _failures.GetOrAdd(method, _ => new ConcurrentQueue<(int, int?)>());
        for (var i = 0; i < count; i++)
            queue.Enqueue((status, retryAfter));
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> get no answer (until the client gives up); recorded with status 0.</summary>
    public void StallNext(string method, int count = 1) => FailNext(method, 0, count);

    /// <summary>From now on, everything sent to the chat gets 403 "bot was blocked by the user".</summary>
    public void Block(long chatId) => _blocked[chatId] = true;

    /// <summary>Telegram forgets a file (as it may): from now on its file_id is refused.</summary>
    public void ForgetFile(string fileId) => _files.TryRemove(fileId, out _);

    /// <summary>Queues an update for getUpdates and returns its id.</summary>
    public int Deliver(Func<int, Update> update)
    {
        lock (_lock)
        {
            var u = update(_nextUpdateId++);
            _pending.Add(u);
            SignalLocked();
            return u.Id;
        }
    }

    /// <summary>Queues the same update again, as Telegram does when it was not confirmed.</summary>
    public void Redeliver(Update update)
    {
        lock (_lock)
        {
            _pending.Add(update);
            SignalLocked();
        }
    }

    public Update TextFrom(int id, long chatId, string text, string language = "en") => new()
    {
        Id = id,
        Message = new Message
        {
            Id = NextMessageId(),
            Date = _clock.GetUtcNow().UtcDateTime,
            Chat = new Chat { Id = chatId, Type = ChatType.Private },
            From = Patient(chatId, language),
            Text = text,
        },
    };

    public Update StickerFrom(int id, long chatId) => new()
    {
        Id = id,
        Message = new Message
        {
            Id = NextMessageId(),
            Date = _clock.GetUtcNow().UtcDateTime,
            Chat = new Chat { Id = chatId, Type = ChatType.Private },
            From = Patient(chatId, "en"),
            Sticker = new Sticker { FileId = "sticker-1", FileUniqueId = "sticker-u1", Width = 512, Height = 512, Type = StickerType.Regular },
        },
    };

    /// <summary>
    /// A press of the button for the choice <paramref name="value"/> on the newest message in the chat that
    /// offers it, with that button's callback data (which names its question, <c>!id|value</c>).
    /// </summary>
    public Update PressFrom(int id, long chatId, string value)
    {
        Message question;
        string data;
        lock (_lock)
        {
            question = _sent.Values.Where(m => m.Chat.Id == chatId && m.ReplyMarkup?.InlineKeyboard.SelectMany(r => r).Any(b => Offers(b, value)) == true)
                .OrderBy(m => m.Id).LastOrDefault()
                ?? throw new InvalidOperationException($"No message in chat {chatId} offers a button '{value}'.");
            data = question.ReplyMarkup!.InlineKeyboard.SelectMany(r => r).First(b => Offers(b, value)).CallbackData!;
        }
        return PressOn(id, question, data);
    }

    private static bool Offers(InlineKeyboardButton button, string value) =>
        button.CallbackData is { } data && (data == value || InlineKeyboards.ParseCallbackData(data).Value == value);

    public static Update PressOn(int id, Message question, string data) => new()
    {
        Id = id,
        CallbackQuery = new CallbackQuery
        {
            Id = $"cb-{id}",
            From = Patient(question.Chat.Id, "en"),
            ChatInstance = "instance-1",
            Message = question,
            Data = data,
        },
    };

    /// <summary>The message HepBot sent with this id, as Telegram would hand it back in a callback query.</summary>
    public Message SentMessage(int messageId)
    {
        lock (_lock)
            return _sent[messageId];
    }

    /// <summary>Completes when the bot has asked for updates after <paramref name="updateId"/> — it confirms only what it has processed.</summary>
    public async Task WaitForConfirmationAsync(int updateId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_confirmedBelow > updateId)
                    return;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cts.Token);
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds for the recorded calls.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<BotApiCall>, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_calls))
                    return;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static User Patient(long chatId, string language) =>
        new() { Id = chatId, IsBot = false, FirstName = "Alex", LanguageCode = language };

    private int NextMessageId() => Interlocked.Increment(ref _nextMessageId);

    private void SignalLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var prefix = $"/bot{Token}/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            http.Response.StatusCode = 404;
            return;
        }
        var method = path[prefix.Length..];
        var (fields, uploadedBytes) = await ReadFieldsAsync(http.Request);
        var uploaded = uploadedBytes is not null;
        long? chatId = fields.TryGetValue("chat_id", out var chat) && long.TryParse(chat, CultureInfo.InvariantCulture, out var id) ? id : null;

        int status;
        object? result = null;
        string? description = null;
        int? retryAfter = null;
        if (chatId is { } blocked && _blocked.ContainsKey(blocked))
            (status, description) = (403, "Forbidden: bot was blocked by the user");
        else if (!uploaded && UnknownFileId(method, fields))
            (status, description) = (400, "Bad Request: wrong file identifier/HTTP URL specified");
        else if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var failure))
        {
            if (failure.Status == 0)
            {
                lock (_lock)
                {
                    _calls.Add(new BotApiCall(method, chatId, fields, uploaded, _clock.GetUtcNow(), 0));
                    SignalLocked();
                }
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, CancellationToken.None);
                return;
            }
            (status, retryAfter) = failure;
            description = status == 429 ? $"Too Many Requests: retry after {retryAfter}" : "Internal Server Error";
        }
        else
            (status, result) = (200, await AnswerAsync(method, fields, uploaded, http.RequestAborted));

        lock (_lock)
        {
            _calls.Add(new BotApiCall(method, chatId, fields, uploaded, _clock.GetUtcNow(), status) { UploadedBytes = uploadedBytes });
            SignalLocked();
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var body = new JsonObject { ["ok"] = status == 200 };
        if (status == 200)
            body["result"] = JsonSerializer.SerializeToNode(result, result?.GetType() ?? typeof(object), JsonBotAPI.Options);
        else
        {
            body["error_code"] = status;
            body["description"] = description;
            if (retryAfter is { } seconds)
                body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }
        await http.Response.WriteAsync(body.ToJsonString());
    }

    private async Task<object> AnswerAsync(string method, Dictionary<string, string> fields, bool uploaded, CancellationToken aborted)
    {
        switch (method)
        {
            case "getMe":
                return new User { Id = BotId, IsBot = true, FirstName = "HepBot", Username = "HepBotTestBot" };
            case "getUpdates":
                return await UpdatesAsync(fields, aborted);
            case "sendMessage":
            case "editMessageText":
            case "editMessageReplyMarkup":
            case "sendPhoto":
            case "sendAnimation":
            case "sendVideo":
                return Remember(method, fields, uploaded);
            case "answerCallbackQuery":
            case "setWebhook":
            case "deleteWebhook":
            case "setMyCommands":
            case "deleteMessage":
                return true;
            default:
                throw new InvalidOperationException($"The fake Bot API does not implement {method}.");
        }
    }

    private static string? MediaField(string method) =>
        method switch { "sendPhoto" => "photo", "sendAnimation" => "animation", "sendVideo" => "video", _ => null };

    /// <summary>A media sent by file_id (not uploaded, not a web address) that this server never gave out.</summary>
    private bool UnknownFileId(string method, Dictionary<string, string> fields) =>
        MediaField(method) is { } field && fields.GetValueOrDefault(field) is { } given
        && !given.StartsWith("http://", StringComparison.Ordinal) && !given.StartsWith("https://", StringComparison.Ordinal)
        && !_files.ContainsKey(given);

    private async Task<Update[]> UpdatesAsync(Dictionary<string, string> fields, CancellationToken aborted)
    {
        var offset = fields.TryGetValue("offset", out var o) ? int.Parse(o, CultureInfo.InvariantCulture) : 0;
        var timeout = fields.TryGetValue("timeout", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeout));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                // Asking from an offset confirms every update below it.
                _pending.RemoveAll(u => u.Id < offset);
                if (offset > _confirmedBelow)
                {
                    _confirmedBelow = offset;
                    SignalLocked();
                }
                if (_pending.Count > 0)
                    return [.. _pending];
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    private Message Remember(string method, Dictionary<string, string> fields, bool uploaded)
    {
        var chatId = long.Parse(fields["chat_id"], CultureInfo.InvariantCulture);
        var markup = fields.TryGetValue("reply_markup", out var json) ? JsonSerializer.Deserialize<InlineKeyboardMarkup>(json, JsonBotAPI.Options) : null;
        var message = method.StartsWith("edit", StringComparison.Ordinal)
            ? SentMessage(int.Parse(fields["message_id"], CultureInfo.InvariantCulture))
            : new Message { Id = NextMessageId(), Chat = new Chat { Id = chatId, Type = ChatType.Private }, Date = _clock.GetUtcNow().UtcDateTime };
        message.ReplyMarkup = markup;
        if (fields.TryGetValue("text", out var text))
            message.Text = text;
        message.Caption = fields.GetValueOrDefault("caption");
        var mediaField = MediaField(method);
        if (mediaField is not null)
        {
            // Telegram gives an uploaded or fetched file a new file_id; a file_id sent again stays the same.
            var given = fields.GetValueOrDefault(mediaField) ?? "";
            var fileId = !uploaded && _files.ContainsKey(given) ? given : $"file-{Interlocked.Increment(ref _nextFileId)}";
            _files[fileId] = true;
            switch (mediaField)
            {
                case "photo":
                    message.Photo = [new PhotoSize { FileId = fileId, FileUniqueId = fileId + "-u", Width = 320, Height = 240 }];
                    break;
                case "animation":
                    message.Animation = new Animation { FileId = fileId, FileUniqueId = fileId + "-u", Width = 320, Height = 240, Duration = 2 };
                    break;
                default:
                    message.Video = new Video { FileId = fileId, FileUniqueId = fileId + "-u", Width = 320, Height = 240, Duration = 2 };
                    break;
            }
        }
        lock (_lock)
            _sent[message.Id] = message;
        return message;
    }

    /// <returns>The fields, and the bytes of the uploaded file (null when nothing was uploaded).</returns>
    private static async Task<(Dictionary<string, string> Fields, byte[]? Uploaded)> ReadFieldsAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
                fields[key] = value.ToString();
            byte[]? bytes = null;
            foreach (var file in form.Files)
            {
                fields[file.Name] = $"upload:{file.FileName}";
                using var copy = new MemoryStream();
                await file.CopyToAsync(copy);
                bytes = copy.ToArray();
            }
            return (fields, bytes);
        }
        if (request.ContentLength is 0 || request.ContentType is null)
            return (fields, null);
        var node = await JsonNode.ParseAsync(request.Body);
        foreach (var (key, value) in node?.AsObject() ?? [])
        {
            if (value is null)
                continue;
            fields[key] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        }
        return (fields, null);
    }
}
