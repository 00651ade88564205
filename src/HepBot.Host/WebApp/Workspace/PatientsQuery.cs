using HepBot.Core.Adherence;
using HepBot.Core.Patients;
using HepBot.Core.Sessions;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Adherence;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.WebApp.Workspace;

public sealed record PatientRow(
    Guid Id,
    string Name,
    string TherapistName,
    PatientStatus Status,
    IReadOnlyList<string> Exercises,
    int? ProgramVersion,
    DateOnly? LastSession,
    double? Adherence7,
    double? Adherence30,
    PainTrend PainTrend,
    int OpenAlerts,
    IReadOnlyList<string> Chats);

/// <summary>The filters of the patient list; each narrows it further.</summary>
public enum PatientFilter
{
    All,
    OpenAlerts,
    LowAdherence,
    NoChat,
    Paused,
}

/// <summary>The patient list: what the caller may see, with adherence computed by Core as the API computes it.</summary>
internal sealed class PatientsQuery(HepBotDbContext db, TimeProvider clock)
{
    /// <summary>Below this 7-day session adherence a patient shows under "low adherence".</summary>
    public const double LowAdherence = 0.5;

    public async Task<IReadOnlyList<PatientRow>> LoadAsync(ApiCaller caller, string? search, PatientFilter filter, string locale, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.Patients.VisibleTo(caller).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            // Runs in the database as LOWER(...) LIKE; the culture-aware overloads the analyzers ask for have no SQL translation.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(p => p.DisplayName.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (filter == PatientFilter.Paused)
            query = query.Where(p => p.Status == PatientStatus.Paused);
        var patients = await query.Select(p => new { Patient = p, TherapistName = p.Therapist!.Name }).ToListAsync(ct);
        var ids = patients.Select(p => p.Patient.Id).ToList();

        var programs = await db.Prescriptions.AsNoTracking().AsSplitQuery()
            .Where(r => ids.Contains(r.PatientId) && r.SupersededAt == null)
            .Include(r => r.Items).ThenInclude(i => i.Exercise)
            .ToListAsync(ct);
        var alerts = await db.Alerts.Where(a => ids.Contains(a.PatientId) && a.AcknowledgedAt == null && a.ClearedAt == null)
            .GroupBy(a => a.PatientId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var chats = (await db.ChannelAccounts.AsNoTracking()
                .Where(c => c.PatientId != null && ids.Contains(c.PatientId.Value) && c.UnreachableSince == null)
                .Select(c => new { PatientId = c.PatientId!.Value, c.Channel }).ToListAsync(ct))
            .ToLookup(c => c.PatientId, c => c.Channel);
        var lastSessions = await db.SessionLogs.Where(l => ids.Contains(l.PatientId) && l.Status != SessionStatus.InProgress)
            .GroupBy(l => l.PatientId).Select(g => new { g.Key, Last = g.Max(l => l.LocalDate) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);

        var rows = new List<PatientRow>();
        foreach (var p in patients.OrderBy(p => p.Patient.DisplayName, StringComparer.CurrentCultureIgnoreCase))
        {
            var patient = p.Patient;
            var today = PatientClock.LocalDate(now, patient.TimeZoneId);
            var history = await AdherenceHistoryReader.ReadAsync(db, patient.Id, new DateSpan(DateOnly.MinValue, today), ct);
            var week = AdherenceCalculator.LastDays(history, 7, today);
            var month = AdherenceCalculator.LastDays(history, 30, today);
            var program = programs.SingleOrDefault(r => r.PatientId == patient.Id);
            rows.Add(new PatientRow(
                patient.Id, patient.DisplayName, p.TherapistName, patient.Status,
                program?.Items.OrderBy(i => i.Order).Select(i => i.Exercise!.TextFor(locale).Name).ToList() ?? [],
                program?.Version,
                lastSessions.TryGetValue(patient.Id, out var last) ? last : null,
                week.SessionAdherence, month.SessionAdherence, month.PainTrend,
                alerts.GetValueOrDefault(patient.Id),
                chats[patient.Id].Distinct().Order().ToList()));
            db.AuditRead(caller, nameof(Patient), patient.Id, patient.Id, now);
        }
        await db.SaveChangesAsync(ct);

        return filter switch
        {
            PatientFilter.OpenAlerts => rows.Where(r => r.OpenAlerts > 0).ToList(),
            PatientFilter.LowAdherence => rows.Where(r => r.Adherence7 < LowAdherence).ToList(),
            PatientFilter.NoChat => rows.Where(r => r.Chats.Count == 0).ToList(),
            _ => rows,
        };
    }
}
