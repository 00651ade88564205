using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace HepBot.Bench.Turns;

/// <summary>
/// Counts the objects the finalizer thread runs, by type, from the runtime's own GC events (FinalizeObject, GC keyword
/// at verbose level). An object with a finalizer that its owner did not dispose costs a GC generation and the finalizer
/// thread's time on the same two cores as the turns: the bench found SQLite's function hooks this way.
/// </summary>
internal sealed class FinalizerCounter : EventListener
{
    private const string RuntimeEvents = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<nint, int> _byType = new();
    private volatile bool _counting;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == RuntimeEvents)
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (_counting && e.EventName == "FinalizeObject" && e.Payload is [nint typeId, ..])
            _byType.AddOrUpdate(typeId, 1, (_, n) => n + 1);
    }

    public void Start()
    {
        _byType.Clear();
        _counting = true;
    }

    /// <summary>Runs what is waiting for the finalizer (so it is counted), stops, and returns the counts by type name.</summary>
    public IReadOnlyList<(string Type, int Count)> Stop()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _counting = false;
        return [.. _byType.Select(p => (TypeName(p.Key), p.Value)).OrderByDescending(p => p.Value)];
    }

    private static string TypeName(nint typeId)
    {
        try
        {
            return Type.GetTypeFromHandle(RuntimeTypeHandle.FromIntPtr(typeId))?.FullName ?? $"type 0x{typeId:x}";
        }
        catch (ArgumentException)
        {
            return $"type 0x{typeId:x}";
        }
    }
}
