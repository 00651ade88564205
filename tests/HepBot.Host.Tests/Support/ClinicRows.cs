using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Support;

/// <summary>A fingerprint of one clinic's rows, so a test can show that a refused request wrote nothing.</summary>
internal static class ClinicRows
{
    public static async Task<string> FingerprintAsync(TestDatabase database, Guid clinicId, bool ignoreAudit, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var patients = await db.Patients.AsNoTracking().Where(p => p.ClinicId == clinicId).OrderBy(p => p.Id).ToListAsync(ct);
        var ids = patients.Select(p => p.Id).ToList();
        var prescriptions = await db.Prescriptions.AsNoTracking().Include(p => p.Items).Where(p => ids.Contains(p.PatientId)).ToListAsync(ct);
        var exercises = await db.Exercises.CountAsync(e => e.ClinicId == clinicId, ct);
        var messages = await db.PatientMessages.CountAsync(m => ids.Contains(m.PatientId), ct);
        var invitations = await db.Invitations.CountAsync(i => i.PatientId != null && ids.Contains(i.PatientId.Value), ct);
        var templates = await db.ProgramTemplates.CountAsync(t => t.ClinicId == clinicId, ct);
        var audit = ignoreAudit ? 0 : await db.AuditEntries.CountAsync(a => a.PatientId != null && ids.Contains(a.PatientId.Value), ct);
        return string.Join("|",
            string.Join(";", patients.Select(p => $"{p.Id},{p.DisplayName},{p.Locale},{p.TimeZoneId},{p.Status},{p.PausedUntil},{p.Version},{string.Join(' ', p.ReminderTimes)},{p.AlertRuleOverrides}")),
            string.Join(";", prescriptions.OrderBy(p => p.Id).Select(p => $"{p.Id},{p.Version},{p.SupersededAt},{p.Schedule},{p.Items.Count}")),
            exercises, messages, invitations, templates, audit);
    }
}
