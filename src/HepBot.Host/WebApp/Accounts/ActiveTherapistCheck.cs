using HepBot.Data;
using HepBot.Data.Accounts;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.WebApp.Accounts;

/// <summary>
/// Checks every signed-in request against the therapist's row, so a clinic admin's change applies at the next
/// page, not when the cookie runs out: a deactivated therapist is signed out, and a changed role is put in place.
/// </summary>
internal static class ActiveTherapistCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || ApiCaller.From(context.Principal) is not { } caller)
            return;
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<HepBotDbContext>();
        var therapist = await db.Therapists.AsNoTracking().Where(t => t.Id == caller.TherapistId)
            .Select(t => new { t.Role, t.ClinicId, t.DeactivatedAt }).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (therapist is null || therapist.DeactivatedAt is not null || therapist.ClinicId != caller.ClinicId)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (therapist.Role == Core.Clinics.TherapistRole.ClinicAdmin != caller.IsClinicAdmin)
        {
            var signIn = services.GetRequiredService<SignInManager<TherapistAccount>>();
            if (await signIn.UserManager.FindByIdAsync(caller.TherapistId.ToString()) is { } account)
            {
                context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(account));
                context.ShouldRenew = true;
            }
            else
            {
                context.RejectPrincipal();
            }
        }
    }
}

/// <summary>
/// Identity's "may this account sign in" question, answered by the therapist's row: a deactivated therapist's
/// right password is refused (sign-in reports it as not allowed), with no lockout to wait out.
/// </summary>
internal sealed class ActiveTherapistConfirmation(HepBotDbContext db) : IUserConfirmation<TherapistAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<TherapistAccount> manager, TherapistAccount user) =>
        db.Therapists.AnyAsync(t => t.Id == user.Id && t.DeactivatedAt == null);
}
