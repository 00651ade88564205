using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Bot;

/// <summary>
/// Processes the turns of one conversation one after another. A double tap on a button arrives as two
/// activities almost at once; run in parallel they would both read the same dialog state and one answer
/// would be lost or recorded twice. Run one after the other, the second tap would answer the next
/// question, which the patient has not seen yet ("done" for the next exercise, a pain "2" as its second
/// button), so a message identical to the one still being answered is dropped: its answer is on its way.
/// Across several hosts the ETag check of the state storage catches what this in-process lock cannot.
/// </summary>
public sealed class OneTurnAtATimeMiddleware : IMiddleware
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var key = $"{turnContext.Activity.ChannelId}/{turnContext.Activity.Conversation?.Id}";
        var (gate, isRepeat) = Acquire(key, MessageOf(turnContext.Activity));
        try
        {
            if (isRepeat)
                return;
            await gate.Semaphore.WaitAsync(cancellationToken);
            try
            {
                await next(cancellationToken);
            }
            finally
            {
                gate.Semaphore.Release();
            }
        }
        finally
        {
            Release(key, gate);
        }
    }

    /// <summary>Conversations with a turn running or waiting; gates are dropped when idle.</summary>
    public int ActiveConversations
    {
        get
        {
            lock (_gates)
                return _gates.Count;
        }
    }

    /// <returns>The gate, and whether the message repeats the one that arrived last while the conversation is busy.</returns>
    private (Gate Gate, bool IsRepeat) Acquire(string key, string? message)
    {
        lock (_gates)
        {
            var busy = _gates.TryGetValue(key, out var existing);
            var gate = existing ?? (_gates[key] = new Gate());
            var isRepeat = busy && message is not null && message == gate.LastMessage;
            if (message is not null)
                gate.LastMessage = message;
            gate.Users++;
            return (gate, isRepeat);
        }
    }

    /// <summary>Who sent what (text and button value); null for anything that is not a message.</summary>
    private static string? MessageOf(Activity activity) =>
        activity.Type == ActivityTypes.Message ? $"{activity.From?.Id}\n{activity.Text}\n{activity.Value}" : null;

    private void Release(string key, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }

        /// <summary>The last message that arrived while the gate was in use.</summary>
        public string? LastMessage { get; set; }
    }
}
