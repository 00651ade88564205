using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HepBot.Host.Api.Templates;

internal static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1").RequireAuthorization().WithTags("Templates");
        api.MapGet("/templates", ListTemplates)
            .WithSummary("List program templates")
            .WithDescription("The caller's clinic's templates, by name.");
        api.MapPost("/templates", CreateTemplate)
            .WithSummary("Create a program template")
            .WithDescription("A named program (exercises as PUT prescription takes them, sessions per day and training days, no dates) for the whole clinic. Names are unique within the clinic.");
        api.MapPost("/patients/{id:guid}/prescription/from-template", ApplyTemplate)
            .WithSummary("Prescribe from a template")
            .WithDescription("The patient's next prescription version from a template, from startDate (default: the patient's today) to an optional endDate, by the same rules as PUT prescription.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The caller's clinic's templates by name.</summary>
    public static async Task<Ok<List<TemplateDto>>> ListTemplates(ApiCaller caller, HepBotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await ProgramTemplates.ListAsync(db, caller, cancellationToken)).Select(TemplateDto.From).ToList());

    public static async Task<Results<Created<TemplateDto>, ValidationProblem>> CreateTemplate(
        CreateTemplateRequest request, ApiCaller caller, HepBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var template = await ProgramTemplates.AddAsync(db, caller, request, clock.GetUtcNow(), errors, cancellationToken);
        if (template is null)
            return errors.ToProblem();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created("/api/v1/templates", TemplateDto.From(template));
    }

    /// <summary>The patient's next prescription version from a template: the same path (rules, audit, reminders) as PUT prescription.</summary>
    public static async Task<Results<Ok<PrescriptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> ApplyTemplate(
        Guid id, ApplyTemplateRequest request, ApiCaller caller, HepBotDbContext db, TimeProvider clock,
        IReminderSchedule reminders, ILogger<PrescribeRequest> logger, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.TemplateId is not { } templateId || await ProgramTemplates.FindAsync(db, caller, templateId, cancellationToken) is not { } template)
        {
            var errors = new FieldErrors();
            errors.Add("templateId", "No such template in your clinic (GET /api/v1/templates lists them).");
            return errors.ToProblem();
        }
        var result = await PrescriptionsApi.Prescribe(id, ProgramTemplates.ToPrescribeRequest(template, request.StartDate, request.EndDate),
            caller, db, clock, reminders, logger, http, cancellationToken);
        return result.Result switch
        {
            Ok<PrescriptionDto> ok => ok,
            NotFound notFound => notFound,
            ValidationProblem problem => problem,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }
}
