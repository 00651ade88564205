using System.Collections.Concurrent;
using System.Security.Claims;
using HepBot.Conversations.DialogLayer;
using HepBot.Core.Sessions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// Paces a guided set (<see cref="GuidedSetPlan"/>): the turn that starts it sends one message and ends at once, and
/// this edits that one message at each frame (Telegram editMessageText, a Teams card update), ending on the Done / Skip
/// question. One set per conversation; a new one, Stop, or the exercise leaving the stack ends the old one.
/// A running set is also written to the state storage, so a host that restarts mid-set asks the patient whether they
/// finished (<see cref="AskInterruptedAsync"/>) instead of leaving a countdown frozen on screen.
/// </summary>
public sealed class GuidedSetRunner(TimeProvider clock, GuidedSetOptions options, IStorage storage, IChatNotifier notifier,
    ILogger<GuidedSetRunner> logger) : IAsyncDisposable
{
    /// <summary>An activity property asking the channel to show this message in a form it can edit later (a card in Teams).</summary>
    public const string InPlaceProperty = "hepbotInPlace";

    private const string IndexKey = "hepbot/guided-sets";

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, RunningSet> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexLock = new(1, 1);

    public GuidedSetOptions Options => options;

    /// <summary>Sets being paced now.</summary>
    public int Running => _running.Count;

    public static string KeyOf(IActivity activity) => $"{activity.ChannelId}/{activity.Conversation?.Id}";

    /// <summary>Marks <paramref name="activity"/> as a message that will be edited in place.</summary>
    public static T InPlace<T>(T activity) where T : Activity
    {
        activity.Properties ??= [];
        activity.Properties[InPlaceProperty] = true;
        return activity;
    }

    public static bool IsInPlace(Activity activity) => activity.Properties?[InPlaceProperty]?.ToObject<bool>() == true;

    /// <param name="messageId">The set message, already sent in this turn.</param>
    /// <param name="frames">Each later view of the message, from the set's start; the last is the Done / Skip question.</param>
    /// <param name="interrupted">What to ask after a restart, with its buttons stamped for the waiting prompt.</param>
    public async Task StartAsync(ITurnContext turn, string messageId, IReadOnlyList<(TimeSpan At, Activity View)> frames,
        GuidedSetRecord interrupted, CancellationToken ct)
    {
        var key = KeyOf(turn.Activity);
        await StopAsync(turn, ct);
        await UpdateIndexAsync(sets => sets[key] = interrupted, ct);
        var adapter = turn.Adapter;
        var reference = turn.Activity.GetConversationReference();
        var identity = turn.TurnState.Get<ClaimsIdentity>(BotAdapter.BotIdentityKey) ?? new ClaimsIdentity();
        var set = new RunningSet(CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        _running[key] = set;
        set.Task = RunAsync(adapter, identity, reference, messageId, frames, key, set);
    }

    /// <summary>Stops the conversation's set if this host is pacing one (cheap when none is: no storage read).</summary>
    public Task StopIfRunningAsync(ITurnContext turn, CancellationToken ct) =>
        _running.ContainsKey(KeyOf(turn.Activity)) ? StopAsync(turn, ct) : Task.CompletedTask;

    /// <summary>Stops the conversation's set, if one is running, and forgets it was (also after a restart); its message is left as it is (the caller says what happened).</summary>
    /// <returns>True when a set was running.</returns>
    public async Task<bool> StopAsync(ITurnContext turn, CancellationToken ct)
    {
        var key = KeyOf(turn.Activity);
        var wasRunning = _running.TryRemove(key, out var set);
        if (set is not null)
        {
            try
            {
                await set.Cancel.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // It had just shown its last frame.
            }
        }
        await UpdateIndexAsync(sets => sets.Remove(key), ct);
        return wasRunning;
    }

    /// <summary>
    /// After a restart: every set that was running when the host stopped gets its question ("the set timer was interrupted,
    /// did you finish?"), answered by the prompt that waits in the patient's saved conversation. Each is asked once.
    /// </summary>
    public async Task<int> AskInterruptedAsync(CancellationToken ct)
    {
        var index = await ReadIndexAsync(ct);
        if (index.Sets.Count == 0)
            return 0;
        var asked = 0;
        foreach (var (key, record) in index.Sets)
        {
            if (_running.ContainsKey(key))
                continue;
            try
            {
                await notifier.SendToPatientAsync(record.PatientId, (turn, token) =>
                {
                    var question = MessageFactory.Text(record.Question);
                    question.SuggestedActions = ChoiceFactory.SuggestedActions(record.Buttons);
                    PromptIdentity.Stamp(question, record.PromptId);
                    return turn.SendActivityAsync(question, token);
                }, ct);
                asked++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The question about an interrupted set could not be sent");
            }
        }
        await UpdateIndexAsync(sets =>
        {
            foreach (var key in index.Sets.Keys.Where(k => !_running.ContainsKey(k)))
                sets.Remove(key);
        }, ct);
        return asked;
    }

    /// <summary>Every set is waiting for a frame still in the future (for tests on a fake clock: nothing more is due now).</summary>
    public bool IsIdle
    {
        get
        {
            var now = clock.GetUtcNow();
            return _running.Values.All(s => s.WaitingUntil is { } due && due > now);
        }
    }

    /// <summary>Completes when every running set has shown its last frame or stopped (for tests and shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values.Select(s => s.Task));

    private async Task RunAsync(BotAdapter adapter, ClaimsIdentity identity, ConversationReference reference, string messageId,
        IReadOnlyList<(TimeSpan At, Activity View)> frames, string key, RunningSet set)
    {
        var token = set.Cancel.Token;
        var started = clock.GetUtcNow();
        try
        {
            foreach (var (at, view) in frames)
            {
                var wait = at - (clock.GetUtcNow() - started);
                if (wait > TimeSpan.Zero)
                {
                    set.WaitingUntil = started + at;
                    await Task.Delay(wait, clock, token);
                    set.WaitingUntil = null;
                }
                try
                {
                    await adapter.ContinueConversationAsync(identity, reference, async (turn, ct) =>
                    {
                        if (token.IsCancellationRequested)
                            return;
                        var update = DialogStateSerializer.Clone(view);
                        update.Id = messageId;
                        await turn.UpdateActivityAsync(update, ct);
                    }, token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One lost frame is a count the patient can keep themselves; the set goes on to its end.
                    logger.LogWarning(e, "A guided set frame could not be shown on {Channel}", reference.ChannelId);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            set.Cancel.Dispose();
        }
        // Shown to the end: the Done / Skip question is on screen, nothing to ask after a restart.
        if (_running.TryRemove(new KeyValuePair<string, RunningSet>(key, set)))
        {
            try
            {
                await UpdateIndexAsync(sets => sets.Remove(key), CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A finished guided set could not be taken off the running list");
            }
        }
    }

    private async Task<GuidedSetIndex> ReadIndexAsync(CancellationToken ct)
    {
        var items = await storage.ReadAsync([IndexKey], ct);
        return items.TryGetValue(IndexKey, out var value) && value is GuidedSetIndex index ? index : new GuidedSetIndex();
    }

    // One writer per host; several hosts may lose each other's entries, which costs a patient only the question after a restart.
    private async Task UpdateIndexAsync(Action<Dictionary<string, GuidedSetRecord>> change, CancellationToken ct)
    {
        await _indexLock.WaitAsync(ct);
        try
        {
            var index = await ReadIndexAsync(ct);
            var before = index.Sets.Count;
            change(index.Sets);
            if (index.Sets.Count == 0 && before == 0)
                return;
            index.ETag = "*";
            await storage.WriteAsync(new Dictionary<string, object> { [IndexKey] = index }, ct);
        }
        finally
        {
            _indexLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await WhenIdleAsync();
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
        _indexLock.Dispose();
    }

    private sealed class RunningSet(CancellationTokenSource cancel)
    {
        public CancellationTokenSource Cancel { get; } = cancel;
        public Task Task { get; set; } = Task.CompletedTask;

        public DateTimeOffset? WaitingUntil { get; set; }
    }
}

/// <summary>A running set as the state storage keeps it: whose it is and what to ask if the host restarts.</summary>
public sealed class GuidedSetRecord
{
    public Guid PatientId { get; set; }
    public string PromptId { get; set; } = "";
    public string Question { get; set; } = "";
    public List<Choice> Buttons { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }
}

public sealed class GuidedSetIndex : IStoreItem
{
    public string ETag { get; set; } = "*";
    public Dictionary<string, GuidedSetRecord> Sets { get; set; } = new(StringComparer.Ordinal);
}
