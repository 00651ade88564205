using HepBot.Core.Exercises;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Sessions;

/// <summary>What today holds for a patient: their current program, whether today is a training day, and today's log so far.</summary>
public sealed record TodayPlan(
    Patient Patient,
    DateOnly Date,
    Prescription? Prescription,
    IReadOnlyList<SessionLog> LogsToday)
{
    public IReadOnlyList<PrescriptionItem> Items => Prescription?.Items ?? [];

    public bool HasProgram => Prescription is not null && Items.Count > 0;

    public bool IsTrainingDay => HasProgram && Prescription!.Schedule.IsPlannedOn(Date);

    public int SessionsPerDay => Prescription?.Schedule.SessionsPerDay ?? 0;

    /// <summary>A session started today and not finished: the one to resume.</summary>
    public SessionLog? Unfinished => LogsToday.FirstOrDefault(l => l.Status == SessionStatus.InProgress);

    /// <summary>Sessions of today that are over (completed, stopped for safety or skipped).</summary>
    public int SessionsFinished => LogsToday.Count(l => l.Status != SessionStatus.InProgress);

    public bool AllSessionsFinished => HasProgram && SessionsFinished >= SessionsPerDay;

    /// <summary>About how long the whole session takes, rounded up to whole minutes.</summary>
    public int EstimatedMinutes =>
        (int)Math.Ceiling(Items.Sum(i => i.Dose.EstimatedDuration().TotalSeconds) / 60);

    /// <summary>The items not yet answered in a session, in order.</summary>
    public static IReadOnlyList<PrescriptionItem> Remaining(IReadOnlyList<PrescriptionItem> items, SessionLog log) =>
        items.Where(i => log.Exercises.All(e => e.PrescriptionItemId != i.Id)).OrderBy(i => i.Order).ToList();

    public static Exercise ExerciseOf(PrescriptionItem item) =>
        item.Exercise ?? throw new InvalidOperationException("Prescription items must be loaded with their exercise.");
}
