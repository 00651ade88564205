using HepBot.Core.Alerts;
using HepBot.Core.Clinics;

namespace HepBot.Core.Patients;

public enum PatientStatus
{
    Active = 0,
    Paused = 1,
    Deactivated = 2,
}

public sealed class Patient
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ClinicId { get; set; }
    public Guid TherapistId { get; set; }
    public Therapist? Therapist { get; set; }

    /// <summary>What the bot calls the patient ("Maria"). Never written to logs.</summary>
    public required string DisplayName { get; set; }

    /// <summary>BCP 47 language tag that picks the dialogs/ language, e.g. "en" or "es".</summary>
    public string Locale { get; set; } = "en";

    /// <summary>IANA time zone id, e.g. "Europe/Madrid". "Today" is always the patient's local date.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Local times of day for reminders, one per planned session, ascending.</summary>
    public List<TimeOnly> ReminderTimes { get; set; } = [];

    public PatientStatus Status { get; set; } = PatientStatus.Active;

    /// <summary>When set, reminders are paused through this local date (inclusive).</summary>
    public DateOnly? PausedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>First time a chat was linked; the start of remote monitoring.</summary>
    public DateTimeOffset? LinkedAt { get; set; }

    /// <summary>When the patient agreed in the chat to receive reminders and messages; null until then.</summary>
    public DateTimeOffset? MessagingConsentAt { get; set; }

    /// <summary>This patient's own alert thresholds; those left unset follow the clinic-wide defaults.</summary>
    public AlertRuleOverrides AlertRuleOverrides { get; set; } = new();

    /// <summary>
    /// Counts the changes to this row (raised on every save that changes it). The API's ETag is made from
    /// it, and a save from a stale copy fails instead of blending two edits.
    /// </summary>
    public int Version { get; set; }
}
