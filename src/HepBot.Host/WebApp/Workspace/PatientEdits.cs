using HepBot.Core.Alerts;
using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Data.Alerts;
using HepBot.Host.Api.Patients;
using HepBot.Host.Authentication;
using HepBot.Host.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.WebApp.Workspace;

/// <summary>
/// The outcome of adding or changing a patient from the app: the patient's id, or the fields that failed the rules,
/// or <see cref="Stale"/>: the patient changed since the form was rendered (through the API, another tab) and nothing was saved.
/// <see cref="Current"/> is the patient as saved now, after a save or a refused stale one.
/// </summary>
public sealed record PatientEditResult(Guid? PatientId, IReadOnlyList<string> InvalidFields, bool NotFound = false, bool Stale = false,
    HepBot.Core.Patients.Patient? Current = null)
{
    public bool Saved => PatientId is not null;
}

/// <summary>
/// Adding and changing patients from the app goes through the API's own handlers: the same validation,
/// audit and reminder resync, with no second copy of the rules. Only the field names of failures are
/// taken; the app words them in the therapist's language.
/// </summary>
internal sealed class PatientEdits(
    HepBotDbContext db, TimeProvider clock, IOptions<LocalizationOptions> localization, IOptions<AlertRuleOptions> alertRules,
    ILogger<PatientServices> logger, IReminderSchedule reminders)
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

    /// <summary>Changes the patient if it is still at <paramref name="version"/>, the version the form showed (none: refused as stale).</summary>
    public async Task<PatientEditResult> UpdateAsync(ApiCaller caller, Guid patientId, int? version, UpdatePatientRequest request, CancellationToken ct)
    {
        Results<Ok<PatientDto>, NotFound, ValidationProblem, ProblemHttpResult> result;
        try
        {
            result = await PatientsApi.ApplyPatientUpdate(patientId, request, caller, current => current == version, response: null, Services(ct));
        }
        catch (Exception e) when (DatabaseConflicts.IsConflict(e))
        {
            // Another save won the race after the version check: nothing of this one was written, and the
            // refused changes must not ride along with the page's next save.
            db.ChangeTracker.Clear();
            return new(null, [], Stale: true, Current: await CurrentAsync(caller, patientId, ct));
        }
        return result.Result switch
        {
            Ok<PatientDto> ok => new(ok.Value!.Id, [], Current: await CurrentAsync(caller, patientId, ct)),
            ValidationProblem problem => new(null, Fields(problem)),
            NotFound => new(null, [], NotFound: true),
            ProblemHttpResult { StatusCode: StatusCodes.Status412PreconditionFailed } => new(null, [], Stale: true, Current: await CurrentAsync(caller, patientId, ct)),
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }

    /// <summary>What a patient of the caller's clinic gets without overrides: the clinic's alert-rule defaults over the settings.</summary>
    public Task<AlertRuleOptions> ClinicRulesAsync(ApiCaller caller, CancellationToken ct) =>
        ClinicAlertRules.DefaultsAsync(db, caller.ClinicId, alertRules.Value, ct);

    /// <summary>The patient as stored now, not as this request's tracked copy remembers it.</summary>
    private Task<HepBot.Core.Patients.Patient?> CurrentAsync(ApiCaller caller, Guid patientId, CancellationToken ct) =>
        db.Patients.VisibleTo(caller).AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);

    private PatientServices Services(CancellationToken ct) => new(db, clock, localization, alertRules, logger, reminders, ct);

    /// <summary>"reminderTimes[1]" and "alertRules.noContactDays" are reported as "reminderTimes" and "alertRules.noContactDays".</summary>
    private static List<string> Fields(ValidationProblem problem) =>
        problem.ProblemDetails.Errors.Keys.Select(k => k.Split('[')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
}
