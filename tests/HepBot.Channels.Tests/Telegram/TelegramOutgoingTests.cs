using System.Globalization;
using HepBot.Channels.Telegram;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using HepBot.Conversations.DialogLayer;
using HepBot.Data;
using HepBot.Pictures;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>Activities as Bot API calls: media, keyboards, long texts, the commands menu.</summary>
public sealed class TelegramOutgoingTests : IDisposable
{
    private const long Chat = 777;
    private readonly string _folder = Directory.CreateTempSubdirectory("hepbot-media-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_library_picture_is_uploaded_once_and_then_sent_by_its_file_id()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var adapter = Senders.Adapter(Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System), Senders.Contexts(database));
        var picture = Path.Combine(_folder, "quad-set.png");
        // A 1×1 PNG, as a clinic's library picture would be on disk.
        await File.WriteAllBytesAsync(picture, Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="), Ct);
        var card = Card("Exercise 1 of 3: Quad set", new Attachment("image/png", new Uri(picture).AbsoluteUri, name: "Thigh tightened, knee flat"));

        await SendAsync(adapter, card);
        await SendAsync(adapter, card);

        var photos = api.CallsTo("sendPhoto");
        Assert.Equal(2, photos.Count);
        Assert.True(photos[0].Uploaded);
        Assert.Equal(await File.ReadAllBytesAsync(picture, Ct), photos[0].UploadedBytes);
        Assert.Equal("Thigh tightened, knee flat", photos[0].Field("caption"));
        Assert.False(photos[1].Uploaded);
        Assert.Equal(api.SentMessage(2).Photo![0].FileId, photos[1].Field("photo"));
        // The picture comes first, then the text with the buttons.
        Assert.Equal(["sendPhoto", "sendMessage", "sendPhoto", "sendMessage"], api.Calls.Select(c => c.Method));
        Assert.Equal([[("Done", "done"), ("Skip", "skip")]], api.CallsTo("sendMessage")[0].Keyboard.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public async Task A_drawn_animation_is_uploaded_once_and_after_a_restart_still_goes_by_its_stored_file_id()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var gif = Drawings().Animation("quad-set", BodySide.Right)!;
        var card = Card("Exercise 1 of 6: Quad set", new Attachment(gif.ContentType, new Uri(gif.Path).AbsoluteUri));
        var before = Senders.Adapter(Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System), Senders.Contexts(database));

        await SendAsync(before, card);
        await SendAsync(before, card);
        // A restart: a new adapter, nothing in memory, the same database.
        var after = Senders.Adapter(Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System), Senders.Contexts(database));
        await SendAsync(after, card);

        var animations = api.CallsTo("sendAnimation");
        Assert.Equal([true, false, false], animations.Select(c => c.Uploaded));
        Assert.Equal(await File.ReadAllBytesAsync(gif.Path, Ct), animations[0].UploadedBytes);
        var fileId = api.SentMessage(2).Animation!.FileId;
        Assert.Equal([fileId, fileId], animations.Skip(1).Select(c => c.Field("animation")));
        Assert.All(animations, c => Assert.True(c.Succeeded));
        await using var db = database.CreateContext();
        var stored = Assert.Single(db.TelegramMediaFiles);
        Assert.Equal((FakeBotApi.BotId, Sha256Hex(gif.Path), fileId, fileId + "-u"), (stored.BotId, stored.ContentKey, stored.FileId, stored.FileUniqueId));
    }

    [Fact]
    public async Task A_file_id_telegram_no_longer_knows_is_uploaded_again_and_the_new_one_replaces_it()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var gif = Drawings().Animation("bridge", BodySide.Left)!;
        var card = Card("Exercise 2 of 6: Bridge", new Attachment(gif.ContentType, new Uri(gif.Path).AbsoluteUri));
        var adapter = Senders.Adapter(Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System), Senders.Contexts(database));
        await SendAsync(adapter, card);
        var first = api.SentMessage(2).Animation!.FileId;

        api.ForgetFile(first);
        await SendAsync(adapter, card);
        await SendAsync(adapter, card);

        var animations = api.CallsTo("sendAnimation");
        // Upload; the old file_id refused with 400 "wrong file identifier"; upload again; then the new file_id.
        Assert.Equal([(true, 200), (false, 400), (true, 200), (false, 200)], animations.Select(c => (c.Uploaded, c.Status)));
        Assert.Equal(first, animations[1].Field("animation"));
        await using var db = database.CreateContext();
        var stored = Assert.Single(db.TelegramMediaFiles);
        Assert.NotEqual(first, stored.FileId);
        Assert.Equal(stored.FileId, animations[3].Field("animation"));
    }

    [Fact]
    public async Task Web_media_go_by_url_as_photo_animation_or_video()
    {
        await using var api = await FakeBotApi.StartAsync();
        var adapter = Senders.Adapter(Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System));

        await SendAsync(adapter, Card("Bridge",
            new Attachment("image/jpeg", "https://media.example/bridge.jpg"),
            new Attachment("image/gif", "https://media.example/bridge.gif"),
            new Attachment("video/mp4", "https://media.example/bridge.mp4")));

        Assert.Equal(["sendPhoto", "sendAnimation", "sendVideo", "sendMessage"], api.Calls.Select(c => c.Method));
        Assert.Equal(["https://media.example/bridge.jpg", "https://media.example/bridge.gif", "https://media.example/bridge.mp4"],
            api.Calls.Take(3).Select(c => c.Field("photo") ?? c.Field("animation") ?? c.Field("video")));
    }

    [Fact]
    public async Task The_commands_menu_is_registered_in_every_language_and_a_failure_is_not_fatal()
    {
        var catalog = DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs"));
        await using var api = await FakeBotApi.StartAsync();
        var sender = Senders.Create(api.CreateClient(), TelegramBotHarness.Unpaced, TimeProvider.System);
        var menu = new TelegramCommandsMenu(sender, catalog, Senders.Logger<TelegramCommandsMenu>());

        await menu.StartAsync(Ct);
        await menu.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var calls = api.CallsTo("setMyCommands");
        Assert.Equal([null, "en", "es"], calls.Select(c => c.Field("language_code")));
        Assert.Contains("\"command\":\"today\",\"description\":\"Empezar o seguir con los ejercicios de hoy\"", calls[2].Field("commands"));
        Assert.All(TelegramCommandsMenu.Commands, c => Assert.True(CommandRecognizer.SlashCommands.ContainsKey("/" + c), c));

        api.FailNext("setMyCommands", 400);
        var failing = new TelegramCommandsMenu(sender, catalog, Senders.Logger<TelegramCommandsMenu>());
        await failing.StartAsync(Ct);
        await failing.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(failing.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_pain_scale_sits_in_two_rows_and_words_three_to_a_row()
    {
        var pain = InlineKeyboards.From(ChoiceFactory.SuggestedActions(Enumerable.Range(0, 11).Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture)))))!;
        Assert.Equal([6, 5], pain.InlineKeyboard.Select(r => r.Count()));

        var reasons = InlineKeyboards.From(ChoiceFactory.SuggestedActions(
            new[] { "No time", "Pain", "Forgot", "Unsure how", "Felt unwell", "Other" }.Select(l => new Choice(l.Replace(" ", ""), l))))!;
        Assert.Equal([3, 3], reasons.InlineKeyboard.Select(r => r.Count()));

        var tooLong = ChoiceFactory.SuggestedActions([new Choice(new string('x', 65), "Too long")]);
        Assert.Throws<InvalidOperationException>(() => InlineKeyboards.From(tooLong));
    }

    [Fact]
    public void A_text_over_telegrams_limit_is_split_at_line_breaks()
    {
        var line = new string('a', 100);
        var text = string.Join('\n', Enumerable.Repeat(line, 50));

        var parts = TelegramAdapter.SplitText(text);

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.True(p.Length <= TelegramAdapter.MaxMessageLength));
        Assert.Equal(text.Replace("\n", ""), string.Concat(parts).Replace("\n", ""));
    }

    private static Activity Card(string text, params Attachment[] attachments)
    {
        var message = (Activity)MessageFactory.Text(text);
        message.Attachments = attachments;
        message.SuggestedActions = ChoiceFactory.SuggestedActions([new Choice("done", "Done"), new Choice("skip", "Skip")]);
        return message;
    }

    private static async Task SendAsync(TelegramAdapter adapter, Activity activity)
    {
        var reference = new ConversationReference { ChannelId = "telegram", Conversation = new ConversationAccount(id: Chat.ToString(CultureInfo.InvariantCulture)) };
        await adapter.ContinueConversationAsync(new System.Security.Claims.ClaimsIdentity(), reference,
            (turn, ct) => turn.SendActivityAsync(activity, ct), Ct);
    }

    /// <summary>HepBot's drawings from the library's pose data, rendered into this test's folder.</summary>
    private ExercisePictures Drawings() =>
        new(PoseFile.Load(RepositoryPaths.Combine("library", "poses.yaml")), PictureStyle.Default,
            Path.Combine(_folder, "media"), Path.Combine(_folder, "cache"));

    private static string Sha256Hex(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
