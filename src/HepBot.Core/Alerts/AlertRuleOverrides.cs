namespace HepBot.Core.Alerts;

/// <summary>
/// Alert thresholds set over the host's <c>AlertRules:*</c> settings (<see cref="AlertRuleOptions"/>): a clinic's
/// defaults and a patient's own overrides, each stored as columns of its row. A threshold left null follows the
/// level below: patient → clinic → settings (<see cref="Resolve"/>).
/// </summary>
public sealed record AlertRuleOverrides
{
    public const int MinDays = 1;
    public const int MaxDays = 30;
    public const double MinPainRise = 0.5;
    public const double MaxPainRise = 10;

    public static readonly AlertRuleOverrides None = new();

    /// <inheritdoc cref="AlertRuleOptions.LowAdherenceBelow"/>
    public double? LowAdherenceBelow { get; init; }

    /// <inheritdoc cref="AlertRuleOptions.MissedDaysInARow"/>
    public int? MissedDaysInARow { get; init; }

    /// <inheritdoc cref="AlertRuleOptions.PainRiseOf"/>
    public double? PainRiseOf { get; init; }

    /// <inheritdoc cref="AlertRuleOptions.NoContactDays"/>
    public int? NoContactDays { get; init; }

    public bool IsEmpty => this == None;

    /// <summary>The options that hold for this patient: the clinic's defaults with this patient's overrides in place.</summary>
    public AlertRuleOptions ApplyTo(AlertRuleOptions clinicDefaults) => IsEmpty
        ? clinicDefaults
        : clinicDefaults with
        {
            LowAdherenceBelow = LowAdherenceBelow ?? clinicDefaults.LowAdherenceBelow,
            MissedDaysInARow = MissedDaysInARow ?? clinicDefaults.MissedDaysInARow,
            PainRiseOf = PainRiseOf ?? clinicDefaults.PainRiseOf,
            NoContactDays = NoContactDays ?? clinicDefaults.NoContactDays,
        };

    /// <summary>The thresholds that hold for a patient: their own overrides, else the clinic's defaults, else the settings.</summary>
    public static AlertRuleOptions Resolve(AlertRuleOptions settings, AlertRuleOverrides clinicDefaults, AlertRuleOverrides patientOverrides) =>
        patientOverrides.ApplyTo(clinicDefaults.ApplyTo(settings));

    /// <summary>The overrides out of range, by member name; empty when all are valid.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (LowAdherenceBelow is < 0 or > 1 || LowAdherenceBelow is { } low && double.IsNaN(low))
            yield return (nameof(LowAdherenceBelow), "Give a share between 0 and 1, e.g. 0.6 for 60%.");
        if (MissedDaysInARow is < MinDays or > MaxDays)
            yield return (nameof(MissedDaysInARow), $"Give a number of days between {MinDays} and {MaxDays}.");
        if (PainRiseOf is < MinPainRise or > MaxPainRise || PainRiseOf is { } rise && double.IsNaN(rise))
            yield return (nameof(PainRiseOf), $"Give a rise in pain points between {MinPainRise} and {MaxPainRise}.");
        if (NoContactDays is < MinDays or > MaxDays)
            yield return (nameof(NoContactDays), $"Give a number of days between {MinDays} and {MaxDays}.");
    }
}
