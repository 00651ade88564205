using HepBot.Channels.Proactive;
using HepBot.Channels.RateLimiting;
using HepBot.Channels.Telegram;
using HepBot.Conversations;
using HepBot.Conversations.Linking;
using HepBot.Core.Safety;
using HepBot.Data;
using HepBot.Data.BotState;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>
/// The real bot — dialogs, texts, SQLite database — on the Telegram channel: the real Telegram.Bot
/// client talks to <see cref="FakeBotApi"/> on loopback, and updates arrive by long polling
/// (<see cref="TelegramPolling"/>). The patient's clock is fake (a Wednesday in Madrid); the sender
/// is not paced here, because the rate limits have tests of their own.
/// </summary>
public sealed class TelegramBotHarness : IAsyncDisposable
{
    public const long AlexChat = 5550001;

    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private readonly TelegramPolling? _polling;
    private int _seenCalls;

    private TelegramBotHarness(TestDatabase database, FakeBotApi api, ClinicFixture clinic, FakeTimeProvider clock, bool poll)
    {
        _database = database;
        Api = api;
        Clock = clock;
        Clinic = clinic;
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IStorage, DatabaseBotStorage>()
            .AddHepBotDatabase(database.Provider, database.ConnectionString)
            .AddHepBotConversations(RepositoryPaths.Combine("dialogs"), RepositoryPaths.Combine("library", "media"))
            .AddTelegramChannel(_ => api.CreateClient(), Unpaced)
            .AddProactiveMessenger();
        services.AddOptions<PainTriageOptions>();
        services.AddOptions<LinkingOptions>();
        services.AddSingleton<TelegramPolling>();
        _services = services.BuildServiceProvider();
        if (poll)
            _polling = _services.GetRequiredService<TelegramPolling>();
    }

    /// <summary>No pacing: with a fake clock that stands still, a paced sender would wait forever.</summary>
    public static readonly OutgoingRateLimits Unpaced = new(int.MaxValue, TimeSpan.Zero);

    public FakeBotApi Api { get; }
    public FakeTimeProvider Clock { get; }
    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();
    public ClinicFixture Clinic { get; }
    public TelegramAdapter Adapter => _services.GetRequiredService<TelegramAdapter>();
    public IBot Bot => _services.GetRequiredService<IBot>();
    public HepBotDbContext Db() => _database.CreateContext();

    /// <summary>What the bot did at the Bot API since the patient's last message or press.</summary>
    public List<BotApiCall> Replies { get; } = [];

    public string Transcript => string.Join("\n", Replies.Where(c => c.Method == "sendMessage").Select(c => c.Text));

    /// <summary>
    /// The inline keyboard of the last message that had one: rows of (label, choice value). The callback data
    /// itself also names the question (<c>!id|value</c>); see <see cref="InlineKeyboards.ParseCallbackData"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(string Label, string? Data)>> Keyboard =>
        (Replies.LastOrDefault(c => c.Method == "sendMessage" && c.Keyboard.Count > 0)?.Keyboard ?? [])
            .Select(row => (IReadOnlyList<(string, string?)>)row
                .Select(b => (b.Item1, b.Item2 is null ? null : (string?)InlineKeyboards.ParseCallbackData(b.Item2).Value)).ToList())
            .ToList();

    public IReadOnlyList<string?> Buttons => Keyboard.SelectMany(row => row).Select(b => b.Data).ToList();

    /// <param name="poll">Receive updates by long polling; without it, tests hand updates to the adapter as the webhook does.</param>
    public static async Task<TelegramBotHarness> StartAsync(bool poll = true)
    {
        var database = await LibraryDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero));
        var clinic = await ClinicFixture.SeedAsync(database, clock.GetUtcNow());
        var api = await FakeBotApi.StartAsync();
        var harness = new TelegramBotHarness(database, api, clinic, clock, poll);
        if (harness._polling is { } polling)
            await polling.StartAsync(TestContext.Current.CancellationToken);
        return harness;
    }

    public Task<int> SayAsync(string text, long chat = AlexChat) =>
        DeliverAsync(id => Api.TextFrom(id, chat, text));

    public Task<int> PressAsync(string data, long chat = AlexChat) =>
        DeliverAsync(id => Api.PressFrom(id, chat, data));

    /// <summary>Queues an update, waits until the bot has processed and confirmed it, and collects what it sent.</summary>
    public async Task<int> DeliverAsync(Func<int, global::Telegram.Bot.Types.Update> update)
    {
        var id = Api.Deliver(update);
        await Api.WaitForConfirmationAsync(id);
        Collect();
        return id;
    }

    public void Collect()
    {
        var calls = Api.Calls;
        Replies.Clear();
        Replies.AddRange(calls.Skip(_seenCalls).Where(c => c.Method != "getUpdates"));
        _seenCalls = calls.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (_polling is not null)
            await _polling.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await Api.DisposeAsync();
        await _database.DisposeAsync();
    }
}
