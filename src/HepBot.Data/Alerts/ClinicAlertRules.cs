using HepBot.Core.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Alerts;

/// <summary>Reads a clinic's alert-rule defaults, so every reader resolves patient → clinic → settings the same way.</summary>
public static class ClinicAlertRules
{
    /// <summary>The thresholds a patient of the clinic without overrides gets: the clinic's defaults over the settings.</summary>
    public static async Task<AlertRuleOptions> DefaultsAsync(HepBotDbContext db, Guid clinicId, AlertRuleOptions settings, CancellationToken ct) =>
        (await DefaultsOfAsync(db, clinicId, ct)).ApplyTo(settings);

    /// <summary>What the clinic itself set (null fields follow the settings).</summary>
    public static async Task<AlertRuleOverrides> DefaultsOfAsync(HepBotDbContext db, Guid clinicId, CancellationToken ct) =>
        await db.Clinics.AsNoTracking().Where(c => c.Id == clinicId).Select(c => c.AlertRuleDefaults).SingleOrDefaultAsync(ct)
        ?? AlertRuleOverrides.None;
}
