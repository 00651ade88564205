using HepBot.Core.Linking;
using HepBot.Data;
using HepBot.Host.Authentication;
using HepBot.Host.WebApp;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Invitations;

/// <summary>The printable handout of a patient's open invitation, and its stylesheet, inside the web app.</summary>
internal static class InvitationHandoutEndpoints
{
    public const string StylesheetPath = WebAppHosting.BasePath + "/handout.css";

    public static string HandoutPath(Guid patientId, string code) => $"{WebAppHosting.BasePath}/patients/{patientId}/invitations/{code}/handout";

    public static void MapInvitationHandout(this WebApplication app)
    {
        app.MapGet(StylesheetPath, () => TypedResults.Text(InvitationMaterial.HandoutStyle, "text/css; charset=utf-8"))
            .RequireAuthorization(WebAppHosting.Policy).ExcludeFromDescription();
        app.MapGet(WebAppHosting.BasePath + "/patients/{id:guid}/invitations/{code}/handout", HandoutAsync)
            .RequireAuthorization(WebAppHosting.Policy).ExcludeFromDescription();
    }

    private static async Task<IResult> HandoutAsync(Guid id, string code, HttpContext http, HepBotDbContext db, InvitationMaterial material,
        TimeProvider clock, CancellationToken ct)
    {
        if (ApiCaller.From(http.User) is not { } caller || InvitationCode.Normalize(code) is not { } normalized)
            return TypedResults.NotFound();
        var patient = await db.Patients.VisibleTo(caller).Where(p => p.Id == id)
            .Join(db.Clinics, p => p.ClinicId, c => c.Id, (p, c) => new InvitedPatient(p.DisplayName, p.Locale, p.TimeZoneId, c.Name))
            .SingleOrDefaultAsync(ct);
        var invitation = patient is null ? null
            : await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Code == normalized && i.PatientId == id, ct);
        var now = clock.GetUtcNow();
        if (patient is null || invitation is null || invitation.StateAt(now) != InvitationState.Open)
            return TypedResults.NotFound();
        db.AuditRead(caller, nameof(Invitation), invitation.Id, id, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Text(material.Handout(material.Sheet(invitation, patient), StylesheetPath), "text/html; charset=utf-8");
    }
}
