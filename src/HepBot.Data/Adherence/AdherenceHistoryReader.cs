using HepBot.Core.Adherence;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Adherence;

/// <summary>Reads what <see cref="AdherenceCalculator"/> needs for one patient from the database.</summary>
public static class AdherenceHistoryReader
{
    public static async Task<AdherenceHistory> ReadAsync(HepBotDbContext db, Guid patientId, DateSpan span, CancellationToken ct)
    {
        var versions = await db.Prescriptions.AsNoTracking()
            .Where(p => p.PatientId == patientId)
            .OrderBy(p => p.Version)
            .Select(p => new { p.Schedule, p.CreatedAt, ItemCount = p.Items.Count })
            .ToListAsync(ct);

        // Each version is in force from its own start date until the day before the next version starts.
        var programs = versions.Select((v, i) =>
        {
            DateOnly? to = v.Schedule.EndDate;
            if (i + 1 < versions.Count)
            {
                var nextStart = versions[i + 1].Schedule.StartDate.AddDays(-1);
                to = to is null || nextStart < to ? nextStart : to;
            }
            return new ProgramPeriod(v.Schedule.StartDate, to, v.Schedule, v.ItemCount);
        }).ToList();

        var sessions = await db.SessionLogs.AsNoTracking()
            .Where(l => l.PatientId == patientId && l.LocalDate >= span.From && l.LocalDate <= span.To)
            .Select(l => new
            {
                l.LocalDate, l.SessionNumber, l.ExercisesPlanned, l.Status, l.PainBefore, l.PainAfter, l.SkipBarrier,
                Done = l.Exercises.Count(e => e.Outcome == ExerciseOutcome.Done),
                Pains = l.Exercises.Where(e => e.Pain != null).Select(e => e.Pain!.Value).ToList(),
            })
            .ToListAsync(ct);

        var records = sessions.Select(s => new SessionRecord(
            s.LocalDate, s.SessionNumber, s.ExercisesPlanned, s.Done, s.Status,
            new[] { s.PainBefore, s.PainAfter }.Where(p => p is not null).Select(p => p!.Value).Concat(s.Pains).ToList(),
            s.SkipBarrier)).ToList();

        return new AdherenceHistory(programs, records, [], []);
    }
}
