using HepBot.Host.Authentication;
using HepBot.Host.Billing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HepBot.Host.Api.Reports;

public sealed record RtmCodeDto(string Code, string Description, int Units);

public sealed record RtmPatientDto(
    Guid PatientId,
    string Patient,
    string Therapist,
    DateOnly? MonitoringStart,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    bool PeriodComplete,
    int PeriodDataDays,
    int MonthDataDays,
    int MonthMinutes,
    int RealTimeInteractions,
    IReadOnlyList<RtmCodeDto> Codes);

/// <param name="Notice">What the report is for: it supports billing and does not replace the clinician's judgement.</param>
public sealed record RtmReportDto(string Month, string Rules, string Notice, IReadOnlyList<RtmPatientDto> Patients)
{
    public static RtmReportDto From(RtmReport report, string notice) => new(report.MonthText, report.Rules, notice,
        report.Patients.Select(r => new RtmPatientDto(r.PatientId, r.PatientName, r.TherapistName, r.MonitoringStart,
            r.Month.Period?.From, r.Month.Period?.To, r.Month.PeriodComplete, r.Month.PeriodDataDays, r.Month.MonthDataDays,
            r.Month.MonthMinutes, r.Month.RealTimeInteractions,
            r.Month.Codes.Select(c => new RtmCodeDto(c.Code, c.Description, c.Units)).ToList())).ToList());
}

internal static class RtmReportApi
{
    /// <summary>The notice's key in dialogs/&lt;language&gt;/web.yaml, shared with the page and the CSV.</summary>
    public const string NoticeKey = "web.rtm.notice";

    public static IEndpointRouteBuilder MapRtmReportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/v1/reports").RequireAuthorization().WithTags("Reports").MapGet("/rtm", GetRtmReport)
            .WithSummary("Get the monitoring month report")
            .WithDescription("The remote therapeutic monitoring report for month=YYYY-MM (default: this month): per patient, data days, minutes, real-time interactions and the codes they support. It supports billing; it does not replace the clinician's judgement.");
        return app;
    }

    /// <summary>The remote therapeutic monitoring month report, <c>month=YYYY-MM</c> (default: this month).</summary>
    public static async Task<Results<Ok<RtmReportDto>, ValidationProblem>> GetRtmReport([System.ComponentModel.Description("The calendar month as yyyy-MM (default: the current month in the clinic's time zone)")] string? month, ApiCaller caller, RtmReportService reports,
        HepBot.Conversations.Content.DialogTextCatalog texts, CancellationToken ct)
    {
        var (parsed, error) = await reports.ParseMonthAsync(caller, month, ct);
        if (parsed is not { } start)
        {
            var errors = new FieldErrors();
            errors.Add("month", error!);
            return errors.ToProblem();
        }
        return TypedResults.Ok(RtmReportDto.From(await reports.BuildAsync(caller, start, ct), texts.Get(texts.DefaultLanguage, NoticeKey)));
    }
}
