namespace HepBot.Scheduling;

/// <summary>
/// Completes once the scheduler has started and every patient's reminder triggers were synchronised
/// (or that sync failed, or the host stopped first), so the host can print what a newcomer needs after
/// the start-up lines rather than in the middle of them.
/// </summary>
public sealed class SchedulerStartupWork
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    internal void Finish() => _done.TrySetResult();
}
