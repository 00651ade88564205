namespace HepBot.Core.Prescriptions;

/// <summary>What one program version changed from the one before it.</summary>
public sealed record PrescriptionChanges(
    IReadOnlyList<PrescriptionItem> Added,
    IReadOnlyList<PrescriptionItem> Removed,
    IReadOnlyList<DoseChange> DoseChanges,
    IReadOnlyList<PrescriptionItem> NoteChanges,
    bool OrderChanged,
    bool ScheduleChanged,
    bool NotesChanged)
{
    public bool None => Added.Count == 0 && Removed.Count == 0 && DoseChanges.Count == 0 && NoteChanges.Count == 0
        && !OrderChanged && !ScheduleChanged && !NotesChanged;
}

/// <summary>One exercise kept with another dose or other progression limits.</summary>
public sealed record DoseChange(PrescriptionItem Before, PrescriptionItem After)
{
    public bool DoseDiffers => Before.Dose != After.Dose;
    public bool LimitsDiffer => Before.MaxSets != After.MaxSets || Before.MaxReps != After.MaxReps;
}

/// <summary>
/// Compares two versions exercise by exercise. An exercise that appears in both (matched by exercise, the n-th
/// occurrence with the n-th, since a program may hold one exercise twice) is kept; the rest is added or removed.
/// Pure.
/// </summary>
public static class PrescriptionDiff
{
    public static PrescriptionChanges Between(Prescription? before, Prescription after)
    {
        var old = before?.Items.OrderBy(i => i.Order).ToList() ?? [];
        var now = after.Items.OrderBy(i => i.Order).ToList();
        var unmatched = old.ToList();
        var kept = new List<(PrescriptionItem Before, PrescriptionItem After)>();
        var added = new List<PrescriptionItem>();
        foreach (var item in now)
        {
            var match = unmatched.FirstOrDefault(o => o.ExerciseId == item.ExerciseId);
            if (match is null)
            {
                added.Add(item);
                continue;
            }
            unmatched.Remove(match);
            kept.Add((match, item));
        }
        var doseChanges = kept
            .Where(k => k.Before.Dose != k.After.Dose || k.Before.MaxSets != k.After.MaxSets || k.Before.MaxReps != k.After.MaxReps)
            .Select(k => new DoseChange(k.Before, k.After)).ToList();
        var noteChanges = kept.Where(k => k.Before.Notes != k.After.Notes).Select(k => k.After).ToList();
        // The kept exercises in another relative order: an up/down in the editor.
        var orderChanged = !kept.OrderBy(k => k.Before.Order).Select(k => k.After.Order)
            .SequenceEqual(kept.Select(k => k.After.Order));
        var scheduleChanged = before is not null && !SameSchedule(before.Schedule, after.Schedule);
        return new PrescriptionChanges(added, unmatched, doseChanges, noteChanges, orderChanged, scheduleChanged,
            before is not null && before.Notes != after.Notes);
    }

    private static bool SameSchedule(PrescriptionSchedule a, PrescriptionSchedule b) =>
        a.SessionsPerDay == b.SessionsPerDay && a.Days == b.Days && a.StartDate == b.StartDate && a.EndDate == b.EndDate;
}
