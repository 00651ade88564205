using HepBot.Core.Adherence;
using HepBot.Data;
using HepBot.Data.Adherence;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Sessions;

/// <summary>A patient's progress as they see it: this week, their streak and how their pain is going.</summary>
public sealed record PatientProgress(AdherenceReport ThisWeek, AdherenceReport LastTwoWeeks);

public sealed class ProgressReader(IDbContextFactory<HepBotDbContext> contexts)
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
            AdherenceCalculator.Calculate(history, DateSpan.Last(14, today), today));
    }
}
