using HepBot.Conversations.Sessions;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Conversations.Tests.Sessions;

public sealed class ProgramItemsCacheTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));
    private readonly Exercise _squat = Exercise("squat", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static Exercise Exercise(string slug, DateTimeOffset updatedAt) => new()
    {
        Slug = slug,
        DefaultDose = new ExerciseDose(3, 10, null, 30, Side.Both),
        Texts = [new ExerciseText { Locale = "en", Name = slug }],
        UpdatedAt = updatedAt,
    };

    /// <summary>A fresh read, as the database gives it: new objects each time, in any order.</summary>
    private Func<CancellationToken, Task<List<PrescriptionItem>>> Read(Guid prescriptionId, Counter reads, Exercise? exercise = null) => _ =>
    {
        reads.Count++;
        var copy = Exercise("squat", (exercise ?? _squat).UpdatedAt);
        copy.Id = _squat.Id;
        return Task.FromResult<List<PrescriptionItem>>(
        [
            new() { PrescriptionId = prescriptionId, Order = 2, ExerciseId = _squat.Id, Exercise = copy, Dose = copy.DefaultDose },
            new() { PrescriptionId = prescriptionId, Order = 1, ExerciseId = _squat.Id, Exercise = copy, Dose = copy.DefaultDose },
        ]);
    };

    private sealed class Counter
    {
        public int Count { get; set; }
    }

    [Fact]
    public async Task A_version_is_read_once_and_handed_out_in_order_as_a_list_of_its_own()
    {
        var cache = new ProgramItemsCache(_clock);
        var reads = new Counter();
        var version = Guid.NewGuid();

        var first = await cache.GetAsync(version, Read(version, reads), Ct);
        first.Clear();
        var second = await cache.GetAsync(version, Read(version, reads), Ct);

        Assert.Equal(1, reads.Count);
        Assert.Equal([1, 2], second.Select(i => i.Order));
    }

    [Fact]
    public async Task Versions_that_prescribe_the_same_exercise_share_one_instance_of_it()
    {
        var cache = new ProgramItemsCache(_clock);
        var reads = new Counter();
        Guid one = Guid.NewGuid(), two = Guid.NewGuid();

        var a = await cache.GetAsync(one, Read(one, reads), Ct);
        var b = await cache.GetAsync(two, Read(two, reads), Ct);

        Assert.Same(a[0].Exercise, b[1].Exercise);
    }

    [Fact]
    public async Task What_is_kept_is_read_again_once_its_lifetime_is_over()
    {
        var cache = new ProgramItemsCache(_clock);
        var reads = new Counter();
        var version = Guid.NewGuid();
        await cache.GetAsync(version, Read(version, reads), Ct);

        _clock.Advance(ProgramItemsCache.Lifetime - TimeSpan.FromSeconds(1));
        await cache.GetAsync(version, Read(version, reads), Ct);
        Assert.Equal(1, reads.Count);

        // A library text another host seeded in the meantime arrives with the next read.
        _clock.Advance(TimeSpan.FromSeconds(2));
        var seeded = Exercise("squat", _squat.UpdatedAt.AddDays(1));
        var again = await cache.GetAsync(version, Read(version, reads, seeded), Ct);
        Assert.Equal(2, reads.Count);
        Assert.Equal(seeded.UpdatedAt, again[0].Exercise!.UpdatedAt);
    }

    [Fact]
    public async Task It_keeps_no_more_versions_than_its_capacity()
    {
        var cache = new ProgramItemsCache(_clock);
        var reads = new Counter();
        var versions = Enumerable.Range(0, ProgramItemsCache.Capacity + 1).Select(_ => Guid.NewGuid()).ToList();
        foreach (var version in versions)
            await cache.GetAsync(version, Read(version, reads), Ct);

        // The one past capacity started a new generation: the first versions are read again.
        await cache.GetAsync(versions[0], Read(versions[0], reads), Ct);
        Assert.Equal(ProgramItemsCache.Capacity + 2, reads.Count);
    }
}
