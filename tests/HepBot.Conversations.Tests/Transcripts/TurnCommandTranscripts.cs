namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// What a patient's tap costs in database statements. A daily-session tap is the turn patients make most, and each
/// statement is a round trip on PostgreSQL and a lock on SQLite: "Done" reads today's plan once and records the answer
/// with one insert, and the next card is built from that plan, not from a second read of it.
/// </summary>
public sealed class TurnCommandTranscripts
{
    [Fact]
    public async Task A_done_tap_reads_todays_plan_once_and_records_the_answer_with_one_insert()
    {
        using var statements = new CommandRecorder();
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        Assert.Contains("Exercise 1 of 3: Quad set", chat.Transcript);
        statements.ConnectionString = chat.DatabaseConnectionString;

        await chat.TapAsync("done");

        Assert.Contains("Exercise 2 of 3", chat.Transcript);
        var sent = statements.All;
        var listed = string.Join("\n\n", sent);
        Assert.True(sent.Count(s => s.StartsWith("SELECT", StringComparison.Ordinal) && s.Contains("FROM \"Prescriptions\"", StringComparison.Ordinal)) == 1, listed);
        Assert.True(sent.Count(s => s.StartsWith("SELECT", StringComparison.Ordinal) && s.Contains("FROM \"SessionLogs\" AS", StringComparison.Ordinal)
            && s.Contains("\"LocalDate\" =", StringComparison.Ordinal)) == 1, listed);
        Assert.True(sent.Count(s => s.StartsWith("INSERT INTO \"ExerciseLogs\"", StringComparison.Ordinal)) == 1, listed);
        // The answer is new (the plan read in this turn has none for this exercise): nothing reads the row before inserting it.
        Assert.DoesNotContain(sent, s => s.StartsWith("SELECT", StringComparison.Ordinal)
            && s.Contains("\"PrescriptionItemId\" =", StringComparison.Ordinal));

        // What the kept plan says is what the database holds: the second card, then the answer on the next tap.
        await chat.TapAsync("done");
        Assert.Contains("Exercise 3 of 3", chat.Transcript);
    }
}
