using HepBot.Core.Adherence;
using HepBot.Core.Safety;
using HepBot.Data;
using HepBot.Data.Adherence;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// A patient's progress as they see it: this week, their streak and how their pain is going; and the
/// latest planned day of this week before today that was not done, if any; and the last four weeks as the
/// progress picture shows them.
/// </summary>
public sealed record PatientProgress(AdherenceReport ThisWeek, AdherenceReport LastTwoWeeks, DateOnly? LastMissedDay, ProgressPicture Picture);

public sealed class ProgressReader(IDbContextFactory<HepBotDbContext> contexts, PainTriageOptions pain)
{
    /// <summary>Streaks look back at most this far.</summary>
    private const int HistoryDays = 365;

    public async Task<PatientProgress> ReadAsync(Guid patientId, DateOnly today, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var history = await AdherenceHistoryReader.ReadAsync(db, patientId, DateSpan.Last(HistoryDays, today), ct);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new PatientProgress(
            AdherenceCalculator.Calculate(history, new DateSpan(monday, today), today),
            AdherenceCalculator.Calculate(history, DateSpan.Last(14, today), today),
            LastMissed(history, monday, today),
            ProgressPicture.Plan(history, today, pain.CautionFrom, pain.StopFrom));
    }

    /// <summary>Today is not missed yet: only earlier planned days of the week that were not done count.</summary>
    private static DateOnly? LastMissed(AdherenceHistory history, DateOnly monday, DateOnly today)
    {
        for (var date = today.AddDays(-1); date >= monday; date = date.AddDays(-1))
        {
            if (AdherenceCalculator.ProgramOn(history, date) is { } program
                && history.Sessions.Count(s => s.Date == date && s.CountsAsDone) < program.Schedule.SessionsPerDay)
                return date;
        }
        return null;
    }
}
