namespace HepBot.Channels.Telegram;

/// <summary>
/// Telegram delivers at least once: a webhook call that timed out, or a getUpdates batch that was not
/// confirmed, comes again with the same <c>update_id</c>. This remembers the highest id processed and
/// every id within <see cref="Window"/> below it, so each update runs once.
/// Limits: memory only, so after a restart an update that was being processed when the process
/// stopped runs again (Telegram only redelivers unconfirmed updates, so that is the only case); an id
/// more than <see cref="Window"/> below the highest is taken as already processed; a single process
/// only — several hosts behind one webhook would each need to see every update.
/// </summary>
public sealed class UpdateDeduplicator(int window = UpdateDeduplicator.DefaultWindow)
{
    public const int DefaultWindow = 10_000;

    private readonly Lock _lock = new();
    private readonly SortedSet<int> _seen = [];
    private int? _highest;

    public int Window => window;

    /// <summary>True the first time an id is seen (the caller processes it); false for a repeat.</summary>
    public bool TryClaim(int updateId)
    {
        lock (_lock)
        {
            if (_highest is { } highest && updateId <= highest - window)
                return false;
            if (!_seen.Add(updateId))
                return false;
            if (_highest is null || updateId > _highest)
            {
                _highest = updateId;
                while (_seen.Min <= updateId - window)
                    _seen.Remove(_seen.Min);
            }
            return true;
        }
    }

    /// <summary>Forgets a claim whose processing failed, so the redelivery is processed.</summary>
    public void Release(int updateId)
    {
        lock (_lock)
            _seen.Remove(updateId);
    }
}
