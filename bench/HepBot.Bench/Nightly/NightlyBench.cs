using System.Diagnostics;
using System.Runtime;
using HepBot.Core.Alerts;
using HepBot.Data;
using HepBot.Data.Providers;
using HepBot.Scheduling;
using HepBot.Scheduling.Adherence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HepBot.Bench.Nightly;

/// <summary>
/// The nightly adherence run over N patients with 90 days of history each, on PostgreSQL: seconds, the managed
/// memory the run held at its peak, what it allocated, and its queries. Each size gets a fresh database: a cohort
/// of <c>--template</c> patients is written through EF Core, then copied on the server under new ids until there
/// are N. Two nights are run: the first opens the alerts the history calls for, the second is a night where
/// most of them already stand. With <c>--compare N</c>, size N also gets a first night without the covering indexes
/// of migration CoveringSessionIndexes, on the same database just before, so the two are measured side by side.
/// </summary>
internal static class NightlyBench
{
    // Wednesday 11 March 2026, 03:15 UTC: when the nightly job runs.
    private static readonly DateTimeOffset Night = new(2026, 3, 11, 3, 15, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var sizes = arguments.Numbers("patients", 10_000, 100_000);
        var days = arguments.Numbers("days", 90)[0];
        var template = arguments.Numbers("template", 1_000)[0];
        var batchSize = arguments.Numbers("batch", new SchedulingOptions().NightlyBatchSize)[0];
        var parallel = arguments.Numbers("parallel", new SchedulingOptions().NightlyParallelPages)[0];
        // Sizes where a first night is also measured without the covering indexes, on the same database just before.
        var compare = arguments.Numbers("compare").ToHashSet();
        var server = BenchDatabase.PostgresServer(arguments)
            ?? throw new InvalidOperationException("The nightly bench runs on PostgreSQL: pass --postgres \"Host=...\" or set HEPBOT_BENCH_POSTGRES.");

        Console.WriteLine($"nightly bench: PostgreSQL, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, "
            + $"batches of {batchSize}, {parallel} at a time, {days} days of history per patient");
        Console.WriteLine("Peak heap is the managed heap sampled every 10 ms during the run, less the heap before it; allocated is the run's total.");
        Console.WriteLine();
        Console.WriteLine("| patients | session rows | night | covering indexes | seconds | patients/s | batches | queries | alerts opened | cleared | failed | peak heap MB | allocated MB | peak RSS MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var patients in sizes)
        {
            var reuse = arguments.Value("reuse");
            await using var database = reuse is null ? await BenchDatabase.CreateAsync(DatabaseProvider.Postgres, server) : BenchDatabase.Existing(server, reuse);
            database.Keep |= arguments.Flag("keep");
            var profile = new QueryProfile { Sql = arguments.Flag("sql") ? Console.Error : null };
            await using var services = Services(database.ConnectionString, profile);
            var contexts = services.GetRequiredService<IDbContextFactory<HepBotDbContext>>();
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

            var seed = Stopwatch.StartNew();
            var cohort = Math.Min(template, patients);
            if (reuse is null)
            {
                await NightlyCohort.WriteAsync(contexts, cohort, days, Night);
                await NightlyCohort.CopyAsync(contexts, copies: (patients + cohort - 1) / cohort, keep: patients);
            }
            else
            {
                // As seeded: no alerts yet, so night 1 opens what the history calls for.
                await NightlyCohort.ForgetAlertsAsync(contexts);
            }
            var sessionRows = await NightlyCohort.CountSessionsAsync(contexts);
            Console.Error.WriteLine($"  {(reuse is null ? "seeded" : "reused")} {patients:N0} patients, {sessionRows:N0} session rows in {seed.Elapsed.TotalSeconds:F0} s");

            var nights = compare.Contains(patients) ? new[] { (1, false), (1, true), (2, true) } : new[] { (1, true), (2, true) };
            foreach (var (night, indexed) in nights)
            {
                if (!indexed)
                    await NightlyCohort.CoveringIndexesAsync(contexts, present: false);
                var job = new NightlyAdherenceJob(contexts, Options.Create(new AlertRuleOptions()), new NightClock(Night.AddDays(night - 1)),
                    NullLogger<NightlyAdherenceJob>.Instance, Options.Create(new SchedulingOptions { NightlyBatchSize = batchSize, NightlyParallelPages = parallel }));
                profile.Reset();
                profile.Enabled = true;
                var (result, memory) = await MemorySampler.MeasureAsync(() => job.RunAsync(CancellationToken.None));
                profile.Enabled = false;
                Console.WriteLine($"| {patients:N0} | {sessionRows:N0} | {night} | {(indexed ? "yes" : "no")} | {result.Elapsed.TotalSeconds:F1} | {result.Patients / result.Elapsed.TotalSeconds:N0} | {result.Batches} | {result.Queries} "
                    + $"| {result.Opened:N0} | {result.Cleared:N0} | {result.Failed} | {memory.PeakHeapMb:F0} | {memory.AllocatedMb:N0} | {memory.PeakRssMb:F0} |");
                Console.Error.WriteLine($"  night {night} ({(indexed ? "with" : "without")} covering indexes): {profile.Count} commands, {profile.Total.TotalSeconds:F1} s of the {result.Elapsed.TotalSeconds:F1} s in the database "
                    + $"(sent to reader closed); load average {LoadAverage()}");
                foreach (var (kind, count, time) in profile.Kinds)
                    Console.Error.WriteLine($"    {count,5} × {kind,-40} {time.TotalSeconds,7:F2} s");
                if (result.Patients != patients || result.Failed > 0)
                {
                    Console.Error.WriteLine($"The run evaluated {result.Patients} of {patients} patients, {result.Failed} failed: the figures are not of a whole night.");
                    return 1;
                }
                if (!indexed)
                {
                    // The same first night once more, with the indexes the migration creates.
                    await NightlyCohort.ForgetAlertsAsync(contexts);
                    await NightlyCohort.CoveringIndexesAsync(contexts, present: true);
                }
            }
        }
        Console.WriteLine();
        return 0;
    }

    private static ServiceProvider Services(string connectionString, QueryProfile profile)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddHepBotDatabase(DatabaseProvider.Postgres, connectionString);
        services.ConfigureDbContext<PostgresHepBotDbContext>(o => o.AddInterceptors(profile));
        return services.BuildServiceProvider();
    }

    /// <summary>The machine's 1-minute load average, so a figure can be read against what else ran.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}

/// <summary>The night's date and time, with the real clock's timestamps so the run's own elapsed time is measured.</summary>
internal sealed class NightClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The managed heap and working set sampled while a task runs.</summary>
internal static class MemorySampler
{
    public readonly record struct Figures(double PeakHeapMb, double AllocatedMb, double PeakRssMb);

    public static async Task<(T Result, Figures Memory)> MeasureAsync<T>(Func<Task<T>> run)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakHeap = heapBefore, peakRss = Environment.WorkingSet;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                peakRss = Math.Max(peakRss, Environment.WorkingSet);
                try { await Task.Delay(10, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var result = await run();
        stop.Cancel();
        await sampler;
        const double Mb = 1048576.0;
        return (result, new((peakHeap - heapBefore) / Mb, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Mb, peakRss / Mb));
    }
}
