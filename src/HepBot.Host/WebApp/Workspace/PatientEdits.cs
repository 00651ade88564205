using HepBot.Core.Alerts;
using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Host.Api.Patients;
using HepBot.Host.Authentication;
using HepBot.Host.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HepBot.Host.WebApp.Workspace;

/// <summary>The outcome of adding or changing a patient from the app: the patient's id, or the fields that failed the rules.</summary>
public sealed record PatientEditResult(Guid? PatientId, IReadOnlyList<string> InvalidFields, bool NotFound = false);

/// <summary>
/// Adding and changing patients from the app goes through the API's own handlers: the same validation,
/// audit and reminder resync, with no second copy of the rules. Only the field names of failures are
/// taken; the app words them in the therapist's language.
/// </summary>
internal sealed class PatientEdits(
    HepBotDbContext db, TimeProvider clock, IOptions<LocalizationOptions> localization, IOptions<AlertRuleOptions> alertRules,
    ILogger<PatientServices> logger, IReminderSchedule reminders, IHttpContextAccessor http)
{
    public async Task<PatientEditResult> CreateAsync(ApiCaller caller, CreatePatientRequest request, CancellationToken ct)
    {
        var result = await PatientsApi.CreatePatient(request, caller, Services(ct));
        return result.Result switch
        {
            Created<PatientDto> created => new(created.Value!.Id, []),
            ValidationProblem problem => new(null, Fields(problem)),
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }

    public async Task<PatientEditResult> UpdateAsync(ApiCaller caller, Guid patientId, UpdatePatientRequest request, CancellationToken ct)
    {
        var result = await PatientsApi.UpdatePatient(patientId, request, caller,
            http.HttpContext ?? throw new InvalidOperationException("Patient edits run inside a request."), Services(ct));
        return result.Result switch
        {
            Ok<PatientDto> ok => new(ok.Value!.Id, []),
            ValidationProblem problem => new(null, Fields(problem)),
            NotFound => new(null, [], NotFound: true),
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }

    private PatientServices Services(CancellationToken ct) => new(db, clock, localization, alertRules, logger, reminders, ct);

    /// <summary>"reminderTimes[1]" and "alertRules.noContactDays" are reported as "reminderTimes" and "alertRules.noContactDays".</summary>
    private static List<string> Fields(ValidationProblem problem) =>
        problem.ProblemDetails.Errors.Keys.Select(k => k.Split('[')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
}
