using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HepBot.Bench.Turns;

/// <summary>
/// What the process asked of the database through EF Core while it runs: every command executed (from EF's
/// diagnostic events, so the host is not changed for the bench), grouped by the statement's first words, and
/// the queries EF had to compile because its compiled-query cache missed (its metrics meter). Quartz talks to
/// the database without EF, so its statements are not counted here.
/// </summary>
internal sealed class DatabaseCounters : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly IDisposable _listeners;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly MeterListener _meters = new();
    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _statements = new();
    private long _commands;
    private long _cacheMisses;

    public DatabaseCounters()
    {
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.EntityFrameworkCore" && instrument.Name == "microsoft.entityframeworkcore.compiled_query_cache_misses")
                listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Exchange(ref _cacheMisses, value));
        _meters.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Exchange(ref _cacheMisses, value));
        _meters.Start();
    }

    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>EF's running count of compiled-query cache misses (it is an observable counter, read on demand).</summary>
    public long QueryCompilations
    {
        get
        {
            _meters.RecordObservableInstruments();
            return Interlocked.Read(ref _cacheMisses);
        }
    }

    /// <summary>
    /// The statements since the last call, keyed by their first words, with how often each was sent and the time
    /// from sending it to its answer (summed), the costliest first.
    /// </summary>
    public List<(string Statement, int Count, double Milliseconds)> TakeStatements()
    {
        var taken = _statements.ToList();
        _statements.Clear();
        return [.. taken.Select(s => (s.Key, s.Value.Count, s.Value.Milliseconds)).OrderByDescending(s => s.Milliseconds)];
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not CommandExecutedEventData executed)
            return;
        Interlocked.Increment(ref _commands);
        var ms = executed.Duration.TotalMilliseconds;
        _statements.AddOrUpdate(Shape(executed.Command.CommandText), (1, ms), (_, n) => (n.Count + 1, n.Milliseconds + ms));
    }

    /// <summary>A statement's kind and table, enough to tell which part of a turn sent it.</summary>
    private static string Shape(string sql)
    {
        var text = string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        var from = text.IndexOf(" FROM ", StringComparison.OrdinalIgnoreCase);
        var head = text.Length > 60 ? text[..60] : text;
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && from > 0)
        {
            var rest = text[(from + 6)..];
            return "SELECT … FROM " + (rest.Length > 160 ? rest[..160] : rest);
        }
        return head;
    }

    public void Dispose()
    {
        _meters.Dispose();
        _listeners.Dispose();
        lock (_subscriptions)
            _subscriptions.ForEach(s => s.Dispose());
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
