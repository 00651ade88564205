using HepBot.Core.Audit;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.WebApp.Workspace;

/// <summary>One program version with who made it and what it changed from the one before.</summary>
public sealed record ProgramVersionView(Prescription Version, string PrescribedBy, PrescriptionChanges Changes);

/// <summary>Every program version of a patient, newest first; each read is audited like GET prescriptions.</summary>
internal sealed class ProgramHistoryQuery(HepBotDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProgramVersionView>?> LoadAsync(ApiCaller caller, Guid patientId, CancellationToken ct)
    {
        if (!await db.Patients.VisibleTo(caller).AnyAsync(p => p.Id == patientId, ct))
            return null;
        var versions = await db.Prescriptions.AsNoTracking().AsSplitQuery().Include(p => p.Items).ThenInclude(i => i.Exercise)
            .Where(p => p.PatientId == patientId).OrderBy(p => p.Version).ToListAsync(ct);
        var authors = versions.Select(v => v.PrescribedById).Distinct().ToList();
        var names = await db.Therapists.Where(t => authors.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var now = clock.GetUtcNow();
        foreach (var version in versions)
            db.Audit(caller.Actor, AuditAction.Read, nameof(Prescription), version.Id, patientId, now);
        await db.SaveChangesAsync(ct);
        return versions.Select((v, i) => new ProgramVersionView(v, names.GetValueOrDefault(v.PrescribedById, "–"),
                PrescriptionDiff.Between(i == 0 ? null : versions[i - 1], v)))
            .Reverse().ToList();
    }
}
