using HepBot.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HepBot.Host.Api;

/// <summary>
/// A save that lost a race with another request (a unique value taken meanwhile, a row changed since it was
/// read) is a 409 problem, or a 412 when the client sent If-Match: its copy is stale. The transaction was
/// rolled back, so nothing of the request was written.
/// </summary>
internal sealed class DatabaseConflictExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseConflicts.IsConflict(exception))
            return false;

        var stale = context.Request.Headers.ContainsKey(HeaderNames.IfMatch);
        context.Response.StatusCode = stale ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = context.Response.StatusCode,
                Title = stale ? "The resource changed since you read it." : "Another request changed this at the same time.",
                Detail = "Nothing was saved. Read it again and repeat the change if it still applies.",
            },
        });
    }
}
