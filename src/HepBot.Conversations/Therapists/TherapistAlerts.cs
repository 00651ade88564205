using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Data.Alerts;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Therapists;

/// <summary>
/// What a therapist's chat can do with an alert it was sent: acknowledge it ("/ack &lt;alert id&gt;") or
/// write to the patient ("/reply &lt;patient id&gt;").
/// </summary>
public sealed class TherapistAlerts(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    public const string AcknowledgeCommand = "/ack";
    public const string ReplyCommand = "/reply";

    /// <summary>The alert id in "/ack 3f2a...", or null when the message is not an acknowledgement.</summary>
    public static Guid? ParseAcknowledge(string? text) => ParseCommand(text, AcknowledgeCommand);

    /// <summary>The patient id in "/reply 3f2a...", or null when the message is not a reply.</summary>
    public static Guid? ParseReply(string? text) => ParseCommand(text, ReplyCommand);

    /// <summary>The patient's display name when the patient is the therapist's (or their clinic's, for an admin).</summary>
    public async Task<string?> PatientNameAsync(Guid therapistId, Guid patientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var therapist = await db.Therapists.AsNoTracking().SingleOrDefaultAsync(t => t.Id == therapistId, ct);
        if (therapist is null)
            return null;
        return await db.Patients.Where(p => p.Id == patientId
                && (p.TherapistId == therapistId || (therapist.Role == TherapistRole.ClinicAdmin && p.ClinicId == therapist.ClinicId)))
            .Select(p => p.DisplayName).SingleOrDefaultAsync(ct);
    }

    private static Guid? ParseCommand(string? text, string command)
    {
        var parts = text?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return parts.Length == 2 && parts[0].Split('@')[0].Equals(command, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(parts[1], out var id) ? id : null;
    }

    /// <returns>False when no such alert is the therapist's (or their clinic's, for a clinic admin).</returns>
    public async Task<bool> AcknowledgeAsync(Guid therapistId, Guid alertId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var therapist = await db.Therapists.AsNoTracking().SingleOrDefaultAsync(t => t.Id == therapistId, ct);
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (therapist is null || alert is null)
            return false;
        var allowed = alert.TherapistId == therapistId || (therapist.Role == TherapistRole.ClinicAdmin
            && await db.Patients.AnyAsync(p => p.Id == alert.PatientId && p.ClinicId == therapist.ClinicId, ct));
        if (!allowed)
            return false;
        AlertAcknowledgement.Acknowledge(db, alert, therapistId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
