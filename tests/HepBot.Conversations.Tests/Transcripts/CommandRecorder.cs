using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// The statements EF sent to one database while this recorder lived, from EF's diagnostic events: every statement in
/// the order sent (a batched command counts each of its statements), and the distinct reading ones with their parameter names.
/// Make it before the harness whose database it watches: EF keeps a context's "is anyone listening" for a second, and
/// pooled contexts live on, so a recorder subscribed after the first contexts were made would miss their statements.
/// </summary>
internal sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _listeners;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<string, string[]> _reads = new();
    private readonly ConcurrentQueue<string> _all = new();

    public CommandRecorder() => _listeners = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>The database whose statements are recorded; until it is set, none are.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Every statement sent, in order.</summary>
    public List<string> All => [.. _all];

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear() => _all.Clear();

    /// <summary>The distinct SELECT, UPDATE and DELETE statements, each with the names of the parameters it uses.</summary>
    public List<(string Sql, string[] Parameters)> DistinctReads() => [.. _reads.Select(s => (s.Key, s.Value))];

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
        if (value.Value is not CommandExecutedEventData executed || ConnectionString is null
            || executed.Command.Connection?.ConnectionString != ConnectionString)
            return;
        var names = executed.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => p.ParameterName).ToArray();
        foreach (var statement in executed.Command.CommandText.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sql = statement.TrimEnd(';');
            _all.Enqueue(sql);
            if (sql.StartsWith("SELECT", StringComparison.Ordinal) || sql.StartsWith("UPDATE", StringComparison.Ordinal)
                || sql.StartsWith("DELETE", StringComparison.Ordinal))
                _reads.TryAdd(sql, [.. names.Where(n => sql.Contains(n, StringComparison.Ordinal))]);
        }
    }

    public void Dispose()
    {
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
