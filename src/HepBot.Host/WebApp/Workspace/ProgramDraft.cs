using System.Globalization;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;

namespace HepBot.Host.WebApp.Workspace;

/// <summary>
/// The program being edited, carried whole in the editor's one form: every button (add, up, down, remove,
/// filter, template, save) posts the full draft back, so the editor needs no JavaScript and keeps nothing on the
/// server between requests. Fields are text so that any input can be answered with a clear message.
/// </summary>
public sealed class ProgramDraft
{
    /// <summary>The button pressed: "save", "preview", "filter", "add:slug", "up:i", "down:i", "remove:i", "apply-template", "save-template", "create-exercise".</summary>
    public string? Action { get; set; }

    /// <summary>The version the draft started from; saving over a newer one is refused.</summary>
    public string? BasedOnVersion { get; set; }

    /// <summary>The "ready to progress" alert this draft approves when saved.</summary>
    public string? SuggestionId { get; set; }

    public List<DraftItem> Items { get; set; } = [];
    public string? SessionsPerDay { get; set; }
    public bool Monday { get; set; }
    public bool Tuesday { get; set; }
    public bool Wednesday { get; set; }
    public bool Thursday { get; set; }
    public bool Friday { get; set; }
    public bool Saturday { get; set; }
    public bool Sunday { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public string? Notes { get; set; }

    public string? Region { get; set; }
    public string? Search { get; set; }
    public string? TemplateId { get; set; }
    public string? TemplateName { get; set; }
    public NewExerciseDraft NewExercise { get; set; } = new();

    public bool IsOn(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };

    public void SetDays(TrainingDays days)
    {
        Monday = days.HasFlag(TrainingDays.Monday);
        Tuesday = days.HasFlag(TrainingDays.Tuesday);
        Wednesday = days.HasFlag(TrainingDays.Wednesday);
        Thursday = days.HasFlag(TrainingDays.Thursday);
        Friday = days.HasFlag(TrainingDays.Friday);
        Saturday = days.HasFlag(TrainingDays.Saturday);
        Sunday = days.HasFlag(TrainingDays.Sunday);
    }

    /// <summary>Monday first, as a therapist reads a week.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>One exercise of the draft; a blank dose field takes the exercise's default, as in the API.</summary>
public sealed class DraftItem
{
    public string? Slug { get; set; }
    public string? Sets { get; set; }
    public string? Reps { get; set; }
    public string? HoldSeconds { get; set; }
    public string? RestSeconds { get; set; }
    public string? Side { get; set; }
    public string? MaxSets { get; set; }
    public string? MaxReps { get; set; }
    public string? Notes { get; set; }

    /// <summary>The dose before a "ready to progress" suggestion changed it, shown beside the fields.</summary>
    public string? SuggestedFrom { get; set; }

    public static DraftItem From(string slug, ExerciseDose dose, string? notes, int? maxSets, int? maxReps) => new()
    {
        Slug = slug,
        Sets = Number(dose.Sets),
        Reps = Number(dose.Reps),
        HoldSeconds = Number(dose.HoldSeconds),
        RestSeconds = Number(dose.RestSeconds),
        Side = dose.Side.ToString(),
        MaxSets = Number(maxSets),
        MaxReps = Number(maxReps),
        Notes = notes,
    };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>A clinic's own exercise typed in the editor: English is required (as in the API), Spanish optional.</summary>
public sealed class NewExerciseDraft
{
    public string? Slug { get; set; }
    public string? Region { get; set; }
    public string? Name { get; set; }
    public string? Steps { get; set; }
    public string? Cautions { get; set; }
    public string? NameEs { get; set; }
    public string? StepsEs { get; set; }
    public string? CautionsEs { get; set; }
    public string? Sets { get; set; }
    public string? Reps { get; set; }
    public string? HoldSeconds { get; set; }
    public string? RestSeconds { get; set; }
    public string? Side { get; set; }

    /// <summary>The library exercise whose pose data the new exercise is drawn from; empty for no picture.</summary>
    public string? PictureLike { get; set; }
}
