using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Stages a double tap deterministically: when armed, the first of the next two turns is held just
/// inside <c>OneTurnAtATimeMiddleware</c> until the second has reached it, so the second tap really
/// arrives while the first is being answered — as on a phone, where the bot is slower than a finger.
/// Otherwise both middlewares only pass the turn on.
/// </summary>
internal sealed class DoubleTap
{
    private const string ArrivalKey = "HepBot.Tests.DoubleTapArrival";
    private readonly object _lock = new();
    private TaskCompletionSource? _secondArrived;
    private int _arrivals;

    public DoubleTap()
    {
        Arrivals = new Outer(this);
        HoldFirst = new Inner();
    }

    /// <summary>Goes before the one-turn-at-a-time middleware.</summary>
    public IMiddleware Arrivals { get; }

    /// <summary>Goes after the one-turn-at-a-time middleware.</summary>
    public IMiddleware HoldFirst { get; }

    public void Arm()
    {
        lock (_lock)
        {
            _arrivals = 0;
            _secondArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private sealed class Outer(DoubleTap stage) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            TaskCompletionSource? secondArrived;
            int arrival;
            lock (stage._lock)
            {
                secondArrived = stage._secondArrived;
                arrival = secondArrived is null ? 0 : ++stage._arrivals;
                if (arrival == 2)
                    stage._secondArrived = null;
            }
            if (arrival == 1)
                turnContext.TurnState[ArrivalKey] = secondArrived!.Task;
            // The gate is taken (or the turn queued behind it) synchronously inside next(): start it, then let the first go on.
            var turn = next(cancellationToken);
            if (arrival == 2)
                secondArrived!.SetResult();
            await turn;
        }
    }

    private sealed class Inner : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            if (turnContext.TurnState.Get<Task>(ArrivalKey) is { } secondArrived)
                await secondArrived.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            await next(cancellationToken);
        }
    }
}
