using HepBot.Conversations.Sessions;
using HepBot.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Progress;

/// <summary>
/// GET /media/progress/{token}.png: a patient's progress picture, drawn afresh from the database for each request and
/// never stored. No sign-in (Teams fetches card pictures itself); the signed token is the permission, and a token that
/// is unknown, changed or expired, or names a patient who is gone, gets 404.
/// </summary>
internal static class ProgressPictureEndpoint
{
    public static void AddProgressPictureLinks(this IServiceCollection services)
    {
        services.AddSingleton<ProgressPictureLinks>();
        services.AddSingleton<IProgressPictureLinks>(sp => sp.GetRequiredService<ProgressPictureLinks>());
    }

    public static void MapProgressPictures(this IEndpointRouteBuilder app) =>
        app.MapGet(ProgressPictureLinks.PathPrefix + "{token}.png", ServeAsync)
            .ExcludeFromDescription(); // a signed link HepBot puts in a Teams message, not part of the management API

    private static async Task<Results<FileContentHttpResult, NotFound>> ServeAsync(string token, HttpContext http, ProgressPictureLinks links,
        IDbContextFactory<HepBotDbContext> contexts, ProgressReader progress, ProgressPictures pictures, CancellationToken ct)
    {
        if (links.Read(token) is not { } request)
            return TypedResults.NotFound();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId, ct))
                return TypedResults.NotFound();
        }
        var report = await progress.ReadAsync(request.PatientId, request.Today, ct);
        // Drawn from what is recorded now, so nothing of the patient is kept by any cache on the way.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(pictures.Render(report.Picture, request.Language), ProgressPictures.ContentType);
    }
}
