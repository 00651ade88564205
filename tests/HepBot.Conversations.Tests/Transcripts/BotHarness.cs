using System.Globalization;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Linking;
using HepBot.Conversations.Patients;
using HepBot.Conversations.Sessions;
using HepBot.Core.Alerts;
using HepBot.Core.Linking;
using HepBot.Core.Prescriptions;
using HepBot.Core.Reminders;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;
using HepBot.Conversations.DialogLayer;
using HepBot.Data;
using HepBot.Data.BotState;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
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
    private readonly DoubleTap _doubleTap = new();
    private ServiceProvider _services;
    private TranscriptAdapter _adapter;

    private BotHarness(TestDatabase database, FakeTimeProvider clock, ClinicFixture clinic, string channelLocale)
    {
        _database = database;
        Clock = clock;
        Clinic = clinic;
        ChannelLocale = channelLocale;
        Reminders.Clock = clock;
        Chats = new RecordingChats(patientId =>
        {
            using var db = database.CreateContext();
            return db.Patients.Where(p => p.Id == patientId).Select(p => p.Locale).Single();
        });
        (_services, _adapter) = Build();
    }

    public FakeTimeProvider Clock { get; }
    public ClinicFixture Clinic { get; }

    /// <summary>What the conversations asked of the reminder schedule.</summary>
    public RecordingReminders Reminders { get; } = new();

    /// <summary>Messages the bot started to someone else (a therapist's reply to a patient).</summary>
    public RecordingChats Chats { get; }
    public string ChannelLocale { get; }

    /// <summary>Every reply of the last turn, in order.</summary>
    public List<IMessageActivity> Replies { get; } = [];

    /// <summary>Messages the bot changed in place since the last turn or advance (a guided set's frames), in order.</summary>
    public List<Activity> Edits { get; } = [];

    /// <summary>The replies' text joined, for "the bot said ..." checks.</summary>
    public string Transcript => string.Join("\n", Replies.Select(r => r.Text));

    /// <summary>The last reply of the turn: the question the patient is being asked now.</summary>
    public string LastReply => Replies.LastOrDefault()?.Text ?? "";

    /// <summary>The buttons offered by the last reply that had any (their values).</summary>
    public IReadOnlyList<string> Buttons =>
        Replies.LastOrDefault(r => r.SuggestedActions?.Actions?.Count > 0)?.SuggestedActions.Actions.Select(a => a.Value?.ToString() ?? "").ToList() ?? [];

    /// <summary>The labels on the buttons offered by the last reply that had any, as the patient sees them.</summary>
    public IReadOnlyList<string> ButtonLabels =>
        Replies.LastOrDefault(r => r.SuggestedActions?.Actions?.Count > 0)?.SuggestedActions.Actions.Select(a => a.Title ?? "").ToList() ?? [];

    /// <summary>A Wednesday morning in Madrid, 18 November 2026, 09:00 local.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 18, 8, 0, 0, TimeSpan.Zero);

    public static async Task<BotHarness> StartAsync(string patientLocale = "en", string channelLocale = "en-US",
        string[]? program = null, DateTimeOffset? now = null, TrainingDays days = TrainingDays.Every, bool withProgram = true)
    {
        var database = await ClinicDatabase.CreateAsync();
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var clinic = await ClinicFixture.SeedAsync(database, clock.GetUtcNow(), patientLocale, program: program, days: days,
            withProgram: withProgram);
        return new BotHarness(database, clock, clinic, channelLocale);
    }

    /// <summary>Alex's chat, already linked (consent given, suggested reminder time kept).</summary>
    public static async Task<BotHarness> LinkedAsync(string patientLocale = "en", string[]? program = null,
        TrainingDays days = TrainingDays.Every, bool withProgram = true)
    {
        var chat = await StartAsync(patientLocale, program: program, days: days, withProgram: withProgram);
        return await chat.LinkedAsync();
    }

    /// <summary>Links the chat with the invitation code and answers the linking questions.</summary>
    public async Task<BotHarness> LinkedAsync()
    {
        await SayAsync($"/start {Clinic.InvitationCode}");
        await SayAsync("yes");
        await SayAsync("keep");
        return this;
    }

    /// <summary>Asks for today's session, starts it and answers the first pain question: the first exercise card is showing.</summary>
    public async Task StartSessionAsync(int painBefore = 2)
    {
        await SayAsync("start");
        await TapAsync("start");
        await SayAsync(painBefore.ToString(CultureInfo.InvariantCulture));
    }

    public async Task SayAsync(string text) => await SendAsync(MessageFactory.Text(text));

    /// <summary>
    /// A button press, as Telegram and Teams deliver it: the button's value as text and, for a question's
    /// button, <c>{ choice, prompt }</c> naming the question it was shown with. The button is the one
    /// with this value (or label) in the last turn's replies; a value no reply offered is sent as typed.
    /// </summary>
    public async Task TapAsync(string value) => await SendAsync(Press(value));

    /// <summary>The press of a button on screen now, to send later: a stale button, or the same tap again.</summary>
    public IMessageActivity Press(string value)
    {
        var button = Replies.Concat(Edits).Where(r => r.SuggestedActions?.Actions is not null).SelectMany(r => r.SuggestedActions.Actions)
            .LastOrDefault(a => a.Value?.ToString() == value || a.Title == value);
        var press = MessageFactory.Text(button?.Value?.ToString() ?? value);
        if (button is not null && PromptIdentity.OfButton(button) is { } promptId)
            press.Value = PromptIdentity.Submit(press.Text, promptId);
        return press;
    }

    /// <summary>A sticker or photo with no text at all.</summary>
    public async Task SendPhotoAsync()
    {
        var photo = (Activity)Activity.CreateMessageActivity();
        photo.Attachments = [new Attachment { ContentType = "image/jpeg", ContentUrl = "https://example.test/knee.jpg" }];
        await SendAsync(photo);
    }

    public async Task SendAsync(IMessageActivity message)
    {
        Replies.Clear();
        Edits.Clear();
        await ProcessAsync(message);
        Collect();
    }

    /// <summary>
    /// Two taps on the same button, the second arriving while the bot is still answering the first,
    /// both going through the adapter's middleware (including <see cref="OneTurnAtATimeMiddleware"/>).
    /// </summary>
    public async Task DoubleTapAsync(string value)
    {
        var press = Press(value);
        Replies.Clear();
        _doubleTap.Arm();
        var first = ProcessAsync(Copy(press));
        var second = ProcessAsync(Copy(press));
        await Task.WhenAll(first, second);
        Collect();
    }

    /// <summary>The same press delivered <paramref name="count"/> times at once, each as its own activity (a burst of redeliveries).</summary>
    public async Task BurstAsync(IMessageActivity press, int count)
    {
        Replies.Clear();
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => ProcessAsync(Copy(press)))));
        Collect();
    }

    /// <summary>Lets the fake clock run (timers fire) and collects what the bot sent meanwhile.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Replies.Clear();
        Edits.Clear();
        Clock.Advance(by);
        // Timer continuations run on the thread pool; give them a moment to send.
        var sets = _services.GetRequiredService<GuidedSetRunner>();
        for (var i = 0; i < 1000 && !sets.IsIdle; i++)
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

    /// <summary>The database the bot talks to, to tell its commands from other tests'.</summary>
    public string DatabaseConnectionString => _database.ConnectionString;

    /// <summary>
    /// Edits the saved conversation state as a deploy would leave it, e.g. naming a dialog that the new
    /// version renamed. Stack entries are stored as JSON inside JSON, so ids appear as <c>\"Id\":\"exercise\"</c>.
    /// </summary>
    public async Task RenameSavedDialogAsync(string dialogId, string newId)
    {
        await using var db = Db();
        var entries = await db.BotState.ToListAsync(TestContext.Current.CancellationToken);
        var renamed = 0;
        foreach (var entry in entries)
        {
            var json = entry.Json.Replace($"\"Id\":\"{dialogId}\"", $"\"Id\":\"{newId}\"", StringComparison.Ordinal);
            if (json == entry.Json)
                continue;
            entry.Json = json;
            renamed++;
        }
        if (renamed == 0)
            throw new InvalidOperationException($"No saved stack names the dialog '{dialogId}'.");
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
    /// <summary>A service of the running bot, for what the app does beside the chat (a therapist creating a link code).</summary>
    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Another invitation code for Alex, or for the therapist, in the given state.</summary>
    public Task<string> InviteAsync(InvitationState state = InvitationState.Open, bool forTherapist = false, string? code = null) =>
        Clinic.InviteAsync(_database, Clock.GetUtcNow(), state, forTherapist, code);

    /// <summary>Today's session log (Madrid date) with its exercise answers.</summary>
    public async Task<SessionLog> TodaysLogAsync()
    {
        await using var db = Db();
        return await db.SessionLogs.AsNoTracking().Include(l => l.Exercises.OrderBy(e => e.Order))
            .SingleAsync(l => l.LocalDate == Today, TestContext.Current.CancellationToken);
    }

    public async Task<List<Alert>> AlertsAsync()
    {
        await using var db = Db();
        return await db.Alerts.AsNoTracking().OrderBy(a => a.CreatedAt).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A session Alex finished on an earlier day, written straight to the database (history for streaks and trends).</summary>
    public async Task SeedFinishedSessionAsync(DateOnly date, int painBefore, int painAfter)
    {
        await using var db = Db();
        var items = await db.PrescriptionItems.AsNoTracking().Where(i => i.PrescriptionId == Clinic.PrescriptionId)
            .OrderBy(i => i.Order).ToListAsync(TestContext.Current.CancellationToken);
        var started = new DateTimeOffset(date.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        db.SessionLogs.Add(new SessionLog
        {
            PatientId = Clinic.PatientId,
            PrescriptionId = Clinic.PrescriptionId,
            LocalDate = date,
            ExercisesPlanned = items.Count,
            Status = SessionStatus.Completed,
            PainBefore = painBefore,
            PainAfter = painAfter,
            Difficulty = Difficulty.JustRight,
            StartedAt = started,
            EndedAt = started.AddMinutes(15),
            Exercises = items.Select(i => new ExerciseLog
            {
                PrescriptionItemId = i.Id,
                ExerciseId = i.ExerciseId,
                Order = i.Order,
                Outcome = ExerciseOutcome.Done,
                SetsDone = i.Dose.Sets,
                RecordedAt = started.AddMinutes(i.Order * 4),
            }).ToList(),
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The patient's local date now (Europe/Madrid).</summary>
    public DateOnly Today => Core.Time.PatientClock.LocalDate(Clock.GetUtcNow(), "Europe/Madrid");

    /// <summary>Everything the conversations record about patients, as text, to check that a turn recorded nothing.</summary>
    public Task<string> RecordsAsync() => DatabaseRecords.DescribeAsync(_database);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task ProcessAsync(IMessageActivity message)
    {
        var activity = (Activity)message;
        activity.Locale ??= ChannelLocale;
        await _adapter.ProcessActivityAsync(activity, _services.GetRequiredService<IBot>().OnTurnAsync, TestContext.Current.CancellationToken);
        if (WaitsForReminders)
            await RemindersUpdatedAsync();
    }

    /// <summary>
    /// Whether each turn also waits for the reminder updates it queued (they run after the turn), so a test can
    /// check <see cref="Reminders"/> right after it. Off to see the turn end while the schedule is still busy.
    /// </summary>
    public bool WaitsForReminders { get; set; } = true;

    /// <summary>Completes when the reminder updates queued by the turns so far have run.</summary>
    public Task RemindersUpdatedAsync() => _services.GetRequiredService<ReminderUpdates>().IdleAsync();

    /// <summary>Each delivery is its own activity, as each tap is its own update.</summary>
    private static IMessageActivity Copy(IMessageActivity press)
    {
        var copy = MessageFactory.Text(press.Text);
        copy.Value = (press.Value as Newtonsoft.Json.Linq.JToken)?.DeepClone();
        return copy;
    }

    private void Collect()
    {
        while (_adapter.GetNextReply() is IMessageActivity reply)
            Replies.Add(reply);
        while (_adapter.Edits.TryDequeue(out var edit))
            Edits.Add(edit);
    }

    private (ServiceProvider, TranscriptAdapter) Build()
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IStorage, DatabaseBotStorage>()
            .AddSingleton<IReminderSchedule>(Reminders)
            .AddSingleton<IChatNotifier>(Chats)
            .AddHepBotDatabase(_database.Provider, _database.ConnectionString)
            .AddHepBotConversations(RepositoryPaths.Combine("dialogs"), RepositoryPaths.Combine("library", "media"))
            .AddSingleton(ClinicDatabase.Texts);
        services.AddOptions<PainTriageOptions>();
        services.AddOptions<LinkingOptions>();
        var provider = services.BuildServiceProvider();
        var adapter = new TranscriptAdapter(TestAdapter.CreateConversation("hepbot-transcript", "patient-1", "hepbot"));
        adapter.Use(_doubleTap.Arrivals);
        adapter.Use(provider.GetRequiredService<OneTurnAtATimeMiddleware>());
        adapter.Use(_doubleTap.HoldFirst);
        return (provider, adapter);
    }
}

/// <summary>
/// Records the reminder schedule calls; a snooze is one hour from the harness clock. <see cref="Hold"/> makes the
/// changes wait, as the scheduler's store does while another host holds its lock.
/// </summary>
public sealed class RecordingReminders : IReminderSchedule
{
    private TaskCompletionSource _released = Released();

    public List<Guid> Changed { get; } = [];
    public List<Guid> Snoozed { get; } = [];
    public TimeProvider? Clock { get; set; }

    /// <summary>Changes waiting for <see cref="Release"/>.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    public void Hold() => _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    public async Task OnPatientChangedAsync(Guid patientId, CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        await _released.Task.WaitAsync(ct);
        Interlocked.Decrement(ref _waiting);
        lock (Changed)
            Changed.Add(patientId);
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }

    public Task<DateTimeOffset?> SnoozeAsync(Guid patientId, CancellationToken ct)
    {
        Snoozed.Add(patientId);
        return Task.FromResult<DateTimeOffset?>((Clock ?? TimeProvider.System).GetUtcNow().AddHours(1));
    }
}

/// <summary>Messages HepBot started to a patient or therapist (a therapist's reply, say): composed in the recipient's language, recorded.</summary>
public sealed class RecordingChats(Func<Guid, string> localeOfPatient) : IChatNotifier
{
    public List<(Guid RecipientId, string Text)> Sent { get; } = [];

    /// <summary>The same messages whole: their pictures and buttons too.</summary>
    public List<(Guid RecipientId, IMessageActivity Message)> Messages { get; } = [];

    public Task<bool> SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        RecordAsync(patientId, localeOfPatient(patientId), compose, ct);

    public Task<bool> SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        RecordAsync(therapistId, "en", compose, ct);

    private async Task<bool> RecordAsync(Guid recipientId, string locale, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct)
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation("proactive", recipientId.ToString(), "hepbot"));
        using var turn = new TurnContext(adapter, new Activity
        {
            Type = ActivityTypes.Event, Locale = locale,
            Conversation = new ConversationAccount(id: recipientId.ToString()), ChannelId = "test"
        });
        turn.OnSendActivities(async (_, activities, next) =>
        {
            lock (Sent)
            {
                Sent.AddRange(activities.Where(a => a.Text is not null).Select(a => (recipientId, a.Text)));
                Messages.AddRange(activities.Where(a => a.Type == ActivityTypes.Message).Select(a => (recipientId, (IMessageActivity)a)));
            }
            return await next();
        });
        await compose(turn, ct);
        return true;
    }
}
