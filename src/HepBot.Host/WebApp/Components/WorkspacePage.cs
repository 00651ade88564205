using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Components;

namespace HepBot.Host.WebApp.Components;

/// <summary>
/// A signed-in page: the request's caller, from the same claims an API key gives, so pages meet
/// the access rules of /api/v1.
/// </summary>
public abstract class WorkspacePage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;

    protected ApiCaller Caller => ApiCaller.From(HttpContext.User)
        ?? throw new InvalidOperationException("A workspace page was rendered without a signed-in therapist.");

    protected CancellationToken Aborted => HttpContext.RequestAborted;
}
