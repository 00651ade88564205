using HepBot.Conversations.Messages;
using HepBot.Core.Patients;
using HepBot.Data;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Messages;

/// <summary>The thread between a patient and their therapist: read it (marking the patient's messages read) and write to the patient.</summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/patients/{id:guid}/messages").RequireAuthorization().WithTags("Messages");
        api.MapGet("/", ListMessages)
            .WithSummary("Read the message thread")
            .WithDescription("The messages between the patient and therapists, newest first, by page (from 1) and pageSize. Reading marks the patient's messages read.");
        api.MapPost("/", SendMessage)
            .WithSummary("Write to the patient")
            .WithDescription("Sends text to the patient's chat and keeps it in the thread; deliveredAt is set once the chat took it.");
        return app;
    }

    public static async Task<Results<Ok<MessageThreadDto>, NotFound, ValidationProblem>> ListMessages(
        Guid id, ApiCaller caller, HepBotDbContext db, PatientMessageThread thread, CancellationToken ct,
        [System.ComponentModel.Description("The page, from 1 (default 1)")] int? page = null, [System.ComponentModel.Description("Messages per page: 1 to 200, default 50")] int? pageSize = null)
    {
        if (!await db.Patients.VisibleTo(caller).AnyAsync(p => p.Id == id, ct))
            return TypedResults.NotFound();
        var errors = new FieldErrors();
        if (page is < 1)
            errors.Add("page", "Pages start at 1 (the newest messages).");
        if (pageSize is < 1 or > PatientMessageThread.MaxPageSize)
            errors.Add("pageSize", $"Between 1 and {PatientMessageThread.MaxPageSize}.");
        if (errors.Any)
            return errors.ToProblem();

        var result = await thread.ReadAsync(caller.TherapistId, id, page ?? 1, pageSize ?? PatientMessageThread.DefaultPageSize, ct);
        return TypedResults.Ok(MessageThreadDto.From(result));
    }

    public static async Task<Results<Created<PatientMessageDto>, NotFound, ValidationProblem>> SendMessage(
        Guid id, SendMessageRequest request, ApiCaller caller, HepBotDbContext db, PatientMessageThread thread, CancellationToken ct)
    {
        if (!await db.Patients.VisibleTo(caller).AnyAsync(p => p.Id == id, ct))
            return TypedResults.NotFound();
        var errors = new FieldErrors();
        errors.CheckText("text", request.Text?.Trim(), PatientMessage.MaxLength, required: true);
        if (errors.Any)
            return errors.ToProblem();

        var message = await thread.SendToPatientAsync(caller.TherapistId, id, request.Text!, ct);
        return TypedResults.Created($"/api/v1/patients/{id}/messages", PatientMessageDto.From(message));
    }
}
