using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Bot;

/// <summary>
/// Processes the turns of one conversation one after another. A double tap on a button arrives as two
/// activities almost at once; run in parallel they would both read the same dialog state and one answer
/// would be lost or recorded twice. Across several hosts the ETag check of the state storage catches
/// what this in-process lock cannot.
/// </summary>
public sealed class OneTurnAtATimeMiddleware : IMiddleware
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var key = $"{turnContext.Activity.ChannelId}/{turnContext.Activity.Conversation?.Id}";
        var gate = Acquire(key);
        try
        {
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

    private Gate Acquire(string key)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out var gate))
                _gates[key] = gate = new Gate();
            gate.Users++;
            return gate;
        }
    }

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
    }
}
