using System.Globalization;
using HepBot.Core.Adherence;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Adherence;
using HepBot.Host.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Api.Adherence;

/// <summary>Data days in the current 30-day remote-monitoring period, counted from the day the patient linked.</summary>
public sealed record MonitoringPeriodDto(DateOnly From, DateOnly To, int DataDays);

public sealed record AdherenceDto(
    DateOnly From,
    DateOnly To,
    int SessionsPlanned,
    int SessionsDone,
    int ExercisesPrescribed,
    int ExercisesDone,
    int PlannedDays,
    int DaysDone,
    double? SessionAdherence,
    double? ExerciseAdherence,
    int DataDays,
    int CurrentStreak,
    int BestStreak,
    double? BaselinePain,
    double? RecentPain,
    PainTrend PainTrend,
    IReadOnlyDictionary<string, int> Barriers,
    MonitoringPeriodDto? MonitoringPeriod,
    int CalendarMonthDataDays);

internal static class AdherenceApi
{
    public const int MaxDays = 90;
    private static readonly DateOnly EarliestMonth = new(2000, 1, 1);

    public static IEndpointRouteBuilder MapAdherenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/v1/patients/{id:guid}").RequireAuthorization().WithTags("Adherence")
            .MapGet("/adherence", GetAdherence)
            .WithSummary("Get a patient's adherence")
            .WithDescription("Sessions and exercises planned and done, streaks, pain trend and barriers over the last days patient-local days (1-90, default 7) or over the calendar month month=YYYY-MM (not both), with the remote-monitoring data days.");
        return app;
    }

    /// <summary>
    /// Adherence over the last <c>days</c> patient-local days up to today (1–90, default 7), or over the
    /// calendar month <c>month=YYYY-MM</c>.
    /// </summary>
    public static async Task<Results<Ok<AdherenceDto>, NotFound, ValidationProblem>> GetAdherence(
        Guid id, [System.ComponentModel.Description("The window in days ending today (default 7); not with month")] int? days, [System.ComponentModel.Description("A calendar month as yyyy-MM instead of a window of days")] string? month, ApiCaller caller, HepBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (days is not null && month is not null)
            errors.Add("month", "Give either days or month, not both.");
        if (days is < 1 or > MaxDays)
            errors.Add("days", $"Days must be between 1 and {MaxDays}.");
        DateOnly monthStart = default;
        if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out monthStart))
            errors.Add("month", "Month must look like 2026-03.");
        if (errors.Any)
            return errors.ToProblem();

        var patient = await db.Patients.VisibleTo(caller).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
            return TypedResults.NotFound();

        var now = clock.GetUtcNow();
        var today = PatientClock.LocalDate(now, patient.TimeZoneId);
        if (month is not null && (monthStart < EarliestMonth || monthStart > new DateOnly(today.Year, today.Month, 1)))
        {
            errors.Add("month", $"Month must be between {EarliestMonth:yyyy-MM} and this month ({today:yyyy-MM}).");
            return errors.ToProblem();
        }
        var window = month is null ? DateSpan.Last(days ?? 7, today) : DateSpan.CalendarMonth(monthStart.Year, monthStart.Month);
        // Streaks run from the program's start, so the whole history up to today is read.
        var history = await AdherenceHistoryReader.ReadAsync(db, id, new DateSpan(DateOnly.MinValue, today), cancellationToken);
        var report = AdherenceCalculator.Calculate(history, window, today);

        MonitoringPeriodDto? monitoring = null;
        if (patient.LinkedAt is { } linkedAt)
        {
            var period = DateSpan.MonitoringPeriod(PatientClock.LocalDate(linkedAt, patient.TimeZoneId), today);
            monitoring = new(period.From, period.To, AdherenceCalculator.Calculate(history, period, today).DataDays);
        }
        var calendarMonth = AdherenceCalculator.Calculate(history, DateSpan.CalendarMonth(today.Year, today.Month), today).DataDays;

        db.Audit(caller.Actor, AuditAction.Read, nameof(Patient) + ".Adherence", id, id, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AdherenceDto(
            window.From, window.To, report.SessionsPlanned, report.SessionsDone, report.ExercisesPrescribed, report.ExercisesDone,
            report.PlannedDays, report.DaysDone, report.SessionAdherence, report.ExerciseAdherence, report.DataDays,
            report.CurrentStreak, report.BestStreak, report.BaselinePain, report.RecentPain, report.PainTrend,
            report.Barriers.ToDictionary(b => FieldErrors.JsonName(b.Key.ToString()), b => b.Value),
            monitoring, calendarMonth));
    }
}
