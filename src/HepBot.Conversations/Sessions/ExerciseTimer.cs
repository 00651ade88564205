using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// Times a hold or a rest for the patient: the turn that starts it ends at once (the patient is not
/// left waiting on a spinner), and the "halfway" and "time's up" messages arrive later as proactive
/// messages in the same conversation. Timers live in memory: they last seconds, and a timer lost in
/// a restart costs the patient nothing but a count they can do themselves.
/// </summary>
public sealed class ExerciseTimer(TimeProvider clock, ILogger<ExerciseTimer> logger) : IAsyncDisposable
{
    /// <summary>Holds at least this long get a "halfway" message as well.</summary>
    public static readonly TimeSpan HalfwayFrom = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public int Running => _running.Count;

    /// <param name="messages">What to say and when, counted from now.</param>
    public void Start(ITurnContext turn, IReadOnlyList<TimedMessage> messages)
    {
        var adapter = turn.Adapter;
        var reference = turn.Activity.GetConversationReference();
        var identity = turn.TurnState.Get<ClaimsIdentity>(BotAdapter.BotIdentityKey) ?? new ClaimsIdentity();
        var id = Guid.NewGuid();
        _running[id] = RunAsync(adapter, identity, reference, messages, id);
    }

    /// <summary>Completes when every running timer has said its last message (for tests and shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private async Task RunAsync(BotAdapter adapter, ClaimsIdentity identity, ConversationReference reference,
        IReadOnlyList<TimedMessage> messages, Guid id)
    {
        try
        {
            var elapsed = TimeSpan.Zero;
            foreach (var message in messages.OrderBy(m => m.After))
            {
                await Task.Delay(message.After - elapsed, clock, _stopping.Token);
                elapsed = message.After;
                await adapter.ContinueConversationAsync(identity, reference,
                    (turn, ct) => turn.SendActivityAsync(MessageFactory.Text(message.Text), ct), _stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The patient can count for themselves; a failed timer message must not take anything else down.
            logger.LogWarning(ex, "An exercise timer message could not be sent on {Channel}", reference.ChannelId);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await WhenIdleAsync();
        _stopping.Dispose();
    }
}

public sealed record TimedMessage(TimeSpan After, string Text);
