using System.Diagnostics;
using System.Runtime;
using System.Text.Json.Nodes;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Bench.Turns;

/// <summary>
/// Conversation turns through <c>POST /api/messages</c>: 1 and 50 conversations at once, each linking with its
/// invitation code and then doing today's six-exercise session (14 turns), against the echo bot on the same
/// adapter and storage. Then the memory held once many conversations were active today.
/// </summary>
internal static class TurnBench
{
    private const string SessionDone = "You did 6 of 6 exercises today.";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var providers = arguments.Words("providers", "sqlite", "postgres");
        var concurrency = arguments.Numbers("conversations", 1, 50);
        var active = arguments.Numbers("active", 10_000)[0];
        var rounds = arguments.Numbers("rounds", 2)[0];
        var statements = arguments.Flag("statements");
        var think = ThinkTime.Parse(arguments.Value("think"));
        // --warmup 0 skips the warm-up: for the --active memory figure alone, where CPU per turn is not printed.
        var warmUpRounds = arguments.Numbers("warmup", 40)[0];
        using var counters = new DatabaseCounters();
        Console.WriteLine($"turns bench: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine("CPU and allocations are the whole bench process's (host, driver and loopback channel) divided by the turns;");
        Console.WriteLine("DB commands are those EF Core sent (Quartz's are not counted), EF compilations its compiled-query cache misses.");
        Console.WriteLine("Taps: 'closed loop' sends each conversation's next tap the moment the reply arrives (saturation throughput);");
        Console.WriteLine($"'think' waits a seeded random {think?.ToString() ?? "2–5 s"} before each tap, as a patient reading the reply would (the latency a patient sees).");
        Console.WriteLine();
        Console.WriteLine("| storage | bot | conversations | taps | turns/s | p50 ms | p95 ms | CPU ms/turn | GC pause ms/turn | alloc KB/turn | JIT methods/turn | replies/turn | DB commands/turn | EF compilations/turn | finalized/turn | RSS MB | sessions done | load |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var failed = false;
        foreach (var name in providers)
        {
            var provider = name.ToLowerInvariant() switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgres" or "postgresql" => DatabaseProvider.Postgres,
                _ => throw new ArgumentException($"--providers takes sqlite and postgres, not '{name}'."),
            };
            await using var database = await BenchDatabase.CreateAsync(provider, BenchDatabase.PostgresServer(arguments));
            await using var channel = await LoopbackChannel.StartAsync();
            await using var host = await BenchHost.StartAsync(provider, database.ConnectionString);
            // No client timeout: a slow turn is measured, not cancelled half-way (which would abort it inside the host).
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = new Uri(host.Address), Timeout = Timeout.InfiniteTimeSpan };
            var clinic = new BenchClinic(host.Services.GetRequiredService<IDbContextFactory<HepBotDbContext>>(), TimeProvider.System);
            var driver = new Driver(http, channel);
            var loads = new[] { (ThinkTime?)null }.Concat(think is null ? [] : [think]).ToList();

            if (warmUpRounds > 0)
                await WarmUpAsync(driver, clinic, provider, warmUpRounds);
            counters.TakeStatements();

            for (var round = 0; round < rounds; round++)
            {
                foreach (var conversations in concurrency)
                    foreach (var load in loads)
                    {
                        foreach (var hepBot in new[] { false, true })
                        {
                            var codes = hepBot ? await clinic.InviteAsync(conversations) : [.. Enumerable.Range(0, conversations).Select(_ => "")];
                            counters.TakeStatements();
                            var result = await Measure(counters, channel, () => driver.SessionAsync(codes, hepBot, load, seed: round * 1000 + conversations));
                            failed |= hepBot && result.Completed < conversations;
                            Console.WriteLine($"| {provider} | {(hepBot ? "HepBot daily session" : "echo")} | {conversations} | {(load is null ? "closed loop" : $"think {load}")} | {result.TurnsPerSecond:F1} | {result.P50:F1} | {result.P95:F1} | {result.CpuPerTurn:F2} | {result.GcPausePerTurn:F2} | {result.AllocatedKbPerTurn:F0} | {result.JitPerTurn:F1} | {result.RepliesPerTurn:F2} | {result.CommandsPerTurn:F1} | {result.CompilationsPerTurn:F2} | {result.FinalizedPerTurn:F1} | {result.RssMb:F0} | {(hepBot ? $"{result.Completed}/{conversations}" : "-")} | {LoadAverage()} |");
                            if (statements)
                            {
                                foreach (var (statement, count, milliseconds) in counters.TakeStatements())
                                    Console.Error.WriteLine($"    {count / (double)result.Turns,5:F2}/turn {milliseconds / result.Turns,7:F2} ms/turn  {statement}");
                                foreach (var (type, count) in result.Finalized.Take(8))
                                    Console.Error.WriteLine($"    {count / (double)result.Turns,6:F2}/turn finalized  {type}");
                            }
                        }
                    }
            }

            if (active > 0)
            {
                var chats = await clinic.LinkedAsync(active);
                var watch = Stopwatch.StartNew();
                var peak = await driver.ActiveTodayAsync(chats, parallel: 50);
                var seconds = watch.Elapsed.TotalSeconds;
                // What the host keeps once they are idle again (a full, compacting collection first).
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var rss = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
                var heap = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;
                Console.WriteLine($"| {provider} | HepBot, {active:N0} linked conversations each asking today's plan (/today) | 50 | closed loop | {active / seconds:F1} | | | | | | | | | | | {rss:F0} after (peak {peak:F0}, managed heap {heap:F0}) | | {LoadAverage()} |");
            }
        }
        Console.WriteLine();
        if (failed)
            Console.Error.WriteLine("Some HepBot sessions did not reach the summary: the figures above are not of complete sessions.");
        return failed ? 1 : 0;
    }

    /// <summary>
    /// Until the runtime has finished optimising the turn's code, not counted. Methods start quickly jitted and are
    /// compiled again, optimised, on a background thread once called often enough; on a loaded machine that takes
    /// many sessions, and a run measured before it ends counts the compiler's work and slow first-tier code as the
    /// turn's (the samples of the first figures were still in it). So sessions of both bots are played until one round
    /// compiles fewer than <see cref="SettledJitPerTurn"/> methods per turn.
    /// </summary>
    private static async Task WarmUpAsync(Driver driver, BenchClinic clinic, DatabaseProvider provider, int maxRounds)
    {
        const int conversations = 10;
        var watch = Stopwatch.StartNew();
        for (var round = 1; ; round++)
        {
            var jit = System.Runtime.JitInfo.GetCompiledMethodCount();
            var (hepBot, _) = await driver.SessionAsync(await clinic.InviteAsync(conversations), hepBot: true);
            var (echo, _) = await driver.SessionAsync([.. Enumerable.Range(0, conversations).Select(_ => "")], hepBot: false);
            // The optimising compiler waits for a pause in new first-tier compilations before it runs.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var perTurn = (System.Runtime.JitInfo.GetCompiledMethodCount() - jit) / (double)(hepBot.Count + echo.Count);
            if (perTurn < SettledJitPerTurn || round == maxRounds)
            {
                Console.Error.WriteLine($"{provider}: warmed up in {round} rounds of {conversations} sessions of each bot ({watch.Elapsed.TotalSeconds:F0} s), last round {perTurn:F2} JIT methods/turn{(perTurn < SettledJitPerTurn ? "" : " (NOT settled)")}.");
                return;
            }
        }
    }

    private const double SettledJitPerTurn = 0.5;

    /// <summary>Listens from the first measured run to the end of the process.</summary>
    private static readonly FinalizerCounter Finalizers = new();

    private static async Task<Result> Measure(DatabaseCounters counters, LoopbackChannel channel, Func<Task<(List<double> Latencies, int Completed)>> run)
    {
        GC.Collect();
        var commands = counters.Commands;
        var compilations = counters.QueryCompilations;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var jit = System.Runtime.JitInfo.GetCompiledMethodCount();
        var allocated = GC.GetTotalAllocatedBytes();
        var replies = channel.Received;
        var paused = GC.GetTotalPauseDuration();
        Finalizers.Start();
        var watch = Stopwatch.StartNew();
        var (latencies, completed) = await run();
        watch.Stop();
        // The finalizer's work the turns left behind is run and counted in the CPU figure.
        var finalized = Finalizers.Stop();
        process.Refresh();
        var turns = latencies.Count;
        latencies.Sort();
        return new Result(
            turns / watch.Elapsed.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            (process.TotalProcessorTime - cpu).TotalMilliseconds / turns,
            (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / turns,
            (System.Runtime.JitInfo.GetCompiledMethodCount() - jit) / (double)turns,
            (counters.Commands - commands) / (double)turns,
            (counters.QueryCompilations - compilations) / (double)turns,
            process.WorkingSet64 / 1048576.0,
            completed,
            turns,
            finalized.Sum(f => f.Count) / (double)turns,
            finalized,
            (channel.Received - replies) / (double)turns,
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / turns);
    }

    /// <summary>The machine's 1-minute load average (Linux), beside each row: the machine is shared.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "";

    /// <summary>A patient's pause before each tap, drawn uniformly between two bounds from a seeded generator.</summary>
    internal sealed record ThinkTime(double MinSeconds, double MaxSeconds)
    {
        public static ThinkTime? Parse(string? value)
        {
            if (value is null)
                return null;
            var parts = value.Split('-');
            var bounds = parts.Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            if (bounds.Length != 2 || bounds[0] < 0 || bounds[1] < bounds[0])
                throw new ArgumentException($"--think takes MIN-MAX seconds, e.g. 2-5, not '{value}'.");
            return new ThinkTime(bounds[0], bounds[1]);
        }

        public TimeSpan Next(Random random) => TimeSpan.FromSeconds(MinSeconds + random.NextDouble() * (MaxSeconds - MinSeconds));

        public override string ToString() => FormattableString.Invariant($"{MinSeconds:0.#}–{MaxSeconds:0.#} s");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record Result(
        double TurnsPerSecond, double P50, double P95, double CpuPerTurn, double AllocatedKbPerTurn, double JitPerTurn,
        double CommandsPerTurn, double CompilationsPerTurn, double RssMb, int Completed, int Turns,
        double FinalizedPerTurn, IReadOnlyList<(string Type, int Count)> Finalized, double RepliesPerTurn,
        double GcPausePerTurn);

    /// <summary>Plays patients in Teams: posts activities and taps the buttons of the replies the loopback channel got.</summary>
    private sealed class Driver(HttpClient http, LoopbackChannel channel)
    {
        private HttpClient Http => http;
        private LoopbackChannel Channel => channel;

        /// <summary>Every code's conversation at once; returns each turn's latency and how many sessions reached the summary.</summary>
        /// <param name="think">Null: each tap the moment the reply is in; else a pause before each, from a generator seeded per conversation.</param>
        public async Task<(List<double>, int)> SessionAsync(IReadOnlyList<string> codes, bool hepBot, ThinkTime? think = null, int seed = 0)
        {
            var runs = await Task.WhenAll(codes.Select((code, i) => Task.Run(() =>
            {
                var pause = think is null ? null : new Pause(think, new Random(seed * 7919 + i));
                return hepBot ? DailySessionAsync(code, pause) : EchoAsync(pause);
            })));
            return ([.. runs.SelectMany(r => r.Latencies)], runs.Count(r => r.Completed));
        }

        /// <summary>
        /// Today's plan asked in each linked chat, <paramref name="parallel"/> conversations at a time; progress on stderr.
        /// Returns the highest RSS seen meanwhile, in MB.
        /// </summary>
        public async Task<double> ActiveTodayAsync(IReadOnlyList<BenchPatient> chats, int parallel)
        {
            var done = 0;
            double peak = 0;
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(chats, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (patient, _) =>
            {
                var chat = new Chat(this, "/api/messages", patient);
                var plan = await chat.TypeAsync("/today");
                chat.Close();
                if (!plan.Contains("exercises", StringComparison.Ordinal))
                    Console.Error.WriteLine($"    /today did not show the plan; the bot said: {plan}");
                var n = Interlocked.Increment(ref done);
                if (n % 1000 == 0)
                {
                    var rss = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
                    lock (chats)
                        peak = Math.Max(peak, rss);
                    Console.Error.WriteLine($"    {n:N0} of {chats.Count:N0} active, {n / watch.Elapsed.TotalSeconds:F1} turns/s, RSS {rss:F0} MB");
                }
            });
            return Math.Max(peak, Process.GetCurrentProcess().WorkingSet64 / 1048576.0);
        }

        /// <summary>A conversation's think time: one generator per conversation, so runs repeat.</summary>
        private sealed class Pause(ThinkTime think, Random random)
        {
            public Task WaitAsync() => Task.Delay(think.Next(random));
        }

        private async Task<(List<double> Latencies, bool Completed)> DailySessionAsync(string code, Pause? pause)
        {
            var chat = new Chat(this, "/api/messages", pause: pause);
            try
            {
                await chat.TypeAsync($"/start {code}");
                await chat.PressAsync("Yes");
                await chat.PressAsync("Keep 18:00");
                await chat.TypeAsync("/today");
                await chat.PressAsync("Start now");
                await chat.PressAsync("2");
                for (var exercise = 1; exercise <= 6; exercise++)
                    await chat.PressAsync("Done");
                await chat.PressAsync("1");
                var summary = await chat.PressAsync("Easy");
                return (chat.Latencies, summary.Contains(SessionDone));
            }
            catch (InvalidOperationException e)
            {
                // A turn that failed inside the host ("something went wrong") leaves no button to go on with: the
                // session counts as not done (the sessions done column) and the run goes on.
                Console.Error.WriteLine($"    a session stopped: {e.Message}");
                return (chat.Latencies, false);
            }
            finally
            {
                chat.Close();
            }
        }

        private async Task<(List<double> Latencies, bool Completed)> EchoAsync(Pause? pause)
        {
            var chat = new Chat(this, "/bench/echo", pause: pause);
            for (var turn = 1; turn <= 14; turn++)
                await chat.TypeAsync($"turn {turn}");
            chat.Close();
            return (chat.Latencies, true);
        }

        private sealed class Chat(Driver driver, string path, BenchPatient? linked = null, Pause? pause = null)
        {
            private readonly BenchPatient _ids = linked ?? BenchPatient.NewChat();
            private List<JsonObject> _last = [];

            public List<double> Latencies { get; } = new(14);

            public Task<string> TypeAsync(string text) => PostAsync(text, value: null);

            /// <summary>Taps a button of the last reply that had some: a card submit sends its data, a suggested action its value.</summary>
            public Task<string> PressAsync(string label)
            {
                var reply = _last.LastOrDefault(r => r["attachments"] is JsonArray { Count: > 0 } || r["suggestedActions"] is not null)
                    ?? throw new InvalidOperationException($"No buttons to press '{label}' on; the bot said: {Texts(_last)}");
                if (reply["suggestedActions"]?["actions"] is JsonArray actions)
                {
                    var action = actions.FirstOrDefault(a => (string?)a!["title"] == label) ?? throw new InvalidOperationException($"No button '{label}'; the bot said: {Texts(_last)}");
                    return PostAsync((string?)action!["value"], value: null);
                }
                var submit = Submits(reply).FirstOrDefault(s => (string?)s["title"] == label) ?? throw new InvalidOperationException($"No card button '{label}'; the bot said: {Texts(_last)}");
                var data = submit["data"]!.DeepClone().AsObject();
                data.Remove("msteams");
                return PostAsync(text: null, data);
            }

            public void Close() => driver.Channel.Forget(_ids.ConversationId);

            private async Task<string> PostAsync(string? text, JsonObject? value)
            {
                var activity = new JsonObject
                {
                    ["type"] = "message",
                    ["id"] = Guid.NewGuid().ToString("N"),
                    ["channelId"] = "msteams",
                    ["serviceUrl"] = driver.Channel.ServiceUrl,
                    ["timestamp"] = DateTimeOffset.UtcNow,
                    ["from"] = new JsonObject { ["id"] = _ids.UserId, ["aadObjectId"] = _ids.AadObjectId },
                    ["recipient"] = new JsonObject { ["id"] = "28:hepbot", ["name"] = "HepBot" },
                    ["conversation"] = new JsonObject { ["id"] = _ids.ConversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant" },
                    ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant" } },
                    ["locale"] = "en-US",
                    ["text"] = text,
                    ["value"] = value,
                };
                if (pause is not null)
                    await pause.WaitAsync();
                var watch = Stopwatch.StartNew();
                using var response = await driver.Http.PostAsJsonAsync(path, activity);
                watch.Stop();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
                Latencies.Add(watch.Elapsed.TotalMilliseconds);
                var replies = driver.Channel.Take(_ids.ConversationId);
                if (replies.Count > 0)
                    _last = replies;
                return Texts(replies);
            }

            private static string Texts(List<JsonObject> replies) =>
                string.Join("\n", replies.Select(r => (string?)r["text"] ?? string.Join("\n", Submits(r).Count > 0 ? CardTexts(r) : [])));

            private static IEnumerable<JsonObject> Cards(JsonObject reply) =>
                (reply["attachments"]?.AsArray() ?? []).Where(a => (string?)a!["contentType"] == "application/vnd.microsoft.card.adaptive").Select(a => a!["content"]!.AsObject());

            private static List<JsonObject> Submits(JsonObject reply) =>
                [.. Cards(reply).SelectMany(c => c["body"]!.AsArray()).Where(e => (string?)e!["type"] == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()).Select(a => a!.AsObject())];

            private static IEnumerable<string> CardTexts(JsonObject reply) =>
                Cards(reply).SelectMany(c => c["body"]!.AsArray()).Where(e => (string?)e!["type"] == "TextBlock").Select(e => (string?)e!["text"] ?? "");
        }
    }
}
