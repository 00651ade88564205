using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Data;
using HepBot.Data.Alerts;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Alerts;

/// <summary>An alert as the therapist sees it; <c>detail</c> holds the clinical facts behind it.</summary>
public sealed record AlertDto(
    Guid Id,
    Guid PatientId,
    string PatientName,
    AlertKind Kind,
    AlertSeverity Severity,
    string? Detail,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClearedAt)
{
    public static AlertDto From(Alert a, string patientName) =>
        new(a.Id, a.PatientId, patientName, a.Kind, a.Severity, a.Detail, a.CreatedAt, a.AcknowledgedAt, a.ClearedAt);
}

internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/alerts").RequireAuthorization().WithTags("Alerts");
        api.MapGet("/", ListAlerts);
        api.MapPost("/{id:guid}/acknowledge", Acknowledge);
        return app;
    }

    /// <summary>
    /// The alerts of the caller's patients (a clinic admin: the clinic's), newest first. <c>open=true</c>
    /// leaves out acknowledged and cleared ones.
    /// </summary>
    public static async Task<Ok<List<AlertDto>>> ListAlerts(bool? open, ApiCaller caller, HepBotDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
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
        return TypedResults.Ok(alerts.Select(x => AlertDto.From(x.Alert, x.DisplayName)).ToList());
    }

    /// <summary>Acknowledges an alert (again: no change). Pending chat and e-mail deliveries of it are then dropped.</summary>
    public static async Task<Results<Ok<AlertDto>, NotFound>> Acknowledge(Guid id, ApiCaller caller, HepBotDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
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
        return TypedResults.Ok(AlertDto.From(found.Alert, found.DisplayName));
    }
}
