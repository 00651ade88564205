using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HepBot.Bench.Nightly;

/// <summary>
/// Counts the commands the job sends and the time each kind takes until its reader is closed (the round trip and the
/// rows' transfer), keyed by the command's first table, so the bench can say where a night's time goes.
/// </summary>
internal sealed class QueryProfile : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, (int Count, long Ticks)> kinds = new();
    private readonly ConcurrentDictionary<DbCommand, long> started = new();

    public bool Enabled { get; set; }

    /// <summary>When set (<c>--sql</c>), the text of each kind's first command is written here once.</summary>
    public TextWriter? Sql { get; set; }

    private readonly ConcurrentDictionary<string, bool> shown = new();

    public void Reset() => kinds.Clear();

    public IEnumerable<(string Kind, int Count, TimeSpan Time)> Kinds =>
        kinds.OrderByDescending(k => k.Value.Ticks).Select(k => (k.Key, k.Value.Count, Stopwatch.GetElapsedTime(0, k.Value.Ticks)));

    public TimeSpan Total => Stopwatch.GetElapsedTime(0, kinds.Values.Sum(k => k.Ticks));

    public int Count => kinds.Values.Sum(k => k.Count);

    private void Start(DbCommand command)
    {
        if (Enabled)
            started[command] = Stopwatch.GetTimestamp();
    }

    private void Stop(DbCommand command)
    {
        if (!started.TryRemove(command, out var at))
            return;
        var ticks = Stopwatch.GetTimestamp() - at;
        var kind = Kind(command.CommandText);
        kinds.AddOrUpdate(kind, (1, ticks), (_, k) => (k.Count + 1, k.Ticks + ticks));
        if (Sql is not null && shown.TryAdd(kind, true))
            Sql.WriteLine($"-- {kind} ({string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName} = {p.Value}"))})\n{command.CommandText};\n");
    }

    /// <summary>The verb and the table of the command's outermost FROM, INTO or UPDATE (subqueries in parentheses skipped).</summary>
    private static string Kind(string sql)
    {
        var text = sql.TrimStart();
        var verb = text.Split(' ', 2)[0].ToUpperInvariant();
        var keyword = verb switch { "SELECT" => "FROM ", "INSERT" => "INTO ", "UPDATE" => "UPDATE ", _ => null };
        var table = "";
        if (keyword is not null)
        {
            var depth = 0;
            for (var i = 0; i < text.Length - keyword.Length; i++)
            {
                depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                if (depth == 0 && string.CompareOrdinal(text, i, keyword, 0, keyword.Length) == 0)
                {
                    table = new string([.. text[(i + keyword.Length)..].TrimStart().TakeWhile(c => c is not (' ' or '\n' or '('))]);
                    break;
                }
            }
        }
        return $"{verb} {table}" + (text.Contains(";\n", StringComparison.Ordinal) ? " (batched)" : "");
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Start(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Stop(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => started.TryRemove(command, out _);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        started.TryRemove(command, out _);
        return Task.CompletedTask;
    }
}
