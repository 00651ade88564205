using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HepBot.Host.Tests.WebApp;

namespace HepBot.Host.Tests.Bot;

/// <summary>
/// Microsoft 365 Agents Playground, Microsoft's local Teams client (npm, installed by .ci/run into tests/playground), talking to the
/// real host on a loopback port, with its page driven by the same chromium as the web app's browser tests. Without the package the
/// tests skip, saying why, except in CI (CI=true), where a missing package is a failure.
/// </summary>
public sealed class AgentsPlaygroundFixture : BrowserFixture
{
    private Process? _playground;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Demo:Enabled"] = "true" };

    /// <summary>The Playground's own page: its chat, its Teams connector (/_connector) and its log panel.</summary>
    public string PlaygroundAddress { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        var executable = Path.Combine(RepositoryRoot(), "tests", "playground", "node_modules", ".bin", "agentsplayground");
        if (!File.Exists(executable))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI must run the Agents Playground test, but {executable} is missing: .ci/run installs it (npm ci --prefix tests/playground).");
            SkipReason = "The Agents Playground is not installed (npm ci --prefix tests/playground), so its test did not run.";
            return;
        }
        await base.InitializeAsync();
        if (SkipReason is not null)
            return;

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "-e", $"{BaseAddress}/api/messages", "-c", "msteams", "-p", port.ToString(CultureInfo.InvariantCulture), "--disable-telemetry" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Without this it tries to open a desktop browser itself.
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        _playground = Process.Start(start) ?? throw new InvalidOperationException("The Agents Playground did not start.");
        var listening = new TaskCompletionSource();
        _playground.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains($"Listening on {port}", StringComparison.Ordinal) == true)
                listening.TrySetResult();
        };
        _playground.ErrorDataReceived += (_, _) => { };
        _playground.BeginOutputReadLine();
        _playground.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        PlaygroundAddress = $"http://127.0.0.1:{port}";
    }

    public override async ValueTask DisposeAsync()
    {
        if (_playground is { HasExited: false })
        {
            _playground.Kill(entireProcessTree: true);
            await _playground.WaitForExitAsync();
        }
        _playground?.Dispose();
        await base.DisposeAsync();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HepBot.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("HepBot.sln was not found above the test's folder.");
    }
}
