using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using HepBot.Core.Alerts;
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
    DateTimeOffset? LinkedAt,
    PatientAlertRulesDto AlertRules)
{
    public static PatientDto From(Patient p, AlertRuleOptions clinicDefaults) => new(
        p.Id, p.TherapistId, p.DisplayName, p.TimeZoneId, p.Locale,
        p.ReminderTimes.Select(ReminderTimeRules.Format).ToList(), p.Status, p.PausedUntil, p.CreatedAt, p.LinkedAt,
        PatientAlertRulesDto.From(p.AlertRuleOverrides, clinicDefaults));
}

/// <summary>A patient's alert thresholds: the values they set (null: the clinic default) and those in effect.</summary>
public sealed record PatientAlertRulesDto(AlertRuleValuesDto Overrides, AlertRuleValuesDto Effective)
{
    public static PatientAlertRulesDto From(AlertRuleOverrides overrides, AlertRuleOptions clinicDefaults)
    {
        var effective = overrides.ApplyTo(clinicDefaults);
        return new(
            new(overrides.LowAdherenceBelow, overrides.MissedDaysInARow, overrides.PainRiseOf, overrides.NoContactDays),
            new(effective.LowAdherenceBelow, effective.MissedDaysInARow, effective.PainRiseOf, effective.NoContactDays));
    }
}

public sealed record AlertRuleValuesDto(double? LowAdherenceBelow, int? MissedDaysInARow, double? PainRiseOf, int? NoContactDays);

/// <summary>
/// Changes to a patient's alert thresholds: a field given sets its override, a field given as null clears it
/// (back to the clinic default), a field left out stays as it is.
/// </summary>
public sealed class AlertRulesPatch
{
    private double? _lowAdherenceBelow;
    private int? _missedDaysInARow;
    private double? _painRiseOf;
    private int? _noContactDays;

    public double? LowAdherenceBelow { get => _lowAdherenceBelow; set { _lowAdherenceBelow = value; LowAdherenceBelowGiven = true; } }
    public int? MissedDaysInARow { get => _missedDaysInARow; set { _missedDaysInARow = value; MissedDaysInARowGiven = true; } }
    public double? PainRiseOf { get => _painRiseOf; set { _painRiseOf = value; PainRiseOfGiven = true; } }
    public int? NoContactDays { get => _noContactDays; set { _noContactDays = value; NoContactDaysGiven = true; } }

    [JsonIgnore] public bool LowAdherenceBelowGiven { get; private set; }
    [JsonIgnore] public bool MissedDaysInARowGiven { get; private set; }
    [JsonIgnore] public bool PainRiseOfGiven { get; private set; }
    [JsonIgnore] public bool NoContactDaysGiven { get; private set; }

    /// <summary>The overrides after this change.</summary>
    public AlertRuleOverrides ApplyTo(AlertRuleOverrides current) => current with
    {
        LowAdherenceBelow = LowAdherenceBelowGiven ? LowAdherenceBelow : current.LowAdherenceBelow,
        MissedDaysInARow = MissedDaysInARowGiven ? MissedDaysInARow : current.MissedDaysInARow,
        PainRiseOf = PainRiseOfGiven ? PainRiseOf : current.PainRiseOf,
        NoContactDays = NoContactDaysGiven ? NoContactDays : current.NoContactDays,
    };
}

/// <summary>A new patient of the calling therapist. Omitted: the clinic's time zone, "en", no reminders yet.</summary>
public sealed record CreatePatientRequest([property: Required] string? DisplayName, string? TimeZone, string? Locale, IReadOnlyList<string>? ReminderTimes);

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
    DateOnly? PausedUntil,
    AlertRulesPatch? AlertRules = null);
