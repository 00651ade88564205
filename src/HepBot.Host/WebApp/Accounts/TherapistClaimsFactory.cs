using System.Security.Claims;
using HepBot.Data;
using HepBot.Data.Accounts;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.WebApp.Accounts;

/// <summary>
/// The sign-in cookie carries the same therapist, clinic and role claims as an API key, so both
/// authentication schemes produce the same <see cref="ApiCaller"/> and meet the same access rules.
/// </summary>
internal sealed class TherapistClaimsFactory(UserManager<TherapistAccount> users, IOptions<IdentityOptions> options, HepBotDbContext db)
    : UserClaimsPrincipalFactory<TherapistAccount>(users, options)
{
    public const string LocaleClaim = "hepbot:locale";
    public const string NameClaim = "hepbot:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TherapistAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var therapist = await db.Therapists.AsNoTracking().SingleAsync(t => t.Id == user.Id);
        identity.AddClaims(ApiCaller.ClaimsFor(therapist.Id, therapist.ClinicId, therapist.Role));
        identity.AddClaim(new Claim(LocaleClaim, therapist.Locale));
        identity.AddClaim(new Claim(NameClaim, therapist.Name));
        return identity;
    }
}
