using HepBot.Core.Patients;
using HepBot.Host.Authentication;

namespace HepBot.Host.Api;

/// <summary>Who may see which patient.</summary>
internal static class PatientAccess
{
    /// <summary>A therapist sees their own patients; a clinic admin sees every patient of their clinic.</summary>
    public static IQueryable<Patient> VisibleTo(this IQueryable<Patient> patients, ApiCaller caller) =>
        caller.IsClinicAdmin
            ? patients.Where(p => p.ClinicId == caller.ClinicId)
            : patients.Where(p => p.ClinicId == caller.ClinicId && p.TherapistId == caller.TherapistId);
}
