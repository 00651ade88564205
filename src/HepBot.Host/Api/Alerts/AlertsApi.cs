using HepBot.Conversations;
using HepBot.Conversations.Content;
using HepBot.Conversations.Therapists;
using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Data;
using HepBot.Data.Alerts;
using HepBot.Conversations.Bot;
using HepBot.Core.Prescriptions;
using HepBot.Core.Progression;
using HepBot.Core.Reminders;
using HepBot.Core.Time;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Authentication;
using Microsoft.Bot.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Alerts;

/// <summary>
/// An alert as the therapist sees it. <c>text</c> says why it was raised in the caller's language (the words the web
/// app and the chat alert use); <c>detail</c> keeps the facts in one fixed English wording for programs. Safety
/// alerts also say why in fields: <c>tier</c>, <c>findings</c> (warning signs, most urgent first), <c>painScore</c>,
/// <c>moment</c> (where in the conversation), <c>exerciseId</c> and, for typed text, <c>patientWords</c> (what the
/// patient wrote).
/// </summary>
public sealed record AlertDto(
    Guid Id,
    Guid PatientId,
    string PatientName,
    AlertKind Kind,
    AlertSeverity Severity,
    string? Detail,
    string? Text,
    HepBot.Core.Safety.UrgencyTier? Tier,
    IReadOnlyList<HepBot.Core.Safety.SymptomFinding> Findings,
    int? PainScore,
    string? PatientWords,
    AlertMoment? Moment,
    Guid? ExerciseId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClearedAt)
{
    public static AlertDto From(Alert a, string patientName, string? text) =>
        new(a.Id, a.PatientId, patientName, a.Kind, a.Severity, a.Detail, text, a.Tier, a.FindingList, a.PainScore, a.PatientWords,
            a.Moment, a.ExerciseId, a.CreatedAt, a.AcknowledgedAt, a.ClearedAt);
}

/// <summary>The alerts' <c>text</c>, in the calling therapist's language, from the one wording (<see cref="AlertWording"/>).</summary>
internal sealed class AlertTexts(HepBotDbContext db, DialogTextCatalog catalog)
{
    public async Task<Func<Alert, string?>> ForAsync(ApiCaller caller, IEnumerable<Alert> alerts, CancellationToken ct)
    {
        var locale = await db.Therapists.Where(t => t.Id == caller.TherapistId).Select(t => t.Locale).SingleOrDefaultAsync(ct);
        var language = catalog.ResolveLanguage(locale);
        var names = await AlertWording.ExerciseNamesAsync(db, alerts.Select(a => a.ExerciseId), language, ct);
        return alert => AlertWording.Why(catalog, language, AlertFields.Of(alert, AlertWording.NameOf(names, alert.ExerciseId)), withTier: true);
    }
}

internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/alerts").RequireAuthorization().WithTags("Alerts");
        api.MapGet("/", ListAlerts)
            .WithSummary("List alerts")
            .WithDescription("The alerts of the caller's patients (a clinic admin: the clinic's), newest first. open=true leaves out acknowledged and cleared ones. Safety alerts carry their urgency tier, findings and the patient's words.");
        api.MapPost("/{id:guid}/acknowledge", Acknowledge)
            .WithSummary("Acknowledge an alert")
            .WithDescription("Marks the alert seen; acknowledging again changes nothing. Chat and e-mail deliveries of it still pending are dropped.");
        api.MapPost("/{id:guid}/approve-progression", ApproveProgression)
            .WithSummary("Approve a suggested progression")
            .WithDescription("For a \"ready to progress\" alert: the current program becomes a new version from today with the suggested doses (as PUT prescription), the alert is acknowledged and the patient is told what changed. 409 when the suggestion is no longer current.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>
    /// The alerts of the caller's patients (a clinic admin: the clinic's), newest first. <c>open=true</c>
    /// leaves out acknowledged and cleared ones.
    /// </summary>
    public static async Task<Ok<List<AlertDto>>> ListAlerts([System.ComponentModel.Description("true: only alerts not yet acknowledged; false: only acknowledged ones; absent: all")] bool? open, ApiCaller caller, HepBotDbContext db, TimeProvider clock,
        DialogTextCatalog catalog, CancellationToken cancellationToken)
    {
        var query = from a in db.Alerts.AsNoTracking()
                    join p in db.Patients.VisibleTo(caller) on a.PatientId equals p.Id
                    select new { Alert = a, p.DisplayName };
        if (open == true)
            query = query.Where(x => x.Alert.AcknowledgedAt == null && x.Alert.ClearedAt == null);
        // Ordered in memory: SQLite cannot order by DateTimeOffset.
        var alerts = (await query.ToListAsync(cancellationToken))
            .OrderByDescending(x => x.Alert.CreatedAt).ThenBy(x => x.Alert.Id)
            .ToList();
        var now = clock.GetUtcNow();
        foreach (var x in alerts)
            db.Audit(caller.Actor, AuditAction.Read, nameof(Alert), x.Alert.Id, x.Alert.PatientId, now);
        await db.SaveChangesAsync(cancellationToken);
        var text = await new AlertTexts(db, catalog).ForAsync(caller, alerts.Select(x => x.Alert), cancellationToken);
        return TypedResults.Ok(alerts.Select(x => AlertDto.From(x.Alert, x.DisplayName, text(x.Alert))).ToList());
    }

    /// <summary>Acknowledges an alert (again: no change). Pending chat and e-mail deliveries of it are then dropped.</summary>
    public static async Task<Results<Ok<AlertDto>, NotFound>> Acknowledge(Guid id, ApiCaller caller, HepBotDbContext db,
        TimeProvider clock, DialogTextCatalog catalog, CancellationToken cancellationToken)
    {
        var found = await (from a in db.Alerts
                           join p in db.Patients.VisibleTo(caller) on a.PatientId equals p.Id
                           where a.Id == id
                           select new { Alert = a, p.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return TypedResults.NotFound();
        AlertAcknowledgement.Acknowledge(db, found.Alert, caller.TherapistId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var text = await new AlertTexts(db, catalog).ForAsync(caller, [found.Alert], cancellationToken);
        return TypedResults.Ok(AlertDto.From(found.Alert, found.DisplayName, text(found.Alert)));
    }

    /// <summary>
    /// Approves a "ready to progress" suggestion with one tap: the current program becomes a new version
    /// from today with the suggested doses (the same versioning as PUT prescription), the alert is
    /// acknowledged, and the patient is told what changed.
    /// </summary>
    public static async Task<Results<Ok<PrescriptionDto>, NotFound, ProblemHttpResult, ValidationProblem>> ApproveProgression(
        Guid id, ApiCaller caller, HepBotDbContext db, TimeProvider clock, [AsParameters] ProgressionServices services,
        CancellationToken cancellationToken)
    {
        var alert = await (from a in db.Alerts
                           join p in db.Patients.VisibleTo(caller) on a.PatientId equals p.Id
                           where a.Id == id && a.Kind == AlertKind.ReadyToProgress
                           select a)
            .SingleOrDefaultAsync(cancellationToken);
        if (alert is null)
            return TypedResults.NotFound();
        if (!alert.IsOpen)
            return Conflict("This suggestion was already acknowledged or cleared.");
        var patient = await db.Patients.SingleAsync(p => p.Id == alert.PatientId, cancellationToken);
        var current = await db.Prescriptions.AsNoTracking().AsSplitQuery().Include(p => p.Items).ThenInclude(i => i.Exercise)
            .SingleOrDefaultAsync(p => p.PatientId == patient.Id && p.SupersededAt == null, cancellationToken);
        if (current is null || current.CreatedAt > alert.CreatedAt)
            return Conflict("The program changed after this suggestion; it is no longer current.");
        var steps = ProgressionRule.Suggest(current.Items).ToDictionary(s => s.Order);
        if (steps.Count == 0)
            return Conflict("No exercise can progress within the limits set on the program.");

        var now = clock.GetUtcNow();
        var s = current.Schedule;
        var request = new PrescribeRequest(
            new ScheduleRequest(s.SessionsPerDay,
                Enum.GetValues<DayOfWeek>().Where(d => s.Days.HasFlag(PrescriptionSchedule.ToFlag(d))).ToList(),
                PatientClock.LocalDate(now, patient.TimeZoneId), s.EndDate),
            current.Notes,
            current.Items.OrderBy(i => i.Order).Select(i =>
            {
                var dose = steps.TryGetValue(i.Order, out var step) ? step.To : i.Dose;
                return new PrescriptionItemRequest(i.Exercise!.Slug, dose.Sets, dose.Reps, dose.HoldSeconds, dose.RestSeconds,
                    dose.Side, i.Notes, i.MaxSets, i.MaxReps);
            }).ToList());
        var errors = new FieldErrors();
        var next = await PrescriptionVersions.AddNextVersionAsync(db, patient, caller.TherapistId, request, now, errors, cancellationToken);
        if (next is null)
            return errors.ToProblem();
        AlertAcknowledgement.Acknowledge(db, alert, caller.TherapistId, now);
        db.Audit(caller.Actor, AuditAction.Create, nameof(Prescription), next.Id, patient.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        await services.Reminders.OnPatientChangedAsync(patient.Id, cancellationToken);

        var changes = current.Items.Where(i => steps.ContainsKey(i.Order)).OrderBy(i => i.Order).ToList();
        var told = await services.Notifier.SendToPatientAsync(patient.Id, (turn, ct) =>
        {
            var lines = changes.Select(i => services.Phrases.Get(turn, "progression.change",
                ("name", i.Exercise!.TextFor(turn.Activity.Locale ?? patient.Locale).Name),
                ("from", ProgressionRule.Describe(i.Dose)), ("to", ProgressionRule.Describe(steps[i.Order].To))));
            return turn.SendActivityAsync(MessageFactory.Text(string.Join("\n", lines.Prepend(services.Phrases.Get(turn, "progression.approved")))), ct);
        }, cancellationToken);
        services.Logger.LogInformation("Therapist {TherapistId} approved a progression for patient {PatientId} (version {Version}); patient told: {Told}.",
            caller.TherapistId, patient.Id, next.Version, told);
        return TypedResults.Ok(PrescriptionDto.From(next));
    }

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}

/// <summary>What approving a progression needs besides the database: reminders to resync, and the patient's chat.</summary>
internal sealed record ProgressionServices(IReminderSchedule Reminders, IChatNotifier Notifier, Phrases Phrases, ILogger<ProgressionServices> Logger);
