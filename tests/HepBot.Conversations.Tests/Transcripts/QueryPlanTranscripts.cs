using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Every statement a patient's turns send must find its rows through an index. A statement that reads a whole table
/// costs nothing on a test database and more with every patient, session and exercise the clinic adds: that is how a
/// daily-session turn came to cost ten times the echo bot's. SQLite plans by its rules, not by table sizes (HepBot
/// never runs ANALYZE), so the plan on this small database is the plan on a large one.
/// </summary>
public sealed partial class QueryPlanTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The exercise library: one row per exercise of the clinic, not growing with patients.</summary>
    private static readonly HashSet<string> SmallTables = ["Exercises", "Clinics", "__EFMigrationsHistory"];

    [Fact]
    public async Task Linking_and_a_daily_session_read_no_growing_table_in_full()
    {
        using var statements = new CommandRecorder();
        await using var chat = await BotHarness.StartAsync();
        statements.ConnectionString = chat.DatabaseConnectionString;

        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        await chat.SayAsync("yes");
        await chat.SayAsync("keep");
        await chat.TapAsync("/today");
        await chat.SayAsync("Start now");
        await chat.SayAsync("2");
        await chat.TapAsync("done");
        await chat.TapAsync("skip");
        await chat.TapAsync("Pain");
        await chat.SayAsync("3");
        await chat.TapAsync("done");
        await chat.SayAsync("1");
        await chat.TapAsync("JustRight");
        Assert.Contains("Today: 2 done, 1 skipped.", chat.Transcript);
        // The next day's first card asks whether the patient has met the exercise before.
        chat.Clock.Advance(TimeSpan.FromDays(1));
        await chat.TapAsync("/today");
        await chat.SayAsync("Start now");
        await chat.SayAsync("2");
        Assert.Contains("1 of 3: Quad set", chat.Transcript);

        var recorded = statements.DistinctReads();
        Assert.True(recorded.Count > 10, $"Only {recorded.Count} statements were recorded: the recorder is not seeing the bot's commands.");
        await using var db = chat.Db();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var scans = new List<string>();
        foreach (var (sql, parameters) in recorded)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var name in parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = DBNull.Value;
                explain.Parameters.Add(parameter);
            }
            var tables = Aliases(sql);
            await using var reader = await explain.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                var detail = reader.GetString(reader.GetOrdinal("detail"));
                if (ScanLine().Match(detail) is { Success: true } scan && tables.TryGetValue(scan.Groups[1].Value, out var table)
                    && !SmallTables.Contains(table))
                    scans.Add($"{table} read in full ({detail}) by: {sql}");
            }
        }
        Assert.True(scans.Count == 0, string.Join("\n\n", scans));
    }

    /// <summary>EF names every table it reads <c>"Table" AS "alias"</c>; the plan names the alias.</summary>
    private static Dictionary<string, string> Aliases(string sql)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in AliasPattern().Matches(sql))
            aliases[match.Groups[2].Value] = match.Groups[1].Value;
        foreach (Match match in UpdatePattern().Matches(sql))
            aliases[match.Groups[1].Value] = match.Groups[1].Value;
        return aliases;
    }

    [GeneratedRegex("^SCAN (\\w+)")]
    private static partial Regex ScanLine();

    [GeneratedRegex("\"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex AliasPattern();

    [GeneratedRegex("^(?:UPDATE|DELETE FROM) \"(\\w+)\"(?! AS)")]
    private static partial Regex UpdatePattern();
}
