using HepBot.Host.Authentication;
using HepBot.Host.WebApp;

namespace HepBot.Host.Programs;

/// <summary>GET /api/v1/patients/{id}/program.pdf and the web app's /app/patients/{id}/program.pdf: the same sheet, the same access rule.</summary>
internal static class ProgramSheetEndpoints
{
    public static string AppPath(Guid patientId) => $"{WebAppHosting.BasePath}/patients/{patientId}/program.pdf";

    public static void MapProgramSheet(this WebApplication app)
    {
        app.MapGet("api/v1/patients/{id:guid}/program.pdf", (Guid id, ApiCaller caller, ProgramSheet sheet, CancellationToken ct) => PdfAsync(id, caller, sheet, ct))
            .RequireAuthorization().WithTags("Prescriptions")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The patient's current program as a printable PDF")
            .WithDescription("Clinic, exercises with their pictures, plain dose words, steps and notes; the open invitation's QR code while the patient has no linked chat. 404 for a patient the caller does not see or without a program.");
        app.MapGet(WebAppHosting.BasePath + "/patients/{id:guid}/program.pdf", (Guid id, HttpContext http, ProgramSheet sheet, CancellationToken ct) =>
                ApiCaller.From(http.User) is { } caller ? PdfAsync(id, caller, sheet, ct) : Task.FromResult<IResult>(TypedResults.NotFound()))
            .RequireAuthorization(WebAppHosting.Policy).ExcludeFromDescription();
    }

    private static async Task<IResult> PdfAsync(Guid id, ApiCaller caller, ProgramSheet sheet, CancellationToken ct) =>
        await sheet.BuildAsync(caller, id, ct) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", "hepbot-program.pdf")
            : TypedResults.NotFound();
}
