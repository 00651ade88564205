using HepBot.Core.Time;
using HepBot.Core.Exercises;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Prescriptions;

/// <summary>Turns a prescribe request into the patient's next program version; used by the API and the demo.</summary>
internal static class PrescriptionVersions
{
    public const int MaxItems = 30;
    public const int MaxNotesLength = 2000;
    public const int MaxItemNotesLength = 1000;

    /// <summary>
    /// Validates the request and adds the new version to the context, marking the current one superseded.
    /// Nothing is saved here: the caller's single SaveChanges is one transaction, so the old version is
    /// never superseded without the new one (and the unique (patient, version) index stops a racing twin).
    /// </summary>
    public static async Task<Prescription?> AddNextVersionAsync(
        HepBotDbContext db, Patient patient, Guid prescribedById, PrescribeRequest request, DateTimeOffset now,
        FieldErrors errors, CancellationToken cancellationToken)
    {
        var prescriptionItems = await CheckItemsAsync(db, patient.ClinicId, request.Items, errors, cancellationToken);
        errors.CheckText("notes", request.Notes, MaxNotesLength, required: false);

        var s = request.Schedule;
        var schedule = new PrescriptionSchedule(
            s?.SessionsPerDay ?? 1,
            s?.Days is { Count: > 0 } days ? days.Aggregate(TrainingDays.None, (all, day) => all | PrescriptionSchedule.ToFlag(day)) : TrainingDays.Every,
            s?.StartDate ?? PatientClock.LocalDate(now, patient.TimeZoneId),
            s?.EndDate);
        if (s?.Days is { Count: 0 })
            errors.Add("schedule.days", "Choose at least one day of the week.");
        errors.AddRange("schedule", schedule.Validate());
        errors.AddRange("schedule", schedule.ValidateDates(PatientClock.LocalDate(now, patient.TimeZoneId)));
        if (errors.Any)
            return null;

        var current = await db.Prescriptions
            .Where(p => p.PatientId == patient.Id && p.SupersededAt == null)
            .ToListAsync(cancellationToken);
        foreach (var superseded in current)
            superseded.SupersededAt = now;
        var lastVersion = await db.Prescriptions.Where(p => p.PatientId == patient.Id)
            .MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;

        var prescription = new Prescription
        {
            PatientId = patient.Id,
            Version = lastVersion + 1,
            PrescribedById = prescribedById,
            CreatedAt = now,
            Schedule = schedule,
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            Items = prescriptionItems,
        };
        db.Prescriptions.Add(prescription);
        // The patient row's version counts this change too: two versions racing (each superseding the one it
        // read) then conflict on that row, so there is never more than one current program.
        db.Entry(patient).Property(p => p.Version).IsModified = true;
        return prescription;
    }

    /// <summary>
    /// The exercises of a program as the rules allow them (1 to <see cref="MaxItems"/>, each a library or clinic
    /// exercise with a valid dose, limits and note): the one check behind a new version and a clinic's template.
    /// Failures are added to <paramref name="errors"/> under "items[i]...".
    /// </summary>
    public static async Task<List<PrescriptionItem>> CheckItemsAsync(
        HepBotDbContext db, Guid clinicId, IReadOnlyList<PrescriptionItemRequest?>? requested, FieldErrors errors,
        CancellationToken cancellationToken)
    {
        var items = requested ?? [];
        if (items.Count is < 1 or > MaxItems)
            errors.Add("items", $"A program has between 1 and {MaxItems} exercises.");

        var slugs = items.Select(i => i?.ExerciseSlug).OfType<string>().Distinct().ToList();
        // A clinic's own exercise wins over a library one with the same slug.
        var exercises = (await db.Exercises
                .Where(e => slugs.Contains(e.Slug) && (e.ClinicId == null || e.ClinicId == clinicId))
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.Slug)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.ClinicId is null).First());

        var prescriptionItems = new List<PrescriptionItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"items[{i}]";
            if (item is null)
            {
                errors.Add(at, "Give an exercise here, e.g. {\"exerciseSlug\": \"quad-set\"}.");
                continue;
            }
            errors.CheckText($"{at}.notes", item.Notes, MaxItemNotesLength, required: false);
            if (item.ExerciseSlug is null || !exercises.TryGetValue(item.ExerciseSlug, out var exercise))
            {
                errors.Add($"{at}.exerciseSlug", $"No exercise '{item.ExerciseSlug}' in the library or your clinic's exercises.");
                continue;
            }
            var d = exercise.DefaultDose;
            var flatDoseGiven = item.Sets is not null || item.Reps is not null || item.HoldSeconds is not null
                || item.RestSeconds is not null || item.Side is not null;
            if (item.Dose is not null && flatDoseGiven)
                errors.Add($"{at}.dose", "Give the dose either as \"dose\" or as sets, reps, holdSeconds, restSeconds and side, not both.");
            var given = item.Dose ?? new DoseRequest(item.Sets, item.Reps, item.HoldSeconds, item.RestSeconds, item.Side);
            var dose = new ExerciseDose(given.Sets ?? d.Sets, given.Reps ?? d.Reps, given.HoldSeconds ?? d.HoldSeconds,
                given.RestSeconds ?? d.RestSeconds, given.Side ?? d.Side);
            errors.AddRange(item.Dose is null ? at : $"{at}.dose", dose.Validate());
            if (item.MaxSets is { } maxSets && (maxSets < dose.Sets || maxSets > ExerciseDose.MaxSets))
                errors.Add($"{at}.maxSets", $"The most sets must be at least the sets ({dose.Sets}) and at most {ExerciseDose.MaxSets}.");
            if (item.MaxReps is { } maxReps && (dose.Reps is not { } reps || maxReps < reps || maxReps > ExerciseDose.MaxReps))
                errors.Add($"{at}.maxReps", $"The most repetitions must be at least the repetitions and at most {ExerciseDose.MaxReps}.");
            prescriptionItems.Add(new PrescriptionItem
            {
                Order = i + 1,
                ExerciseId = exercise.Id,
                Exercise = exercise,
                Dose = dose,
                Notes = string.IsNullOrWhiteSpace(item.Notes) ? null : item.Notes.Trim(),
                MaxSets = item.MaxSets,
                MaxReps = item.MaxReps,
            });
        }
        return prescriptionItems;
    }
}
