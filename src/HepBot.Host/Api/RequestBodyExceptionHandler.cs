using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace HepBot.Host.Api;

/// <summary>
/// Turns a request body that cannot be read (malformed JSON, a wrong type, a missing body) into a 400
/// problem naming the field, instead of an empty 400. Needs RouteHandlerOptions.ThrowOnBadRequest.
/// </summary>
internal sealed class RequestBodyExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;

        var errors = new FieldErrors();
        if (badRequest.InnerException is JsonException json)
            errors.Add(FieldOf(json.Path), "This is not valid JSON, or the value has the wrong type.");
        else
            errors.Add("body", badRequest.Message);

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = errors.ToProblem().ProblemDetails;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>"$.items[0].sets" → "items[0].sets"; the whole document → "body".</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" || !path.StartsWith("$.", StringComparison.Ordinal) ? "body" : path[2..];
}
