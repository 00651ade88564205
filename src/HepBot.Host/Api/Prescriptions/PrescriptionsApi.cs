using HepBot.Core.Audit;
using HepBot.Core.Prescriptions;
using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Prescriptions;

internal static class PrescriptionsApi
{
    public static IEndpointRouteBuilder MapPrescriptionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/patients/{id:guid}").RequireAuthorization().WithTags("Prescriptions");
        api.MapGet("/prescription", GetCurrentPrescription)
            .WithSummary("Get the current program")
            .WithDescription("The patient's current prescription version: schedule, notes and exercises with doses. The ETag header is for If-Match on PUT. 404 when nothing is prescribed yet.");
        api.MapPut("/prescription", Prescribe)
            .WithSummary("Prescribe a program")
            .WithDescription("The whole program; it becomes the next version and the current one is kept as history. Each exercise by slug, the dose as dose or as flat fields (each omitted field takes the exercise's default). A program read with GET can be sent back as it is. With If-Match, a change made meanwhile is refused with 412; two PUTs racing give one 200 and one 409.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/prescriptions", ListPrescriptions)
            .WithSummary("List program versions")
            .WithDescription("Every prescription version of the patient, newest first.");
        return app;
    }

    public const string TagKind = "prescription";

    public static async Task<Results<Ok<PrescriptionDto>, NotFound>> GetCurrentPrescription(
        Guid id, ApiCaller caller, HepBotDbContext db, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!await db.Patients.VisibleTo(caller).AnyAsync(p => p.Id == id, cancellationToken))
            return TypedResults.NotFound();
        var current = await WithItems(db).SingleOrDefaultAsync(p => p.PatientId == id && p.SupersededAt == null, cancellationToken);
        if (current is null)
            return TypedResults.NotFound();
        db.Audit(caller.Actor, AuditAction.Read, nameof(Prescription), current.Id, id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(response, EntityTags.For(TagKind, current.Version));
        return TypedResults.Ok(PrescriptionDto.From(current));
    }

    /// <summary>
    /// The next version. With If-Match, only when the current version is still the one the client read; two
    /// PUTs racing for the same next version number get one 200 and one 409 (412 with If-Match).
    /// </summary>
    public static async Task<Results<Ok<PrescriptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Prescribe(
        Guid id, PrescribeRequest request, ApiCaller caller, HepBotDbContext db, TimeProvider clock,
        IReminderSchedule reminders, ILogger<PrescribeRequest> logger, HttpContext http, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.VisibleTo(caller).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
            return TypedResults.NotFound();
        var currentVersion = await db.Prescriptions.Where(p => p.PatientId == id && p.SupersededAt == null)
            .Select(p => (int?)p.Version).MaxAsync(cancellationToken);
        if (!EntityTags.Matches(http.Request, currentVersion is { } v ? EntityTags.For(TagKind, v) : null))
            return EntityTags.Stale();

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var prescription = await PrescriptionVersions.AddNextVersionAsync(db, patient, caller.TherapistId, request, now, errors, cancellationToken);
        if (prescription is null)
            return errors.ToProblem();
        db.Audit(caller.Actor, AuditAction.Create, nameof(Prescription), prescription.Id, id, now);
        await db.SaveChangesAsync(cancellationToken);
        await reminders.OnPatientChangedAsync(id, cancellationToken);
        logger.LogInformation("Therapist {TherapistId} prescribed version {Version} for patient {PatientId}.",
            caller.TherapistId, prescription.Version, id);
        EntityTags.Set(http.Response, EntityTags.For(TagKind, prescription.Version));
        return TypedResults.Ok(PrescriptionDto.From(prescription));
    }

    /// <summary>Every version, newest first.</summary>
    public static async Task<Results<Ok<List<PrescriptionDto>>, NotFound>> ListPrescriptions(
        Guid id, ApiCaller caller, HepBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Patients.VisibleTo(caller).AnyAsync(p => p.Id == id, cancellationToken))
            return TypedResults.NotFound();
        var history = await WithItems(db).Where(p => p.PatientId == id).OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var prescription in history)
            db.Audit(caller.Actor, AuditAction.Read, nameof(Prescription), prescription.Id, id, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(history.Select(PrescriptionDto.From).ToList());
    }

    private static IQueryable<Prescription> WithItems(HepBotDbContext db) =>
        db.Prescriptions.AsNoTracking().AsSplitQuery().Include(p => p.Items).ThenInclude(i => i.Exercise);
}
