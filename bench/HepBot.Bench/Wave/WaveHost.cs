using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HepBot.Data;
using HepBot.Host;

namespace HepBot.Bench.Wave;

/// <summary>
/// One HepBot host of a wave, as a child process of the bench (<c>wave-host</c>), so it can be killed with
/// SIGKILL. Its Telegram channel points at the fake Bot API and uses a webhook address (setWebhook is answered
/// by the fake), so it does not long-poll. Its peak RSS is read from /proc while it runs.
/// </summary>
internal sealed class WaveHost : IAsyncDisposable
{
    private const string SynchronisedLine = "Reminder triggers synchronised";
    private readonly Process _process;
    private readonly TaskCompletionSource _synchronised = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakRssKb;
    private readonly ConcurrentQueue<string> _tail = new();

    private WaveHost(int number, Process process)
    {
        Number = number;
        _process = process;
        Pid = process.Id;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            // The output read so far, to its end: the lines that say why the host stopped.
            process.WaitForExit();
            _synchronised.TrySetException(new InvalidOperationException(
            $"Host {number} exited (code {process.ExitCode}) before it synchronised its reminders; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _tail)}"));
        };
        _sampler = Task.Run(SampleAsync);
    }

    public int Number { get; }
    public int Pid { get; }
    public bool WasKilled { get; private set; }
    public Task Synchronised => _synchronised.Task;
    public ConcurrentQueue<string> Warnings { get; } = new();
    public double PeakRssMb => Interlocked.Read(ref _peakRssKb) / 1024.0;

    public static Task<WaveHost> StartAsync(int number, DatabaseProvider provider, string connectionString, string apiBaseUrl, string token)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // Under `dotnet HepBot.Bench.dll` the process is dotnet and the program is the first argument; under
        // `dotnet run` the process is the bench's own executable (whose first argument also names the .dll).
        var program = Environment.GetCommandLineArgs()[0];
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" && program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(program);
        foreach (var a in new[] { "wave-host", "--provider", provider.ToString(), "--connection", connectionString, "--api", apiBaseUrl, "--token", token })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a wave host.");
        return Task.FromResult(new WaveHost(number, process));
    }

    private void Read(string? line)
    {
        if (line is null)
            return;
        _tail.Enqueue(line);
        while (_tail.Count > 20)
            _tail.TryDequeue(out _);
        if (line.Contains(SynchronisedLine, StringComparison.Ordinal))
            _synchronised.TrySetResult();
        else if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Warnings.Enqueue(line);
            // As they come (the first few, shortened), so a wave that stalls shows why while it runs.
            if (Warnings.Count <= 10)
                Console.Error.WriteLine($"  host {Number} ({DateTimeOffset.UtcNow:HH:mm:ss}): {(line.Length > 400 ? line[..400] + " …" : line)}");
        }
    }

    private async Task SampleAsync()
    {
        var status = $"/proc/{Pid}/status";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // VmHWM: the process's peak resident set so far.
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kb))
                    Interlocked.Exchange(ref _peakRssKb, Math.Max(Interlocked.Read(ref _peakRssKb), kb));
            }
            catch (IOException)
            {
                return; // the process is gone
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
            try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease handed over, sends in flight left unrecorded.</summary>
    public void Kill()
    {
        WasKilled = true;
        _process.Kill(entireProcessTree: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing its input stops the host as a normal shutdown would.
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        await _stop.CancelAsync();
        await _sampler;
        _process.Dispose();
    }

    /// <summary>The child's side: the real host until its standard input closes.</summary>
    public static async Task<int> RunChildAsync(BenchArguments arguments)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = arguments.Value("provider"),
            ["ConnectionStrings:HepBot"] = arguments.Value("connection"),
            ["Demo:Enabled"] = "false",
            ["Telegram:BotToken"] = arguments.Value("token"),
            ["Telegram:ApiBaseUrl"] = arguments.Value("api"),
            ["Telegram:WebhookUrl"] = "https://hepbot.bench.invalid/api/telegram/updates",
            ["Telegram:WebhookSecret"] = "bench-webhook-secret",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Quartz"] = "Warning",
            ["Logging:LogLevel:HepBot.Scheduling.Reminders.ReminderScheduler"] = "Information",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };
        var builder = HepBotApplication.CreateBuilder([], settings);
        // Stamps each Bot API request with the moment it leaves the HTTP client, so the fake can tell how long
        // it took to arrive (Stopwatch is the machine's monotonic clock, the same in every process).
        builder.Services.AddTransient<SentStamp>();
        builder.Services.AddHttpClient(nameof(HepBot.Channels.Telegram.TelegramSender)).AddHttpMessageHandler<SentStamp>();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = HepBotApplication.Build(builder);
        await app.StartAsync();
        // Runs until the bench closes this process's input (or kills it).
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        return 0;
    }

    private sealed class SentStamp : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(FakeBotApi.SentHeader, Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
