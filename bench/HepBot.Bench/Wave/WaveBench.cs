using System.Diagnostics;
using System.Globalization;
using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using HepBot.Data.Outbound;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Bench.Wave;

/// <summary>
/// A reminder wave: N Telegram patients whose reminder is due in the same minute, sent by real HepBot hosts
/// (child processes of the bench, the web host's own composition root) through the fake Bot API of
/// <see cref="FakeBotApi"/>, which enforces Telegram's limits. The whole path is the product's: start-up
/// synchronises the reminder triggers, Quartz fires each one, the reminder job queues the message, the
/// channel's lease holder sends it paced. The bench prints the delivered rate against the legal 30/s, lost
/// and duplicated messages, 429s and each host's peak RSS. With <c>--hosts 2 --kill</c> (PostgreSQL), the
/// host holding the sender lease is killed with SIGKILL once a third of the wave has gone out.
/// </summary>
internal static class WaveBench
{
    private const string Token = "123456789:AAEbenchbenchbenchbenchbenchbenchbe";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var sizes = arguments.Numbers("patients", 1_000, 10_000);
        var providers = arguments.Words("providers", "sqlite", "postgres");
        var hosts = arguments.Numbers("hosts", 1)[0];
        var kill = arguments.Flag("kill");
        var server = BenchDatabase.PostgresServer(arguments);
        if (kill && hosts < 2)
            throw new InvalidOperationException("--kill needs --hosts 2: the survivor takes over.");

        Console.WriteLine($"wave bench: {Environment.ProcessorCount} cores, .NET {Environment.Version}, fake Bot API at {FakeBotApi.PerSecond} messages/s in total "
            + "and 1/s per chat (429 with retry_after beyond); load average at start " + Nightly.NightlyBench.LoadAverage());
        Console.WriteLine("Rate: messages delivered ÷ seconds from the first delivery to the last, against the legal 30/s.");
        Console.WriteLine();
        Console.WriteLine("| storage | hosts | patients | delivered | seconds | msg/s | of legal rate | lost | duplicated | 429s | sent again (outcome unknown) | longest pause s | peak RSS MB per host | load |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var failed = false;
        foreach (var providerName in providers)
        {
            var provider = providerName.ToLowerInvariant() switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgres" => DatabaseProvider.Postgres,
                _ => throw new InvalidOperationException($"Unknown provider {providerName}: sqlite or postgres."),
            };
            if (provider == DatabaseProvider.Sqlite && hosts > 1)
                throw new InvalidOperationException("Two hosts need PostgreSQL: Quartz and the sender lease run one node on SQLite.");
            foreach (var patients in sizes)
                failed |= !await RunWaveAsync(provider, server, patients, hosts, kill, arguments);
        }
        Console.WriteLine();
        return failed ? 1 : 0;
    }

    private static async Task<bool> RunWaveAsync(DatabaseProvider provider, string? server, int patients, int hostCount, bool kill, BenchArguments arguments)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, server);
        await using var api = await FakeBotApi.StartAsync();
        var contexts = BenchContexts(database);
        await using (var migrate = await contexts.CreateDbContextAsync())
            await migrate.Database.MigrateAsync();

        // The minute the wave is due: far enough ahead for start-up to synchronise every patient's trigger.
        var lead = TimeSpan.FromSeconds(arguments.Numbers("lead", 60 + patients * 15 / 1000)[0]);
        var dueAt = NextMinute(DateTimeOffset.UtcNow + lead);
        var seeded = Stopwatch.StartNew();
        await WaveCohort.WriteAsync(contexts, patients, dueAt);
        Console.Error.WriteLine($"  {provider} {patients:N0}: seeded in {seeded.Elapsed.TotalSeconds:F0} s; due at {dueAt:HH:mm} UTC");

        var children = new List<WaveHost>();
        try
        {
            for (var i = 0; i < hostCount; i++)
                children.Add(await WaveHost.StartAsync(i + 1, provider, database.ConnectionString, api.BaseUrl, Token));
            await Task.WhenAll(children.Select(c => c.Synchronised));
            var margin = dueAt - DateTimeOffset.UtcNow;
            Console.Error.WriteLine($"  reminder triggers synchronised {margin.TotalSeconds:F0} s before the wave is due");
            if (margin < TimeSpan.Zero)
                Console.Error.WriteLine("  the triggers were synchronised after the minute they were due: raise --lead.");

            var legalSeconds = (double)patients / FakeBotApi.PerSecond;
            var deadline = dueAt + TimeSpan.FromSeconds(legalSeconds * 2 + 120);
            var killed = false;
            var nextProgress = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
                if (kill && !killed && api.Accepted.Count >= patients / 3)
                {
                    var holder = await LeaseHolderPidAsync(contexts);
                    var victim = children.FirstOrDefault(c => c.Pid == holder) ?? children[0];
                    victim.Kill();
                    killed = true;
                    Console.Error.WriteLine($"  killed host {victim.Number} (pid {victim.Pid}, the lease holder) with SIGKILL after {api.Accepted.Count:N0} deliveries");
                }
                var (rows, open) = await QueueAsync(contexts);
                if (rows >= patients && open == 0)
                    break;
                if (DateTimeOffset.UtcNow >= nextProgress)
                {
                    nextProgress += TimeSpan.FromSeconds(30);
                    Console.Error.WriteLine($"  {DateTimeOffset.UtcNow:HH:mm:ss}: {api.Accepted.Count:N0} delivered, {rows:N0} queued, {open:N0} not finished");
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(3)); // time for a message sent twice to show up

            var deliveries = api.Accepted.ToList();
            var distinct = deliveries.Select(d => d.Chat).Distinct().Count();
            var seconds = deliveries.Count > 1 ? Stopwatch.GetElapsedTime(deliveries.Min(d => d.At), deliveries.Max(d => d.At)).TotalSeconds : 0;
            var rate = seconds > 0 ? (deliveries.Count - 1) / seconds : 0;
            var times = deliveries.Select(d => d.At).Order().ToList();
            var pause = times.Count > 1 ? times.Zip(times.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).Max() : 0;
            int unknown;
            await using (var db = await contexts.CreateDbContextAsync())
                unknown = await db.OutboundMessages.CountAsync(m => m.OutcomeUnknown);
            var lost = patients - distinct;
            var duplicated = deliveries.Count - distinct;
            var rss = string.Join(" / ", children.Select(c => c.PeakRssMb.ToString("F0", CultureInfo.InvariantCulture) + (c.WasKilled ? " (killed)" : "")));
            Console.WriteLine($"| {(provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL")} | {hostCount}{(kill ? ", one killed" : "")} | {patients:N0} | {deliveries.Count:N0} "
                + $"| {seconds:F1} | {rate:F1} | {rate / FakeBotApi.PerSecond:P1} | {lost} | {duplicated} | {api.Rejected} | {unknown} | {pause:F1} | {rss} | {Nightly.NightlyBench.LoadAverage()} |");
            ReportTransits(api);
            await ReportQueueAsync(contexts, dueAt);
            foreach (var child in children)
                foreach (var line in child.Warnings.Take(5))
                    Console.Error.WriteLine($"  host {child.Number}: {line}");
            // A message whose outcome was unknown may be sent once more; any other second copy is a duplicate.
            return lost == 0 && duplicated <= unknown && api.Rejected == 0;
        }
        finally
        {
            foreach (var child in children)
                await child.DisposeAsync();
        }
    }

    /// <summary>
    /// How long the requests took from the host's HTTP client to the fake's count, and whether the requests answered
    /// 429 had left the host within the limits: when they did, the host kept the limits as it saw them and the time in
    /// transit pushed them over.
    /// </summary>
    private static void ReportTransits(FakeBotApi api)
    {
        var transits = api.Transits.ToList();
        if (transits.Count == 0)
            return;
        var ms = transits.Select(t => Stopwatch.GetElapsedTime(t.Sent, t.At).TotalMilliseconds).Order().ToList();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)(q * ms.Count))];
        var acceptedSent = transits.Where(t => t.Accepted).Select(t => t.Sent).Order().ToArray();
        var rejected = transits.Where(t => !t.Accepted).ToList();
        // A rejected request "left within the limit" when fewer than 30 accepted requests had left in the second before it.
        var leftWithin = rejected.Count(r =>
        {
            var from = r.Sent - Stopwatch.Frequency;
            var lo = Array.BinarySearch(acceptedSent, from);
            var hi = Array.BinarySearch(acceptedSent, r.Sent);
            lo = lo < 0 ? ~lo : lo;
            hi = hi < 0 ? ~hi : hi;
            return hi - lo < FakeBotApi.PerSecond;
        });
        var overBySent = Enumerable.Range(FakeBotApi.PerSecond, Math.Max(0, acceptedSent.Length - FakeBotApi.PerSecond))
            .Count(i => acceptedSent[i] - acceptedSent[i - FakeBotApi.PerSecond] < Stopwatch.Frequency);
        Console.Error.WriteLine($"  request transit (host HTTP client to the fake's count) ms: p50 {At(0.5):F1}, p90 {At(0.9):F1}, p99 {At(0.99):F1}, max {ms[^1]:F1}; "
            + $"{rejected.Count} answered 429, {leftWithin} of them left the host with fewer than 30 accepted sends in the second before; "
            + $"accepted sends that left the host as the 31st within a second: {overBySent}");
    }

    /// <summary>
    /// When the reminder jobs queued the wave and when the sender sent it: a queue that stays near empty means the
    /// jobs, not the sender, set the pace.
    /// </summary>
    private static async Task ReportQueueAsync(IDbContextFactory<HepBotDbContext> contexts, DateTimeOffset dueAt)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await db.OutboundMessages.AsNoTracking().Where(m => m.Kind == OutboundKind.Reminder)
            .Select(m => new { m.CreatedAt, m.SentAt }).ToListAsync();
        if (rows.Count == 0)
            return;
        var created = rows.Select(r => r.CreatedAt).Order().ToList();
        var sent = rows.Where(r => r.SentAt is not null).Select(r => r.SentAt!.Value).Order().ToList();
        var waited = rows.Where(r => r.SentAt is not null).Select(r => (r.SentAt!.Value - r.CreatedAt).TotalSeconds).Order().ToList();
        string Seconds(DateTimeOffset at) => (at - dueAt).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"  queued by the reminder jobs from {Seconds(created[0])} s to {Seconds(created[^1])} s after the due minute "
            + $"({rows.Count / Math.Max(0.001, (created[^1] - created[0]).TotalSeconds):F1}/s); "
            + (sent.Count > 0 ? $"marked sent from {Seconds(sent[0])} s to {Seconds(sent[^1])} s; time in the queue p50 {waited[waited.Count / 2]:F1} s, max {waited[^1]:F1} s" : "none sent"));
    }

    /// <summary>Every patient's reminder queued and answered (sent or given up): nothing more will go out.</summary>
    /// <summary>The reminder rows queued so far, and the rows not finished (pending, sending or retrying).</summary>
    private static async Task<(int Rows, int Open)> QueueAsync(IDbContextFactory<HepBotDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await db.OutboundMessages.CountAsync(m => m.Kind == OutboundKind.Reminder);
        var open = await db.OutboundMessages.CountAsync(m => m.Status == OutboundStatus.Pending || m.Status == OutboundStatus.Sending || m.Status == OutboundStatus.Retrying);
        return (rows, open);
    }

    /// <summary>The process id in the Telegram sender lease's holder name (machine/pid/instance).</summary>
    private static async Task<int?> LeaseHolderPidAsync(IDbContextFactory<HepBotDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var holder = await db.SenderLeases.AsNoTracking().Where(l => l.Channel == "telegram").Select(l => l.Holder).FirstOrDefaultAsync();
        var parts = holder?.Split('/');
        return parts is { Length: 3 } && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static DateTimeOffset NextMinute(DateTimeOffset at) =>
        new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    private static IDbContextFactory<HepBotDbContext> BenchContexts(BenchDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddHepBotDatabase(database.Provider, database.ConnectionString);
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<HepBotDbContext>>();
    }
}

/// <summary>The wave's patients, written straight to the database: one Telegram chat each, one reminder a day at the wave's minute.</summary>
internal static class WaveCohort
{
    public const long FirstChat = 7_000_000_000;

    public static async Task WriteAsync(IDbContextFactory<HepBotDbContext> contexts, int patients, DateTimeOffset dueAt)
    {
        // A fixed-offset zone where the wave's minute is early afternoon, so quiet hours never hold it back.
        var offset = (14 - dueAt.Hour + 36) % 24 - 12;
        var zone = offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        var local = TimeOnly.FromDateTime(dueAt.UtcDateTime.AddHours(offset));
        var created = dueAt.AddDays(-40);
        var clinic = new Clinic { Name = "Wave clinic", DefaultTimeZone = zone, CreatedAt = created };
        var therapist = new Therapist { ClinicId = clinic.Id, Name = "Wave therapist", Email = "wave@bench.test", CreatedAt = created };
        var exercises = Enumerable.Range(1, 3).Select(i => new Exercise
        {
            Slug = $"wave-exercise-{i}",
            ClinicId = clinic.Id,
            DefaultDose = new ExerciseDose(3, 10, null, 30, Side.Both),
            Texts = [new ExerciseText { Locale = "en", Name = $"Exercise {i}" }],
            CreatedAt = created,
            UpdatedAt = created,
        }).ToList();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.AddRange(clinic, therapist);
            db.AddRange(exercises);
            await db.SaveChangesAsync();
        }
        const int PerSave = 500;
        for (var first = 0; first < patients; first += PerSave)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(patients, first + PerSave); i++)
            {
                var patient = new Patient
                {
                    ClinicId = clinic.Id, TherapistId = therapist.Id, DisplayName = $"Wave patient {i}", TimeZoneId = zone,
                    ReminderTimes = [local], CreatedAt = created, LinkedAt = created, MessagingConsentAt = created,
                };
                var prescription = new Prescription
                {
                    PatientId = patient.Id, Version = 1, PrescribedById = therapist.Id, CreatedAt = created,
                    Schedule = new PrescriptionSchedule(1, TrainingDays.Every, DateOnly.FromDateTime(created.UtcDateTime), null),
                    Items = [.. exercises.Select((e, n) => new PrescriptionItem { Order = n + 1, ExerciseId = e.Id, Dose = e.DefaultDose, MaxSets = 4, MaxReps = 15 })],
                };
                var chat = (FirstChat + i).ToString(CultureInfo.InvariantCulture);
                db.AddRange(patient, prescription);
                db.ChannelAccounts.Add(new ChannelAccount
                {
                    Channel = "telegram", ChannelUserId = chat, ConversationId = chat, PatientId = patient.Id, LinkedAt = created,
                });
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
    }
}
