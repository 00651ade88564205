using HepBot.Core.Adherence;
using HepBot.Core.Prescriptions;
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

        var programs = ProgramPeriods(versions.Select(v => (v.Schedule, v.ItemCount)));

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
            PainScores(s.PainBefore, s.PainAfter, s.Pains),
            s.SkipBarrier, s.PainBefore, s.PainAfter)).ToList();

        return new AdherenceHistory(programs, records, [], []);
    }

    /// <summary>
    /// The periods of a patient's prescription versions, given in version order: each version is in force
    /// from its own start date until the day before the next version starts.
    /// </summary>
    public static IReadOnlyList<ProgramPeriod> ProgramPeriods(IEnumerable<(PrescriptionSchedule Schedule, int ItemCount)> versionsInOrder)
    {
        var versions = versionsInOrder.ToList();
        return versions.Select((v, i) =>
        {
            var to = v.Schedule.EndDate;
            if (i + 1 < versions.Count)
            {
                // A next version stored as starting on the first representable day leaves this one no day at all.
                var nextStart = versions[i + 1].Schedule.StartDate;
                var dayBefore = nextStart == DateOnly.MinValue ? nextStart : nextStart.AddDays(-1);
                to = to is null || dayBefore < to ? dayBefore : to;
            }
            return new ProgramPeriod(v.Schedule.StartDate, to, v.Schedule, v.ItemCount);
        }).ToList();
    }

    /// <summary>Every pain score of a session: before, after and during its exercises.</summary>
    public static IReadOnlyList<int> PainScores(int? before, int? after, IEnumerable<int> during) =>
        new[] { before, after }.Where(p => p is not null).Select(p => p!.Value).Concat(during).ToList();
}
