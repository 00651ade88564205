using System.Globalization;
using System.Text;
using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Accounts;
using HepBot.Host.Api.ApiKeys;
using HepBot.Host.Authentication;
using HepBot.Host.Billing;
using HepBot.Host.Commands;
using HepBot.Host.WebApp.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.WebApp.Workspace;

/// <summary>A therapist of the clinic as the admin pages list them, with how many patients they have.</summary>
internal sealed record ClinicTherapist(Guid Id, string Name, string Email, TherapistRole Role, DateTimeOffset? DeactivatedAt, int Patients);

/// <summary>The audit trail's filters; every one optional.</summary>
internal sealed record AuditFilter(Guid? PatientId, Guid? TherapistId, AuditAction? Action, DateOnly? From, DateOnly? To);

/// <summary>
/// What a clinic admin does in the web app: therapists, API keys, the audit trail and the clinic's settings.
/// Every method refuses anyone but a clinic admin and reaches only the admin's own clinic; what it changes is audited.
/// Each refusal is a key of web.yaml's <c>admin.*</c> texts.
/// </summary>
internal sealed class ClinicAdministration(HepBotDbContext db, TimeProvider clock, SetPasswordLinks links,
    UserManager<TherapistAccount> users)
{
    public const int AuditPageSize = 200;
    public const int MaxAuditExport = 50_000;

    private static void RequireAdmin(ApiCaller caller)
    {
        if (!caller.IsClinicAdmin)
            throw new UnauthorizedAccessException("Only a clinic admin administers a clinic.");
    }

    public async Task<List<ClinicTherapist>> TherapistsAsync(ApiCaller caller, CancellationToken ct)
    {
        RequireAdmin(caller);
        return (await db.Therapists.AsNoTracking().Where(t => t.ClinicId == caller.ClinicId)
                .Select(t => new ClinicTherapist(t.Id, t.Name, t.Email, t.Role, t.DeactivatedAt, db.Patients.Count(p => p.TherapistId == t.Id)))
                .ToListAsync(ct))
            .OrderBy(t => t.DeactivatedAt is not null).ThenBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Adds a therapist to the admin's clinic and returns their one-time set-password link, or the refusal's text key.</summary>
    public async Task<(Therapist? Therapist, Uri? Link, string? Refusal)> AddTherapistAsync(ApiCaller caller, string? name, string? email,
        TherapistRole role, Uri baseAddress, CancellationToken ct)
    {
        RequireAdmin(caller);
        var normalized = email is null ? null : TherapistCommands.NormalizeEmail(email);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > TherapistCommands.MaxNameLength)
            return (null, null, "admin.nameInvalid");
        if (normalized is null)
            return (null, null, "admin.emailInvalid");
        if (await db.Therapists.AnyAsync(t => t.Email == normalized, ct))
            return (null, null, "admin.emailTaken");
        var now = clock.GetUtcNow();
        var therapist = new Therapist { ClinicId = caller.ClinicId, Name = trimmed, Email = normalized, Role = role, CreatedAt = now };
        db.Therapists.Add(therapist);
        db.Audit(caller.Actor, AuditAction.Create, nameof(Therapist), therapist.Id, null, now);
        await db.SaveChangesAsync(ct);
        return (therapist, await links.CreateAsync(therapist, baseAddress), null);
    }

    public async Task<Uri?> SetPasswordLinkAsync(ApiCaller caller, Guid therapistId, Uri baseAddress, CancellationToken ct)
    {
        var therapist = await ActiveTherapistAsync(caller, therapistId, ct);
        return therapist is null ? null : await links.CreateAsync(therapist, baseAddress);
    }

    /// <summary>An admin does not change their own role, so a clinic always keeps the admin doing it.</summary>
    public async Task<string?> ChangeRoleAsync(ApiCaller caller, Guid therapistId, TherapistRole role, CancellationToken ct)
    {
        if (therapistId == caller.TherapistId)
            return "admin.notYourself";
        var therapist = await ActiveTherapistAsync(caller, therapistId, ct);
        if (therapist is null)
            return "admin.noSuchTherapist";
        therapist.Role = role;
        db.Audit(caller.Actor, AuditAction.Update, nameof(Therapist), therapist.Id, null, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Moves every patient of one therapist, with their open alerts, to another active therapist of the clinic.
    /// Messages and logged minutes keep who wrote or spent them.
    /// </summary>
    public async Task<(int Moved, string? Refusal)> ReassignPatientsAsync(ApiCaller caller, Guid fromTherapistId, Guid toTherapistId, CancellationToken ct)
    {
        RequireAdmin(caller);
        if (fromTherapistId == toTherapistId)
            return (0, "admin.reassignSame");
        var from = await db.Therapists.SingleOrDefaultAsync(t => t.Id == fromTherapistId && t.ClinicId == caller.ClinicId, ct);
        var to = await ActiveTherapistAsync(caller, toTherapistId, ct);
        if (from is null || to is null)
            return (0, "admin.noSuchTherapist");
        var patients = await db.Patients.Where(p => p.ClinicId == caller.ClinicId && p.TherapistId == from.Id).ToListAsync(ct);
        var ids = patients.Select(p => p.Id).ToList();
        var openAlerts = await db.Alerts.Where(a => ids.Contains(a.PatientId) && a.AcknowledgedAt == null && a.ClearedAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var patient in patients)
        {
            patient.TherapistId = to.Id;
            db.Audit(caller.Actor, AuditAction.Update, nameof(Core.Patients.Patient), patient.Id, patient.Id, now);
        }
        foreach (var alert in openAlerts)
            alert.TherapistId = to.Id;
        await db.SaveChangesAsync(ct);
        return (patients.Count, null);
    }

    /// <summary>
    /// Deactivates a therapist with no patients left: their sign-in and API keys stop at once, and everything they
    /// did stays on record under their id.
    /// </summary>
    public async Task<string?> DeactivateAsync(ApiCaller caller, Guid therapistId, CancellationToken ct)
    {
        if (therapistId == caller.TherapistId)
            return "admin.notYourself";
        var therapist = await ActiveTherapistAsync(caller, therapistId, ct);
        if (therapist is null)
            return "admin.noSuchTherapist";
        if (await db.Patients.AnyAsync(p => p.TherapistId == therapist.Id, ct))
            return "admin.reassignFirst";
        var now = clock.GetUtcNow();
        therapist.DeactivatedAt = now;
        db.Audit(caller.Actor, AuditAction.Update, nameof(Therapist), therapist.Id, null, now);
        await db.SaveChangesAsync(ct);
        // A set-password link already sent stops working too: it is bound to the account's security stamp.
        if (await users.FindByIdAsync(therapist.Id.ToString()) is { } account)
            await users.UpdateSecurityStampAsync(account);
        return null;
    }

    private async Task<Therapist?> ActiveTherapistAsync(ApiCaller caller, Guid therapistId, CancellationToken ct)
    {
        RequireAdmin(caller);
        return await db.Therapists.SingleOrDefaultAsync(t => t.Id == therapistId && t.ClinicId == caller.ClinicId && t.DeactivatedAt == null, ct);
    }

    /// <summary>A new key for an active therapist of the clinic, shown once, through <c>POST /api/v1/api-keys</c>' own handler.</summary>
    public async Task<string?> CreateApiKeyAsync(ApiCaller caller, Guid therapistId, int? expiresInDays, CancellationToken ct)
    {
        RequireAdmin(caller);
        var result = await ApiKeysApi.CreateKey(new CreateApiKeyRequest(therapistId, expiresInDays), caller, db, clock, ct);
        return result.Result is Microsoft.AspNetCore.Http.HttpResults.Created<CreatedApiKeyDto> created ? created.Value!.Key : null;
    }

    /// <summary>The clinic's keys, as <c>GET /api/v1/api-keys</c> lists them for an admin.</summary>
    public async Task<List<ApiKeyDto>> ApiKeysAsync(ApiCaller caller, CancellationToken ct)
    {
        RequireAdmin(caller);
        return (await ApiKeysApi.ListKeys(caller, db, ct)).Value!;
    }

    /// <summary>Revokes through the API's own handler: the same rule, the same audit row.</summary>
    public async Task<bool> RevokeApiKeyAsync(ApiCaller caller, Guid keyId, CancellationToken ct)
    {
        RequireAdmin(caller);
        return (await ApiKeysApi.RevokeKey(keyId, caller, db, clock, ct)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<ApiKeyDto>;
    }

    public async Task<Clinic> ClinicAsync(ApiCaller caller, CancellationToken ct)
    {
        RequireAdmin(caller);
        return await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == caller.ClinicId, ct);
    }

    /// <summary>
    /// Saves the clinic's settings, or returns the refusals by field (text keys). The alert-rule defaults are checked by
    /// the rules a patient's own thresholds are checked by in <c>PATCH /api/v1/patients/{id}</c>.
    /// </summary>
    public async Task<Dictionary<string, string>> SaveClinicAsync(ApiCaller caller, string? name, string? timeZone, string? emergencyNumber,
        AlertRuleOverrides alertRuleDefaults, CancellationToken ct)
    {
        RequireAdmin(caller);
        var refusals = new Dictionary<string, string>();
        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length is 0 or > 200)
            refusals["name"] = "admin.clinicNameInvalid";
        if (!PatientClock.IsKnownZone(timeZone?.Trim()))
            refusals["timeZone"] = "admin.timeZoneInvalid";
        var number = string.IsNullOrWhiteSpace(emergencyNumber) ? null : emergencyNumber.Trim();
        if (number is not null && (number.Length > Clinic.MaxEmergencyNumber || !number.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-')))
            refusals["emergencyNumber"] = "admin.emergencyNumberInvalid";
        foreach (var (field, _) in alertRuleDefaults.Validate())
        {
            var key = "alertRules." + char.ToLowerInvariant(field[0]) + field[1..];
            refusals[key] = "fieldErrors." + key;
        }
        if (refusals.Count > 0)
            return refusals;
        var clinic = await db.Clinics.SingleAsync(c => c.Id == caller.ClinicId, ct);
        clinic.AlertRuleDefaults = alertRuleDefaults;
        clinic.Name = trimmedName;
        clinic.DefaultTimeZone = timeZone!.Trim();
        clinic.EmergencyNumber = number;
        db.Audit(caller.Actor, AuditAction.Update, nameof(Clinic), clinic.Id, null, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return refusals;
    }

    /// <summary>
    /// The clinic's part of the audit trail: rows about its patients or by its therapists, newest first. Dates are in
    /// the clinic's time zone.
    /// </summary>
    public async Task<List<AuditEntry>> AuditAsync(ApiCaller caller, AuditFilter filter, int limit, CancellationToken ct)
    {
        RequireAdmin(caller);
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == caller.ClinicId, ct);
        var zone = PatientClock.IsKnownZone(clinic.DefaultTimeZone) ? clinic.DefaultTimeZone : "UTC";
        var therapists = await db.Therapists.AsNoTracking().Where(t => t.ClinicId == caller.ClinicId).Select(t => t.Id).ToListAsync(ct);
        var actors = therapists.Select(AuditTrail.Therapist).ToList();
        var query = db.AuditEntries.AsNoTracking()
            .Where(a => actors.Contains(a.Actor) || db.Patients.Any(p => p.ClinicId == caller.ClinicId && p.Id == a.PatientId));
        if (filter.PatientId is { } patient)
            query = query.Where(a => a.PatientId == patient);
        if (filter.TherapistId is { } therapist && therapists.Contains(therapist))
        {
            var actor = AuditTrail.Therapist(therapist);
            query = query.Where(a => a.Actor == actor);
        }
        if (filter.Action is { } action)
            query = query.Where(a => a.Action == action);
        if (filter.From is { } from)
        {
            var start = StartOfDay(from, zone);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1), zone);
            query = query.Where(a => a.At < end);
        }
        return await query.OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>The export of the filtered trail: ids only, as the trail holds; the export itself is audited.</summary>
    public async Task<string> AuditCsvAsync(ApiCaller caller, AuditFilter filter, CancellationToken ct)
    {
        var rows = await AuditAsync(caller, filter, MaxAuditExport, ct);
        var csv = new StringBuilder("id,at_utc,actor,action,entity_type,entity_id,patient_id\r\n");
        foreach (var a in rows)
        {
            csv.AppendJoin(',', new[]
            {
                a.Id.ToString(CultureInfo.InvariantCulture), a.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                a.Actor, a.Action.ToString(), a.EntityType, a.EntityId, a.PatientId?.ToString() ?? "",
            }.Select(RtmReportService.Field)).Append("\r\n");
        }
        db.Audit(caller.Actor, AuditAction.Export, nameof(AuditEntry), caller.ClinicId, filter.PatientId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return csv.ToString();
    }

    private static DateTimeOffset StartOfDay(DateOnly date, string zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        var tz = PatientClock.Zone(zone);
        // A day starting in a spring-forward gap starts at the first valid moment after it.
        while (tz.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return new DateTimeOffset(local, tz.GetUtcOffset(local));
    }
}
