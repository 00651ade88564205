using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HepBot.Host.Api.Patients;

namespace HepBot.Host.Demo;

/// <summary>
/// Demo:* — the demo clinic seeded on first run. <see cref="ProgramSlugs"/> is the one list of the
/// demo program's library exercises (a knee program after arthroscopy / for patellofemoral pain).
/// </summary>
public sealed class DemoOptions : IValidatableObject
{
    public const string SectionName = "Demo";

    /// <summary>Unset: on only with the embedded SQLite default, never against a configured server.</summary>
    public bool? Enabled { get; set; }

    public string PatientName { get; set; } = "Alex";
    public string TimeZone { get; set; } = "Europe/London";
    public string ReminderTime { get; set; } = "18:00";
    public string[] ProgramSlugs { get; set; } = [];

    /// <summary>Adds the demo patients with eight weeks of history (Demo – Maria, Priya, Sam, Lucía) to the demo clinic.</summary>
    public bool History { get; set; } = true;

    public TimeOnly Reminder => TimeOnly.ParseExact(ReminderTime, ReminderTimeRules.Pattern, CultureInfo.InvariantCulture);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled != true)
            yield break;
        if (string.IsNullOrWhiteSpace(PatientName) || PatientName.Length > PatientRules.MaxDisplayNameLength)
            yield return new ValidationResult($"Demo:PatientName must be 1-{PatientRules.MaxDisplayNameLength} characters.", [nameof(PatientName)]);
        if (!PatientRules.IsIanaTimeZone(TimeZone))
            yield return new ValidationResult($"Demo:TimeZone '{TimeZone}' is not an IANA time zone.", [nameof(TimeZone)]);
        if (!TimeOnly.TryParseExact(ReminderTime, ReminderTimeRules.Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return new ValidationResult("Demo:ReminderTime must be \"HH:mm\".", [nameof(ReminderTime)]);
        if (ProgramSlugs.Length == 0 || ProgramSlugs.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("Demo:ProgramSlugs must list the demo program's exercise slugs.", [nameof(ProgramSlugs)]);
    }
}
