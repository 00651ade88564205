using HepBot.Core.Time;
using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Data.Alerts;
using HepBot.Host.Authentication;
using HepBot.Host.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Api.Patients;

internal static class PatientsApi
{
    public static IEndpointRouteBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/patients").RequireAuthorization().WithTags("Patients");
        api.MapGet("/", ListPatients)
            .WithSummary("List patients")
            .WithDescription("The caller's patients (a clinic admin: the clinic's), oldest first, each with its alert thresholds as set and as in effect.");
        api.MapPost("/", CreatePatient)
            .WithSummary("Create a patient")
            .WithDescription("A new patient of the calling therapist. Only displayName is required; time zone defaults to the clinic's, locale to \"en\", and there are no reminder times until given (HH:mm, patient-local). Invite the patient next.");
        api.MapGet("/{id:guid}", GetPatient)
            .WithSummary("Get a patient")
            .WithDescription("One patient the caller may see. The ETag header is the version to send back in If-Match when changing it.");
        api.MapPatch("/{id:guid}", UpdatePatient)
            .WithSummary("Change a patient")
            .WithDescription("Changes only the fields given; the rest stay. Pause with pausedUntil (through that local date) or status \"paused\", resume with status \"active\". alertRules: a value sets a threshold, null clears it back to the clinic default. With If-Match, a stale copy is refused with 412; two changes racing give one 200 and one 409.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<List<PatientDto>>> ListPatients(ApiCaller caller, [AsParameters] PatientServices services)
    {
        var patients = await services.Db.Patients.VisibleTo(caller)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .ToListAsync(services.Cancellation);
        var now = services.Clock.GetUtcNow();
        foreach (var patient in patients)
            services.Db.Audit(caller.Actor, AuditAction.Read, nameof(Patient), patient.Id, patient.Id, now);
        await services.Db.SaveChangesAsync(services.Cancellation);
        var clinicRules = await services.ClinicRulesAsync(caller);
        return TypedResults.Ok(patients.Select(p => PatientDto.From(p, clinicRules)).ToList());
    }

    public static async Task<Results<Created<PatientDto>, ValidationProblem>> CreatePatient(
        CreatePatientRequest request, ApiCaller caller, [AsParameters] PatientServices services)
    {
        var errors = new FieldErrors();
        errors.CheckText("displayName", request.DisplayName, PatientRules.MaxDisplayNameLength, required: true);
        PatientRules.CheckTimeZone(errors, request.TimeZone);
        PatientRules.CheckLocale(errors, request.Locale, services.Localization.Value);
        var reminders = request.ReminderTimes is null ? [] : ReminderTimeRules.Parse(request.ReminderTimes, errors, "reminderTimes");
        if (errors.Any)
            return errors.ToProblem();

        var clinicZone = await services.Db.Clinics.Where(c => c.Id == caller.ClinicId)
            .Select(c => c.DefaultTimeZone).SingleAsync(services.Cancellation);
        var now = services.Clock.GetUtcNow();
        var patient = new Patient
        {
            ClinicId = caller.ClinicId,
            TherapistId = caller.TherapistId,
            DisplayName = request.DisplayName!.Trim(),
            TimeZoneId = request.TimeZone ?? clinicZone,
            Locale = request.Locale?.ToLowerInvariant() ?? "en",
            ReminderTimes = reminders!,
            CreatedAt = now,
        };
        services.Db.Patients.Add(patient);
        services.Db.Audit(caller.Actor, AuditAction.Create, nameof(Patient), patient.Id, patient.Id, now);
        await services.Db.SaveChangesAsync(services.Cancellation);
        await services.Reminders.OnPatientChangedAsync(patient.Id, services.Cancellation);
        services.Logger.LogInformation("Therapist {TherapistId} created patient {PatientId}.", caller.TherapistId, patient.Id);
        return TypedResults.Created($"/api/v1/patients/{patient.Id}", PatientDto.From(patient, await services.ClinicRulesAsync(caller)));
    }

    public const string TagKind = "patient";
    public const int MaxPauseDays = 366;

    public static async Task<Results<Ok<PatientDto>, NotFound>> GetPatient(
        Guid id, ApiCaller caller, HttpResponse response, [AsParameters] PatientServices services)
    {
        var patient = await services.Db.Patients.VisibleTo(caller).SingleOrDefaultAsync(p => p.Id == id, services.Cancellation);
        if (patient is null)
            return TypedResults.NotFound();
        services.Db.Audit(caller.Actor, AuditAction.Read, nameof(Patient), patient.Id, patient.Id, services.Clock.GetUtcNow());
        await services.Db.SaveChangesAsync(services.Cancellation);
        EntityTags.Set(response, EntityTags.For(TagKind, patient.Version));
        return TypedResults.Ok(PatientDto.From(patient, await services.ClinicRulesAsync(caller)));
    }

    /// <summary>
    /// Changes the given fields. The patient row carries a version: a PATCH from a stale copy (If-Match) is a
    /// 412, and two PATCHes racing are one 200 and one 409, never a blend of both.
    /// </summary>
    public static Task<Results<Ok<PatientDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdatePatient(
        Guid id, UpdatePatientRequest request, ApiCaller caller, HttpContext http, [AsParameters] PatientServices services) =>
        ApplyPatientUpdate(id, request, caller, version => EntityTags.Matches(http.Request, EntityTags.For(TagKind, version)), http.Response, services);

    /// <summary>
    /// The update itself, for the API (If-Match) and the app's settings form (the version it was rendered
    /// with): <paramref name="readCurrentVersion"/> says whether the caller's copy is the current version.
    /// </summary>
    internal static async Task<Results<Ok<PatientDto>, NotFound, ValidationProblem, ProblemHttpResult>> ApplyPatientUpdate(
        Guid id, UpdatePatientRequest request, ApiCaller caller, Func<int, bool> readCurrentVersion, HttpResponse? response, PatientServices services)
    {
        var patient = await services.Db.Patients.VisibleTo(caller).SingleOrDefaultAsync(p => p.Id == id, services.Cancellation);
        if (patient is null)
            return TypedResults.NotFound();
        if (!readCurrentVersion(patient.Version))
            return EntityTags.Stale();

        var errors = new FieldErrors();
        if (request.DisplayName is not null)
            errors.CheckText("displayName", request.DisplayName, PatientRules.MaxDisplayNameLength, required: true);
        PatientRules.CheckTimeZone(errors, request.TimeZone);
        PatientRules.CheckLocale(errors, request.Locale, services.Localization.Value);
        var reminders = request.ReminderTimes is null ? null : ReminderTimeRules.Parse(request.ReminderTimes, errors, "reminderTimes");
        if (request.Status is not (null or PatientStatus.Active or PatientStatus.Paused))
            errors.Add("status", "Status can be set to \"active\" or \"paused\".");
        if (request.Status == PatientStatus.Active && request.PausedUntil is not null)
            errors.Add("pausedUntil", "A patient set to active cannot also be paused until a date.");
        var now = services.Clock.GetUtcNow();
        // A zone already refused above is not used to work out the patient's today.
        var zone = request.TimeZone is { } asked && PatientRules.IsIanaTimeZone(asked) ? asked : patient.TimeZoneId;
        if (request.PausedUntil is { } until && until < PatientClock.LocalDate(now, zone))
            errors.Add("pausedUntil", "The pause must end today or later in the patient's time zone.");
        else if (request.PausedUntil is { } far && far.DayNumber - PatientClock.LocalDate(now, zone).DayNumber > MaxPauseDays)
            errors.Add("pausedUntil", $"A pause with an end date lasts at most {MaxPauseDays} days; use status \"paused\" to pause until resumed.");
        var alertRules = request.AlertRules?.ApplyTo(patient.AlertRuleOverrides);
        if (alertRules is not null)
            errors.AddRange("alertRules", alertRules.Validate());
        if (errors.Any)
            return errors.ToProblem();

        if (alertRules is not null)
            patient.AlertRuleOverrides = alertRules;
        if (request.DisplayName is not null)
            patient.DisplayName = request.DisplayName.Trim();
        if (request.TimeZone is not null)
            patient.TimeZoneId = request.TimeZone;
        if (request.Locale is not null)
            patient.Locale = request.Locale.ToLowerInvariant();
        if (reminders is not null)
            patient.ReminderTimes = reminders;
        if (request.Status == PatientStatus.Active)
        {
            patient.Status = PatientStatus.Active;
            patient.PausedUntil = null;
        }
        else if (request.Status == PatientStatus.Paused || request.PausedUntil is not null)
        {
            patient.Status = PatientStatus.Paused;
            patient.PausedUntil = request.PausedUntil;
        }

        services.Db.Audit(caller.Actor, AuditAction.Update, nameof(Patient), patient.Id, patient.Id, now);
        await services.Db.SaveChangesAsync(services.Cancellation);
        await services.Reminders.OnPatientChangedAsync(patient.Id, services.Cancellation);
        if (response is not null)
            EntityTags.Set(response, EntityTags.For(TagKind, patient.Version));
        return TypedResults.Ok(PatientDto.From(patient, await services.ClinicRulesAsync(caller)));
    }
}

/// <summary>What the patient handlers need, bundled so each handler's signature stays about the request.</summary>
internal sealed record PatientServices(
    HepBotDbContext Db,
    TimeProvider Clock,
    IOptions<LocalizationOptions> Localization,
    IOptions<AlertRuleOptions> AlertRules,
    ILogger<PatientServices> Logger,
    IReminderSchedule Reminders,
    CancellationToken Cancellation)
{
    /// <summary>The caller's clinic's alert thresholds (its defaults over the settings), which a patient's overrides sit on.</summary>
    public Task<AlertRuleOptions> ClinicRulesAsync(ApiCaller caller) => ClinicAlertRules.DefaultsAsync(Db, caller.ClinicId, AlertRules.Value, Cancellation);
}
