using System.Globalization;
using System.Text;
using HepBot.Core.Adherence;
using HepBot.Core.Billing;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Billing;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Billing;

/// <summary>One patient's line of the month report.</summary>
public sealed record RtmReportRow(Guid PatientId, string PatientName, string TherapistName, string TimeZoneId, DateOnly? MonitoringStart,
    RtmPatientMonth Month);

public sealed record RtmReport(int Year, int Month, string Rules, IReadOnlyList<RtmReportRow> Patients)
{
    public string MonthText => $"{Year:D4}-{Month:D2}";
}

/// <summary>
/// The remote therapeutic monitoring month report, for the web app, its CSV and <c>GET /api/v1/reports/rtm</c>:
/// the caller's patients (a clinic admin's: the clinic's) whose monitoring began by the month's end or who have
/// minutes logged in it, each with their counts and the codes they support (<see cref="RtmMonthCalculator"/>).
/// </summary>
internal sealed class RtmReportService(HepBotDbContext db, RtmCodes codes, TimeProvider clock)
{
    public static readonly DateOnly EarliestMonth = new(2000, 1, 1);

    /// <summary>The month from "YYYY-MM", or null with the reason; months run from 2000-01 to this month in the clinic's zone.</summary>
    public async Task<(DateOnly? Month, string? Error)> ParseMonthAsync(ApiCaller caller, string? text, CancellationToken ct)
    {
        var today = await ClinicTodayAsync(caller, ct);
        if (string.IsNullOrWhiteSpace(text))
            return (new DateOnly(today.Year, today.Month, 1), null);
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return (null, "Month must look like 2026-03.");
        if (month < EarliestMonth || month > new DateOnly(today.Year, today.Month, 1))
            return (null, $"Month must be between {EarliestMonth:yyyy-MM} and this month ({today:yyyy-MM}).");
        return (month, null);
    }

    public async Task<DateOnly> ClinicTodayAsync(ApiCaller caller, CancellationToken ct)
    {
        var zone = await db.Clinics.Where(c => c.Id == caller.ClinicId).Select(c => c.DefaultTimeZone).SingleAsync(ct);
        return PatientClock.LocalDate(clock.GetUtcNow(), PatientClock.IsKnownZone(zone) ? zone : "UTC");
    }

    public async Task<RtmReport> BuildAsync(ApiCaller caller, DateOnly month, CancellationToken ct)
    {
        var book = codes.Book;
        var span = DateSpan.CalendarMonth(month.Year, month.Month);
        var endUtc = new DateTimeOffset(span.To.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var patients = await db.Patients.VisibleTo(caller).AsNoTracking()
            .Where(p => (p.LinkedAt != null && p.LinkedAt < endUtc)
                || db.TreatmentMinutes.Any(m => m.PatientId == p.Id && m.Date >= span.From && m.Date <= span.To))
            .Select(p => new { p.Id, p.DisplayName, p.TimeZoneId, p.LinkedAt, Therapist = p.Therapist!.Name })
            .ToListAsync(ct);
        var ids = patients.Select(p => p.Id).ToList();
        var minutes = (await db.TreatmentMinutes.AsNoTracking()
                .Where(m => ids.Contains(m.PatientId) && m.Date >= span.From && m.Date <= span.To)
                .Select(m => new { m.PatientId, m.Date, m.Minutes, m.RealTimeInteraction })
                .ToListAsync(ct))
            .ToLookup(m => m.PatientId, m => new RtmMinutesEntry(m.Date, m.Minutes, m.RealTimeInteraction));
        // The monitoring period current at the month's end began at most PeriodDays - 1 days before it, and ends as many after.
        var dataDays = await DataDayReader.ReadAsync(db, patients.ToDictionary(p => p.Id, p => p.TimeZoneId),
            span.From.AddDays(1 - book.PeriodDays), span.To.AddDays(book.PeriodDays - 1), ct);

        var now = clock.GetUtcNow();
        var rows = patients.Select(p =>
        {
            DateOnly? start = p.LinkedAt is { } linked ? PatientClock.LocalDate(linked, p.TimeZoneId) : null;
            var facts = new RtmPatientFacts(start, dataDays[p.Id], minutes[p.Id].ToList());
            var result = RtmMonthCalculator.Calculate(book, facts, month.Year, month.Month, PatientClock.LocalDate(now, p.TimeZoneId));
            return new RtmReportRow(p.Id, p.DisplayName, p.Therapist, p.TimeZoneId, start, result);
        }).OrderBy(r => r.PatientName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.PatientId).ToList();

        foreach (var row in rows)
            db.AuditRead(caller, "RtmReport", row.PatientId, row.PatientId, now);
        await db.SaveChangesAsync(ct);
        return new RtmReport(month.Year, month.Month, book.Rules, rows);
    }

    public const string CsvHeader =
        "month,patient_id,patient,therapist,code,units,description,period_from,period_to,period_complete,period_data_days,month_data_days,month_minutes,real_time_interactions";

    /// <summary>
    /// One row per patient and supported code (a patient with none gets one row with an empty code, so no one is
    /// missing), after a first line stating what the report is for.
    /// </summary>
    public static string ToCsv(RtmReport report, string notice)
    {
        var csv = new StringBuilder();
        csv.Append(Field(notice)).Append("\r\n");
        csv.Append(CsvHeader).Append("\r\n");
        foreach (var row in report.Patients)
        {
            var m = row.Month;
            var codes = m.Codes.Count == 0 ? [new RtmCodeSupport("", "", 0)] : m.Codes;
            foreach (var code in codes)
            {
                string[] fields =
                [
                    report.MonthText, row.PatientId.ToString(), row.PatientName, row.TherapistName, code.Code,
                    code.Units.ToString(CultureInfo.InvariantCulture), code.Description,
                    m.Period?.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    m.Period?.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    m.Period is null ? "" : m.PeriodComplete ? "yes" : "no",
                    m.PeriodDataDays.ToString(CultureInfo.InvariantCulture), m.MonthDataDays.ToString(CultureInfo.InvariantCulture),
                    m.MonthMinutes.ToString(CultureInfo.InvariantCulture), m.RealTimeInteractions.ToString(CultureInfo.InvariantCulture),
                ];
                csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
            }
        }
        return csv.ToString();
    }

    /// <summary>A CSV field: quoted when needed, and a leading = + - @ defused so a spreadsheet does not run it as a formula.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
