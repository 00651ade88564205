using System.Collections.Concurrent;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// The items of program versions, with their exercises, kept between turns, so a patient's tap reads only which version
/// is current and today's sessions. Safe to keep because a version's items never change once saved (a change is a new
/// version, <see cref="Prescription"/>), and an exercise row changes only when a host seeds the library at its start-up:
/// what is kept lives at most <see cref="Lifetime"/>, so a library text another host seeded reaches this host within
/// that time. At most <see cref="Capacity"/> versions are kept, and their exercises are shared (one instance per
/// exercise, not one per program that prescribes it), so memory stays bounded however many patients train.
/// </summary>
/// <remarks>
/// What is handed out is shared between turns and threads: callers read the items and their exercises and never change
/// them (each caller gets its own list, so assigning or adding to it is harmless).
/// </remarks>
public sealed class ProgramItemsCache(TimeProvider clock)
{
    /// <summary>How long kept items and exercises are served before they are read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most program versions kept at once; the next one starts a new generation.</summary>
    public const int Capacity = 4096;

    private Generation _current = new(DateTimeOffset.MinValue);

    /// <summary>The version's items in their order, from what is kept or else from <paramref name="read"/> (then kept).</summary>
    public async Task<List<PrescriptionItem>> GetAsync(
        Guid prescriptionId, Func<CancellationToken, Task<List<PrescriptionItem>>> read, CancellationToken ct)
    {
        var generation = Current();
        if (generation.Items.TryGetValue(prescriptionId, out var kept))
            return [.. kept];
        var items = await read(ct);
        foreach (var item in items)
        {
            if (item.Exercise is { } exercise)
                item.Exercise = generation.Exercises.AddOrUpdate(exercise.Id, exercise,
                    (_, known) => known.UpdatedAt >= exercise.UpdatedAt ? known : exercise);
        }
        PrescriptionItem[] frozen = [.. items.OrderBy(i => i.Order)];
        if (generation.Items.Count < Capacity)
            generation.Items.TryAdd(prescriptionId, frozen);
        else
            Interlocked.CompareExchange(ref _current, new Generation(clock.GetUtcNow() + Lifetime), generation);
        return [.. frozen];
    }

    private Generation Current()
    {
        var generation = Volatile.Read(ref _current);
        if (clock.GetUtcNow() < generation.Until)
            return generation;
        var fresh = new Generation(clock.GetUtcNow() + Lifetime);
        return Interlocked.CompareExchange(ref _current, fresh, generation) == generation ? fresh : Volatile.Read(ref _current);
    }

    private sealed class Generation(DateTimeOffset until)
    {
        public DateTimeOffset Until { get; } = until;
        public ConcurrentDictionary<Guid, PrescriptionItem[]> Items { get; } = new();
        public ConcurrentDictionary<Guid, Exercise> Exercises { get; } = new();
    }
}
