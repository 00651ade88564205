namespace HepBot.Channels.RateLimiting;

/// <summary>How fast a channel lets a bot send: in total, and to one chat.</summary>
public sealed record OutgoingRateLimits(int MessagesPerSecond, TimeSpan ChatInterval)
{
    /// <summary>Telegram's published limits: about 30 messages a second in total and one a second per chat.</summary>
    public static readonly OutgoingRateLimits Telegram = new(30, TimeSpan.FromSeconds(1));
}

/// <summary>
/// Paces outgoing messages so a channel's limits are kept without dropping or reordering anything.
/// <list type="bullet">
/// <item>Per chat, work runs strictly in the order it was handed in (a FIFO lane), one item at a
/// time; a message may start no sooner than <see cref="OutgoingRateLimits.ChatInterval"/> after the
/// chat's previous one came back.</item>
/// <item>In total, at most <see cref="OutgoingRateLimits.MessagesPerSecond"/> slots are held at once. A slot is
/// taken when a send starts and held until one second after its answer came back
/// (<see cref="SendSlot.Dispose"/>).</item>
/// <item><see cref="PauseAll"/> stops every lane until the given time — what a 429 "retry after"
/// from the channel asks for.</item>
/// </list>
/// The channel counts a message when it arrives, which is some time after the send started and before its answer
/// came back; that time grows and varies on a loaded host. Counting from the start (as a plain sliding window of
/// grants does) lets two sends started just over a second apart arrive just under it, and the channel answers 429.
/// Holding each slot from the start until a second after the answer keeps the limits as the channel counts them
/// whatever the time in transit: of any 31 messages that arrive within one second, the last one to start would have
/// found the other 30 slots held. The price is the round trip: each slot serves one message every (1 s + round trip).
/// All waiting uses the injected <see cref="TimeProvider"/>. State is in memory and per process:
/// several hosts sending as the same bot would each keep the limits on their own (the outbound queue's lease makes
/// one host at a time send a channel's queued messages).
/// </summary>
public sealed class OutgoingRateLimiter(OutgoingRateLimits limits, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ChatLane> _lanes = new(StringComparer.Ordinal);
    // Slots whose send is under way, and the moments (in order) at which the finished ones are free again.
    private int _inFlight;
    private readonly Queue<DateTimeOffset> _freeAt = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public OutgoingRateLimits Limits => limits;

    /// <summary>Until when every send waits, after a "slow down" from the channel; null when not paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (_lock)
                return _pausedUntil > clock.GetUtcNow() ? _pausedUntil : null;
        }
    }

    /// <summary>Chats with work queued or running.</summary>
    public int BusyChats
    {
        get
        {
            lock (_lock)
                return _lanes.Values.Count(l => l.Queued > 0);
        }
    }

    /// <summary>Holds every send until <paramref name="duration"/> from now (a later pause wins over an earlier one).</summary>
    public void PauseAll(TimeSpan duration)
    {
        var until = clock.GetUtcNow() + duration;
        lock (_lock)
        {
            if (until > _pausedUntil)
                _pausedUntil = until;
        }
    }

    /// <summary>Sends started whose answer has not come back yet.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
                return _inFlight;
        }
    }

    /// <summary>Waits while the sender is paused; for calls that are not messages (answers, edits) but must not hammer a channel that said "slow down".</summary>
    public async Task WaitWhilePausedAsync(CancellationToken ct)
    {
        while (PausedUntil is { } until)
            await Delay(until - clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in <paramref name="chat"/>'s lane once every item handed in before it
    /// has finished. The work calls <see cref="ChatTurn.WaitForSlotAsync"/> before each attempt to send,
    /// so retries keep the chat's place in line.
    /// </summary>
    public async Task<T> InChatOrderAsync<T>(string chat, Func<ChatTurn, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ChatLane lane;
        Task previous;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (!_lanes.TryGetValue(chat, out lane!))
                _lanes[chat] = lane = new ChatLane();
            previous = lane.Tail;
            lane.Tail = done.Task;
            lane.Queued++;
        }
        try
        {
            await previous.WaitAsync(ct);
            return await work(new ChatTurn(this, lane), ct);
        }
        finally
        {
            // Whoever is next in this chat may start only after the work before it has finished,
            // even when this caller gave up waiting.
            _ = previous.ContinueWith(_ => done.SetResult(), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            lock (_lock)
            {
                lane.Queued--;
                ForgetIdleLanes();
            }
        }
    }

    private async Task<SendSlot> WaitForSlotAsync(ChatLane lane, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                var ready = Max(now, lane.NextAt, _pausedUntil);
                if (ready > now)
                {
                    wait = ready - now;
                }
                else
                {
                    while (_freeAt.Count > 0 && _freeAt.Peek() <= now)
                        _freeAt.Dequeue();
                    if (_inFlight + _freeAt.Count < limits.MessagesPerSecond)
                    {
                        // Granted: the slot is held until a second after the answer, and the chat waits until its interval after it.
                        _inFlight++;
                        lane.NextAt = DateTimeOffset.MaxValue;
                        return new SendSlot(this, lane);
                    }
                    // Every slot is held: the first to be free is the earliest finished one, or, when all are under
                    // way, none sooner than a second from now.
                    wait = _freeAt.Count > 0 ? _freeAt.Peek() - now : OneSecond;
                }
            }
            await Delay(wait, ct);
        }
    }

    private void Release(ChatLane lane)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            _inFlight--;
            // Answers come back in time order, so the queue stays sorted.
            _freeAt.Enqueue(now + OneSecond);
            lane.NextAt = now + limits.ChatInterval;
        }
    }

    private Task Delay(TimeSpan duration, CancellationToken ct) =>
        duration > TimeSpan.Zero ? Task.Delay(duration, clock, ct) : Task.CompletedTask;

    private void ForgetIdleLanes()
    {
        // A lane is kept while its interval runs, so a chat's next message still waits its turn.
        if (_lanes.Count < 256)
            return;
        var now = clock.GetUtcNow();
        foreach (var (chat, lane) in _lanes.Where(l => l.Value.Queued == 0 && l.Value.NextAt <= now).ToList())
            _lanes.Remove(chat);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => Max(Max(a, b), c);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    internal sealed class ChatLane
    {
        public Task Tail { get; set; } = Task.CompletedTask;
        public int Queued { get; set; }
        public DateTimeOffset NextAt { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>A chat's turn in its lane: wait for a send slot before each attempt.</summary>
    public readonly struct ChatTurn
    {
        private readonly OutgoingRateLimiter _limiter;
        private readonly ChatLane _lane;

        internal ChatTurn(OutgoingRateLimiter limiter, ChatLane lane)
        {
            _limiter = limiter;
            _lane = lane;
        }

        /// <summary>
        /// Returns when the chat's interval has passed, the sender is not paused and a slot is free; dispose the slot
        /// once the answer came back (or the attempt failed).
        /// </summary>
        public Task<SendSlot> WaitForSlotAsync(CancellationToken ct) => _limiter.WaitForSlotAsync(_lane, ct);
    }

    /// <summary>One send's hold on the limits: from its start until its answer, and a second beyond that.</summary>
    public sealed class SendSlot : IDisposable
    {
        private OutgoingRateLimiter? _limiter;
        private readonly ChatLane _lane;

        internal SendSlot(OutgoingRateLimiter limiter, ChatLane lane)
        {
            _limiter = limiter;
            _lane = lane;
        }

        /// <summary>The answer came back (or the attempt ended without one): the slot is free a second from now.</summary>
        public void Dispose() => Interlocked.Exchange(ref _limiter, null)?.Release(_lane);
    }
}
