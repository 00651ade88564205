using System.Text;
using HepBot.Core.Audit;
using HepBot.Host.Authentication;
using HepBot.Host.Billing;
using HepBot.Host.WebApp.Workspace;

namespace HepBot.Host.WebApp;

/// <summary>The web app's CSV downloads: the month report and the clinic's audit trail, behind the same sign-in and rules as the pages.</summary>
internal static class ExportEndpoints
{
    public static void MapWebAppExports(this WebApplication app)
    {
        app.MapGet(WebAppHosting.BasePath + "/reports/rtm.csv", async (string? month, HttpContext http, RtmReportService reports, WebText text) =>
        {
            var caller = ApiCaller.From(http.User)!;
            var (parsed, error) = await reports.ParseMonthAsync(caller, month, http.RequestAborted);
            if (parsed is not { } start)
                return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
            var report = await reports.BuildAsync(caller, start, http.RequestAborted);
            var csv = RtmReportService.ToCsv(report, text["rtm.notice"]);
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
                $"hepbot-rtm-{report.MonthText}.csv");
        }).RequireAuthorization(WebAppHosting.Policy).ExcludeFromDescription();

        app.MapGet(WebAppHosting.BasePath + "/clinic/audit.csv", async (Guid? patient, Guid? therapist, AuditAction? action, DateOnly? from,
            DateOnly? to, HttpContext http, ClinicAdministration admin) =>
        {
            var caller = ApiCaller.From(http.User)!;
            if (!caller.IsClinicAdmin)
                return Results.NotFound();
            var csv = await admin.AuditCsvAsync(caller, new AuditFilter(patient, therapist, action, from, to), http.RequestAborted);
            return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "hepbot-audit.csv");
        }).RequireAuthorization(WebAppHosting.Policy).ExcludeFromDescription();
    }
}
