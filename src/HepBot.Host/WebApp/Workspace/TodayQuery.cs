using HepBot.Core.Adherence;
using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Adherence;
using HepBot.Data.Alerts;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.WebApp.Workspace;

public sealed record AlertView(Guid Id, Guid PatientId, string PatientName, AlertKind Kind, AlertSeverity Severity, string? Detail,
    DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ClearedAt,
    HepBot.Core.Safety.UrgencyTier? Tier = null, string? PatientWords = null, AlertReach? Reach = null,
    string? Findings = null, int? PainScore = null, AlertMoment? Moment = null, Guid? ExerciseId = null, string? ExerciseName = null)
{
    /// <summary>What <see cref="HepBot.Conversations.Therapists.AlertWording"/> words it from.</summary>
    public HepBot.Conversations.Therapists.AlertFields Fields =>
        new(Kind, Tier, Alert.ParseFindings(Findings), PainScore, Moment, ExerciseName, Detail);

    /// <summary>The same alerts with the exercises they name, in the reader's language.</summary>
    public static async Task<List<AlertView>> WithExerciseNamesAsync(HepBotDbContext db, IReadOnlyList<AlertView> alerts, string language,
        CancellationToken ct)
    {
        var names = await HepBot.Conversations.Therapists.AlertWording.ExerciseNamesAsync(db, alerts.Select(a => a.ExerciseId), language, ct);
        return [.. alerts.Select(a => a with { ExerciseName = HepBot.Conversations.Therapists.AlertWording.NameOf(names, a.ExerciseId) })];
    }

    public bool IsOpen => AcknowledgedAt is null && ClearedAt is null;

    /// <summary>No chat and no e-mail took it and none is tried any more: only the app shows it.</summary>
    public bool NotDelivered => Reach == AlertReach.NotDelivered;

    /// <summary>The same alerts with how each one's delivery stands, read from their outbox rows.</summary>
    public static async Task<List<AlertView>> WithReachAsync(HepBotDbContext db, IReadOnlyList<AlertView> alerts, CancellationToken ct)
    {
        var reach = await HepBot.Data.Alerts.AlertOutbox.ReachOfAsync(db, [.. alerts.Select(a => a.Id)], ct);
        // An alert without outbox rows (written before the outbox existed) has no delivery to report.
        return [.. alerts.Select(a => reach.TryGetValue(a.Id, out var r) ? a with { Reach = r } : a)];
    }

    /// <summary>Emergencies and red flags first, then by urgency tier and severity, then newest first.</summary>
    public static IEnumerable<AlertView> ByUrgency(IEnumerable<AlertView> alerts) => alerts
        .OrderByDescending(a => a.Tier == HepBot.Core.Safety.UrgencyTier.Emergency)
        .ThenByDescending(a => a.Kind == AlertKind.RedFlag)
        .ThenByDescending(a => a.Tier ?? HepBot.Core.Safety.UrgencyTier.None)
        .ThenByDescending(a => a.Severity)
        .ThenByDescending(a => a.CreatedAt)
        .ThenBy(a => a.Id);
}

public sealed record MessageView(Guid Id, Guid PatientId, string PatientName, string Text, DateTimeOffset SentAt);

public sealed record SlippingPatient(Guid PatientId, string PatientName, IReadOnlyList<AlertFinding> Findings);

public sealed record TodayView(string ZoneId, IReadOnlyList<AlertView> Alerts, IReadOnlyList<MessageView> Messages, IReadOnlyList<SlippingPatient> Slipping)
{
    public static readonly TodayView Empty = new("UTC", [], [], []);
}

/// <summary>
/// What needs the therapist today: open alerts, patient messages nobody has answered yet (reading one on the
/// patient's page does not answer it; a reply from the app or a therapist's chat does), and patients the daily
/// alert rules find slipping right now (the same rules the nightly run applies, with each patient's thresholds).
/// </summary>
internal sealed class TodayQuery(HepBotDbContext db, TimeProvider clock, IOptions<AlertRuleOptions> alertRules)
{
    private static readonly AlertKind[] SlippingKinds = [AlertKind.LowAdherence, AlertKind.MissedDays, AlertKind.PainTrendingUp, AlertKind.NoContact];

    /// <param name="language">The reader's language, for the exercises the alerts name.</param>
    public async Task<TodayView> LoadAsync(ApiCaller caller, string language, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var zone = await db.Clinics.Where(c => c.Id == caller.ClinicId).Select(c => c.DefaultTimeZone).SingleAsync(ct);

        var alerts = await (from a in db.AlertsVisibleTo(caller)
                            join p in db.Patients on a.PatientId equals p.Id
                            where a.AcknowledgedAt == null && a.ClearedAt == null
                            select new AlertView(a.Id, a.PatientId, p.DisplayName, a.Kind, a.Severity, a.Detail, a.CreatedAt, a.AcknowledgedAt, a.ClearedAt, a.Tier, a.PatientWords,
                                null, a.Findings, a.PainScore, a.Moment, a.ExerciseId, null))
            .ToListAsync(ct);
        alerts = await AlertView.WithReachAsync(db, alerts, ct);
        alerts = await AlertView.WithExerciseNamesAsync(db, alerts, language, ct);

        var messages = (await (from m in db.MessagesVisibleTo(caller)
                               join p in db.Patients on m.PatientId equals p.Id
                               where m.Direction == MessageDirection.PatientToTherapist
                                     && !db.PatientMessages.Any(r => r.PatientId == m.PatientId
                                         && r.Direction == MessageDirection.TherapistToPatient && r.SentAt > m.SentAt)
                               select new MessageView(m.Id, m.PatientId, p.DisplayName, m.Text, m.SentAt))
                .ToListAsync(ct))
            .OrderByDescending(m => m.SentAt).ToList();

        var patients = await db.Patients.VisibleTo(caller).AsNoTracking()
            .Where(p => p.Status == PatientStatus.Active)
            .OrderBy(p => p.DisplayName).ToListAsync(ct);
        var clinicRules = await ClinicAlertRules.DefaultsAsync(db, caller.ClinicId, alertRules.Value, ct);
        var slipping = new List<SlippingPatient>();
        foreach (var patient in patients)
        {
            var today = PatientClock.LocalDate(now, patient.TimeZoneId);
            var history = await AdherenceHistoryReader.ReadAsync(db, patient.Id, new DateSpan(DateOnly.MinValue, today), ct);
            var linkedOn = patient.LinkedAt is { } linked ? PatientClock.LocalDate(linked, patient.TimeZoneId) : (DateOnly?)null;
            var findings = AlertRules.Evaluate(history, today, linkedOn, patient.AlertRuleOverrides.ApplyTo(clinicRules))
                .Where(f => SlippingKinds.Contains(f.Kind)).ToList();
            if (findings.Count > 0)
            {
                slipping.Add(new SlippingPatient(patient.Id, patient.DisplayName, findings));
                db.AuditRead(caller, nameof(Patient) + ".Adherence", patient.Id, patient.Id, now);
            }
        }

        foreach (var alert in alerts)
            db.AuditRead(caller, nameof(Alert), alert.Id, alert.PatientId, now);
        foreach (var message in messages)
            db.AuditRead(caller, nameof(PatientMessage), message.Id, message.PatientId, now);
        await db.SaveChangesAsync(ct);
        return new TodayView(zone, AlertView.ByUrgency(alerts).ToList(), messages, slipping);
    }
}
