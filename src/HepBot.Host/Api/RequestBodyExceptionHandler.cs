using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace HepBot.Host.Api;

/// <summary>
/// Turns a request body that cannot be read (malformed JSON, a wrong type, a missing body) into a 400
/// problem naming the field, instead of an empty 400. Needs RouteHandlerOptions.ThrowOnBadRequest.
/// </summary>
internal sealed partial class RequestBodyExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;

        var errors = new FieldErrors();
        if (badRequest.InnerException is JsonException json)
        {
            var (field, message) = Describe(json);
            errors.Add(field, message);
        }
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

    private static (string Field, string Message) Describe(JsonException json)
    {
        if ((json as EnumValueException ?? json.InnerException as EnumValueException) is { } enumValue)
            return (FieldOf(json.Path), enumValue.Allowed);
        // System.Text.Json names an unknown field only in its message: "The JSON property 'x' could not be mapped ...".
        if (UnmappedProperty().Match(json.Message) is { Success: true } unmapped)
        {
            var parent = FieldOf(json.Path);
            var name = unmapped.Groups[1].Value;
            var field = parent == "body" ? name : parent.EndsWith("." + name, StringComparison.Ordinal) || parent == name ? parent : $"{parent}.{name}";
            return (field, "This field is not part of the request; check its spelling against the API description.");
        }
        return (FieldOf(json.Path), "This is not valid JSON, or the value has the wrong type.");
    }

    [GeneratedRegex("^The JSON property '(.{1,200}?)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    /// <summary>"$.items[0].sets" → "items[0].sets"; the whole document → "body".</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" || !path.StartsWith("$.", StringComparison.Ordinal) ? "body" : path[2..];
}
