namespace HepBot.Core.Prescriptions;

/// <summary>Days of the week as flags, Monday first, so "Mon, Wed, Fri" is one value.</summary>
[Flags]
public enum TrainingDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    Every = Weekdays | Saturday | Sunday,
}

/// <summary>When a program is to be done: sessions a day on chosen weekdays, from a start date to an optional end.</summary>
public sealed record PrescriptionSchedule(int SessionsPerDay, TrainingDays Days, DateOnly StartDate, DateOnly? EndDate)
{
    public const int MaxSessionsPerDay = 6;

    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (SessionsPerDay is < 1 or > MaxSessionsPerDay)
            errors.Add((nameof(SessionsPerDay), $"Sessions per day must be between 1 and {MaxSessionsPerDay}."));
        if (Days == TrainingDays.None || (Days & ~TrainingDays.Every) != 0)
            errors.Add((nameof(Days), "Choose at least one day of the week."));
        if (EndDate is { } end && end < StartDate)
            errors.Add((nameof(EndDate), "The end date must not be before the start date."));
        return errors;
    }

    /// <summary>How far from the patient's today a program may start, either way.</summary>
    public const int MaxStartDaysFromToday = 366;

    /// <summary>The longest program, from its start to its end.</summary>
    public const int MaxProgramDays = 3 * 366;

    /// <summary>
    /// Dates that make sense for a program prescribed on <paramref name="today"/> (patient-local): it starts within
    /// a year of today and lasts at most three years. Stored history is never checked against this, only new input.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> ValidateDates(DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (Math.Abs(StartDate.DayNumber - today.DayNumber) > MaxStartDaysFromToday)
            errors.Add((nameof(StartDate), $"The program must start within {MaxStartDaysFromToday} days of today ({today:yyyy-MM-dd})."));
        if (EndDate is { } end && end.DayNumber - StartDate.DayNumber > MaxProgramDays)
            errors.Add((nameof(EndDate), $"A program lasts at most {MaxProgramDays} days."));
        return errors;
    }

    /// <summary>True when sessions are planned on this patient-local date.</summary>
    public bool IsPlannedOn(DateOnly date) =>
        date >= StartDate && (EndDate is null || date <= EndDate) && Days.HasFlag(ToFlag(date.DayOfWeek));

    public static TrainingDays ToFlag(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => TrainingDays.Monday,
        DayOfWeek.Tuesday => TrainingDays.Tuesday,
        DayOfWeek.Wednesday => TrainingDays.Wednesday,
        DayOfWeek.Thursday => TrainingDays.Thursday,
        DayOfWeek.Friday => TrainingDays.Friday,
        DayOfWeek.Saturday => TrainingDays.Saturday,
        _ => TrainingDays.Sunday,
    };
}
