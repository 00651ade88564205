using HepBot.Conversations.Bot;
using HepBot.Conversations.Linking;
using HepBot.Conversations.Sessions;
using HepBot.Core.Reminders;
using HepBot.Core.Safety;
using HepBot.Data;
using HepBot.Data.BotState;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// The real bot — dialogs, texts, database — behind Bot.Builder's test adapter, with a fake clock.
/// Conversation state lives in the database, as in production, so a "restart" — a new bot and
/// service provider over the same database — must continue where the patient was.
/// </summary>
public sealed class BotHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private ServiceProvider _services;
    private TestAdapter _adapter;

    private BotHarness(TestDatabase database, FakeTimeProvider clock, ClinicFixture clinic, string channelLocale)
    {
        _database = database;
        Clock = clock;
        Clinic = clinic;
        ChannelLocale = channelLocale;
        Reminders.Clock = clock;
        (_services, _adapter) = Build();
    }

    public FakeTimeProvider Clock { get; }
    public ClinicFixture Clinic { get; }

    /// <summary>What the conversations asked of the reminder schedule.</summary>
    public RecordingReminders Reminders { get; } = new();
    public string ChannelLocale { get; }

    /// <summary>Every reply of the last turn, in order.</summary>
    public List<IMessageActivity> Replies { get; } = [];

    /// <summary>The replies' text joined, for "the bot said ..." checks.</summary>
    public string Transcript => string.Join("\n", Replies.Select(r => r.Text));

    /// <summary>The buttons offered by the last reply that had any (their values).</summary>
    public IReadOnlyList<string> Buttons =>
        Replies.LastOrDefault(r => r.SuggestedActions?.Actions?.Count > 0)?.SuggestedActions.Actions.Select(a => a.Value?.ToString() ?? "").ToList() ?? [];

    /// <summary>A Wednesday morning in Madrid, 18 November 2026, 09:00 local.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 18, 8, 0, 0, TimeSpan.Zero);

    public static async Task<BotHarness> StartAsync(string patientLocale = "en", string channelLocale = "en-US",
        string[]? program = null, DateTimeOffset? now = null)
    {
        var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var clinic = await ClinicFixture.SeedAsync(database, clock.GetUtcNow(), patientLocale, program: program);
        return new BotHarness(database, clock, clinic, channelLocale);
    }

    /// <summary>Links the chat with the invitation code and answers the linking questions.</summary>
    public async Task<BotHarness> LinkedAsync()
    {
        await SayAsync($"/start {Clinic.InvitationCode}");
        await SayAsync("yes");
        await SayAsync("keep");
        return this;
    }

    public async Task SayAsync(string text) => await SendAsync(MessageFactory.Text(text));

    /// <summary>A button press that carries its value in <see cref="Activity.Value"/>, as Teams card submits do.</summary>
    public async Task TapAsync(string value)
    {
        var activity = MessageFactory.Text(value);
        await SendAsync(activity);
    }

    public async Task SendAsync(IMessageActivity message)
    {
        Replies.Clear();
        var activity = (Activity)message;
        activity.Locale ??= ChannelLocale;
        await _adapter.ProcessActivityAsync(activity, _services.GetRequiredService<IBot>().OnTurnAsync, TestContext.Current.CancellationToken);
        Collect();
    }

    /// <summary>Lets the fake clock run (timers fire) and collects what the bot sent meanwhile.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Replies.Clear();
        Clock.Advance(by);
        // Timer continuations run on the thread pool; give them a moment to send.
        var timer = _services.GetRequiredService<ExerciseTimer>();
        for (var i = 0; i < 50 && timer.Running > 0; i++)
            await Task.Delay(10, TestContext.Current.CancellationToken);
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Collect();
    }

    /// <summary>Throws the bot away and builds a new one over the same database and state storage.</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        (_services, _adapter) = Build();
    }

    public HepBotDbContext Db() => _database.CreateContext();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private void Collect()
    {
        while (_adapter.GetNextReply() is IMessageActivity reply)
            Replies.Add(reply);
    }

    private (ServiceProvider, TestAdapter) Build()
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IStorage, DatabaseBotStorage>()
            .AddSingleton<IReminderSchedule>(Reminders)
            .AddHepBotDatabase(_database.Provider, _database.ConnectionString)
            .AddHepBotConversations(RepositoryPaths.Combine("dialogs"), RepositoryPaths.Combine("library", "media"));
        services.AddOptions<PainTriageOptions>();
        services.AddOptions<LinkingOptions>();
        var provider = services.BuildServiceProvider();
        var adapter = new TestAdapter(TestAdapter.CreateConversation("hepbot-transcript", "patient-1", "hepbot"));
        adapter.Use(provider.GetRequiredService<OneTurnAtATimeMiddleware>());
        return (provider, adapter);
    }
}

/// <summary>Records the reminder schedule calls; a snooze is one hour from the harness clock.</summary>
public sealed class RecordingReminders : IReminderSchedule
{
    public List<Guid> Changed { get; } = [];
    public List<Guid> Snoozed { get; } = [];
    public TimeProvider? Clock { get; set; }

    public Task OnPatientChangedAsync(Guid patientId, CancellationToken ct)
    {
        Changed.Add(patientId);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> SnoozeAsync(Guid patientId, CancellationToken ct)
    {
        Snoozed.Add(patientId);
        return Task.FromResult<DateTimeOffset?>((Clock ?? TimeProvider.System).GetUtcNow().AddHours(1));
    }
}
