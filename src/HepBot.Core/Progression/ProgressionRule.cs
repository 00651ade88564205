using HepBot.Core.Adherence;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;

namespace HepBot.Core.Progression;

/// <summary>One exercise's suggested next dose.</summary>
public sealed record DoseStep(int Order, ExerciseDose From, ExerciseDose To);

/// <summary>
/// "Ready to progress": the last planned days of the current program all done (≥ 80%) with pain at or
/// below a limit; the suggestion is +2 repetitions, or else +1 set, within the limits the therapist set
/// on each exercise (<see cref="PrescriptionItem.MaxReps"/>, <see cref="PrescriptionItem.MaxSets"/>). Pure.
/// </summary>
public static class ProgressionRule
{
    public const int RepsStep = 2;
    public const int SetsStep = 1;

    /// <param name="programStart">The first day of the current version: earlier days were another dose.</param>
    /// <param name="today">The patient's local date; today is not over, so the run ends yesterday.</param>
    public static bool IsReady(AdherenceHistory history, DateOnly programStart, DateOnly today, int days, int maxPain)
    {
        if (days < 1)
            return false;
        var sessions = history.Sessions.ToLookup(s => s.Date);
        var good = 0;
        for (var day = today.AddDays(-1); day >= programStart && good < days; day = day.AddDays(-1))
        {
            if (AdherenceCalculator.ProgramOn(history, day) is not { } program)
                continue;
            var ofDay = sessions[day].ToList();
            if (ofDay.Count(s => s.CountsAsDone) < program.Schedule.SessionsPerDay || ofDay.SelectMany(s => s.PainScores).Any(p => p > maxPain))
                return false;
            good++;
        }
        return good >= days;
    }

    /// <summary>The next dose of each exercise that still has room within its limits; empty when none has.</summary>
    public static IReadOnlyList<DoseStep> Suggest(IEnumerable<PrescriptionItem> items) =>
        items.OrderBy(i => i.Order).Select(i => Next(i) is { } to ? new DoseStep(i.Order, i.Dose, to) : null).OfType<DoseStep>().ToList();

    private static ExerciseDose? Next(PrescriptionItem item)
    {
        var dose = item.Dose;
        if (dose.Reps is { } reps && item.MaxReps is { } maxReps && reps + RepsStep <= maxReps)
            return dose with { Reps = reps + RepsStep };
        if (item.MaxSets is { } maxSets && dose.Sets + SetsStep <= maxSets)
            return dose with { Sets = dose.Sets + SetsStep };
        return null;
    }

    /// <summary>"3×10 → 3×12" (sets × reps, or sets × hold seconds).</summary>
    public static string Describe(ExerciseDose dose) =>
        dose.Reps is { } reps ? $"{dose.Sets}×{reps}" : $"{dose.Sets}×{dose.HoldSeconds}s";
}
