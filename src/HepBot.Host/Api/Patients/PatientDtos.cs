using HepBot.Core.Patients;

namespace HepBot.Host.Api.Patients;

public sealed record PatientDto(
    Guid Id,
    Guid TherapistId,
    string DisplayName,
    string TimeZone,
    string Locale,
    IReadOnlyList<string> ReminderTimes,
    PatientStatus Status,
    DateOnly? PausedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LinkedAt)
{
    public static PatientDto From(Patient p) => new(
        p.Id, p.TherapistId, p.DisplayName, p.TimeZoneId, p.Locale,
        p.ReminderTimes.Select(ReminderTimeRules.Format).ToList(), p.Status, p.PausedUntil, p.CreatedAt, p.LinkedAt);
}

/// <summary>A new patient of the calling therapist. Omitted: the clinic's time zone, "en", no reminders yet.</summary>
public sealed record CreatePatientRequest(string? DisplayName, string? TimeZone, string? Locale, IReadOnlyList<string>? ReminderTimes);

/// <summary>
/// Changes to a patient; omitted fields stay as they are. Pause with <c>pausedUntil</c> (through that
/// local date) or <c>status: "paused"</c> (until resumed); <c>status: "active"</c> resumes.
/// </summary>
public sealed record UpdatePatientRequest(
    string? DisplayName,
    string? TimeZone,
    string? Locale,
    IReadOnlyList<string>? ReminderTimes,
    PatientStatus? Status,
    DateOnly? PausedUntil);
