using HepBot.Core.Alerts;

namespace HepBot.Core.Clinics;

public sealed class Clinic
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }

    /// <summary>IANA zone used for new patients when none is given.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";
    /// <summary>
    /// What patients are told to call in an emergency ("112", "911"). Null: the dialogs' own words
    /// ("your local emergency number"), in the patient's language.
    /// </summary>
    public string? EmergencyNumber { get; set; }

    public const int MaxEmergencyNumber = 40;

    /// <summary>
    /// The clinic's own alert thresholds, set by a clinic admin; each one left null follows the host's
    /// <c>AlertRules:*</c> setting. A patient's own overrides win over these.
    /// </summary>
    public AlertRuleOverrides AlertRuleDefaults { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
}
