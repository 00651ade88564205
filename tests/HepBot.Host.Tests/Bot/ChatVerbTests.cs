using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Host.Commands;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Bot;

/// <summary>`dotnet run --project src/HepBot.Host -- chat`: the demo patient's session in a terminal.</summary>
public sealed class ChatVerbTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_newcomer_completes_the_demo_session_with_numbered_buttons()
    {
        // Consent, keep 18:00, start, pain 2, six times "1) Done", pain 1, "2) About right".
        var (exitCode, output) = await ChatAsync(["yes", "1", "/today", "1", "2", "1", "1", "1", "1", "1", "1", "1", "2"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("HepBot: Hi Alex!", output);
        Assert.Contains("1) Done", output);
        Assert.Contains("0  1  2  3  4  5  6  7  8  9  10", output);
        Assert.Contains("You did 6 of 6 exercises today.", output);

        await using var db = _database.CreateContext();
        var log = await db.SessionLogs.Include(l => l.Exercises).SingleAsync(Ct);
        Assert.Equal((SessionStatus.Completed, 6, Difficulty.JustRight), (log.Status, log.ExercisesDone, log.Difficulty));
    }

    [Fact]
    public async Task Leaving_mid_session_and_coming_back_continues_where_the_patient_was()
    {
        await ChatAsync(["yes", "1", "/today", "1", "3", "1", "1"]);

        var (_, output) = await ChatAsync(["/today"]);

        Assert.Contains("Welcome back! So far: 2 done, 4 to go. Let's carry on with Heel slide.", output);
        Assert.Contains("Exercise 3 of 6: Heel slide", output);
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.ExerciseLogs.CountAsync(Ct));
    }

    private async Task<(int ExitCode, string Output)> ChatAsync(IEnumerable<string> lines)
    {
        var output = new StringWriter();
        var settings = HepBotHostFactory.SettingsFor(_database.Provider, _database.ConnectionString,
            new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });
        var exitCode = await HepBotCommandLine.InvokeAsync(["chat"], output, new StringWriter(), settings,
            new StringReader(string.Join("\n", lines) + "\n/quit\n"), Ct);
        return (exitCode, output.ToString());
    }
}
