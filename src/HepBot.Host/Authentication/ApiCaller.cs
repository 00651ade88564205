using HepBot.Data;
using System.Security.Claims;
using HepBot.Core.Clinics;

namespace HepBot.Host.Authentication;

/// <summary>
/// The therapist behind an authenticated request, from an API key or the web app's sign-in cookie (both
/// carry the same claims); bound into API handlers as a parameter, read by web app pages.
/// </summary>
public sealed record ApiCaller(Guid TherapistId, Guid ClinicId, bool IsClinicAdmin)
{
    public const string TherapistIdClaim = "hepbot:therapist";
    public const string ClinicIdClaim = "hepbot:clinic";
    public const string RoleClaim = "hepbot:role";

    /// <summary>The audit trail's actor: ids only.</summary>
    public string Actor => AuditTrail.Therapist(TherapistId);

    public static IEnumerable<Claim> ClaimsFor(Guid therapistId, Guid clinicId, TherapistRole role) =>
    [
        new(TherapistIdClaim, therapistId.ToString()),
        new(ClinicIdClaim, clinicId.ToString()),
        new(RoleClaim, role.ToString()),
    ];

    public static ValueTask<ApiCaller?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    public static ApiCaller? From(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TherapistIdClaim), out var therapist)
        && Guid.TryParse(user.FindFirstValue(ClinicIdClaim), out var clinic)
            ? new ApiCaller(therapist, clinic, user.FindFirstValue(RoleClaim) == nameof(TherapistRole.ClinicAdmin))
            : null;
}
