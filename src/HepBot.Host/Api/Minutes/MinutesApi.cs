using HepBot.Core.Billing;
using HepBot.Host.Authentication;
using HepBot.Host.Billing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HepBot.Host.Api.Minutes;

public sealed record MinutesDto(Guid Id, DateOnly Date, int Minutes, string Activity, bool RealTimeInteraction, Guid TherapistId,
    Guid? MessageId, DateTimeOffset CreatedAt)
{
    public static MinutesDto From(TreatmentMinutes m) =>
        new(m.Id, m.Date, m.Minutes, m.Activity, m.RealTimeInteraction, m.TherapistId, m.MessageId, m.CreatedAt);
}

/// <summary>The clinician minutes log of a patient, which the month report's treatment-management codes count.</summary>
internal static class MinutesApi
{
    public static IEndpointRouteBuilder MapMinutesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/patients/{id:guid}/minutes").RequireAuthorization().WithTags("Minutes");
        api.MapGet("/", ListMinutes)
            .WithSummary("List logged minutes")
            .WithDescription("The clinician minutes logged for the patient, newest first; from and to (patient-local dates) narrow them. The month report's treatment-management codes count these.");
        api.MapPost("/", LogMinutes)
            .WithSummary("Log minutes")
            .WithDescription("Time spent on the patient's remote monitoring on a day (up to the patient's today): whole minutes, what was done, and whether it was a real-time interaction.");
        api.MapDelete("/{entryId:guid}", DeleteMinutes)
            .WithSummary("Delete a minutes entry")
            .WithDescription("Removes an entry logged in error.");
        return app;
    }

    /// <summary>The entries, newest first; <c>from</c>/<c>to</c> (patient-local dates) narrow them.</summary>
    public static async Task<Results<Ok<List<MinutesDto>>, NotFound>> ListMinutes(Guid id, [System.ComponentModel.Description("The first day to list (yyyy-MM-dd), inclusive")] DateOnly? from, [System.ComponentModel.Description("The last day to list (yyyy-MM-dd), inclusive")] DateOnly? to, ApiCaller caller,
        TreatmentMinutesLog log, CancellationToken ct) =>
        await log.ListAsync(caller, id, from, to, ct) is { } entries
            ? TypedResults.Ok(entries.Select(MinutesDto.From).ToList())
            : TypedResults.NotFound();

    public static async Task<Results<Created<MinutesDto>, NotFound, ValidationProblem>> LogMinutes(Guid id, LogMinutesRequest request,
        ApiCaller caller, TreatmentMinutesLog log, CancellationToken ct)
    {
        var result = await log.AddAsync(caller, id, request, ct);
        if (result is not var (entry, errors))
            return TypedResults.NotFound();
        if (entry is null)
            return errors.ToProblem();
        return TypedResults.Created($"/api/v1/patients/{id}/minutes", MinutesDto.From(entry));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteMinutes(Guid id, Guid entryId, ApiCaller caller, TreatmentMinutesLog log,
        CancellationToken ct) =>
        await log.DeleteAsync(caller, id, entryId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
