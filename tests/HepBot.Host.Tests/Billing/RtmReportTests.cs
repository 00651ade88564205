using System.Net;
using HepBot.Core.Clinics;
using HepBot.Host.Api.Reports;
using HepBot.Host.Tests.Support;
using HepBot.Host.Tests.WebApp;

namespace HepBot.Host.Tests.Billing;

/// <summary>The remote-monitoring month report for February 2026, from the API and as the web app's CSV.</summary>
public sealed class RtmReportTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly February1 = new(2026, 2, 1), February28 = new(2026, 2, 28);

    [Fact]
    public async Task The_february_report_counts_each_patients_data_days_and_minutes_and_the_codes_they_support()
    {
        var therapist = await fixture.NewTherapistAsync();
        var nora = await RtmMonthSeed.SecondPeriodPatientAsync(fixture, therapist);
        var pablo = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, therapist);

        var report = await (await therapist.Client.GetAsync("/api/v1/reports/rtm?month=2026-02", Ct)).ReadAsync<RtmReportDto>();

        Assert.Equal("2026-02", report.Month);
        Assert.Equal("CPT 2026", report.Rules);
        Assert.Contains("does not replace the clinician's judgement", report.Notice);
        Assert.Equal([nora.Id, pablo.Id], report.Patients.Select(p => p.PatientId));

        var n = report.Patients[0];
        var noraPeriod = (From: new DateOnly(2026, 2, 4), To: new DateOnly(2026, 3, 5));
        Assert.Equal((noraPeriod.From, noraPeriod.To), (n.PeriodFrom!.Value, n.PeriodTo!.Value));
        Assert.True(n.PeriodComplete);
        Assert.Equal(nora.DataDaysBetween(February1, February28), n.MonthDataDays);
        Assert.Equal(7, n.MonthDataDays);
        Assert.Equal(nora.DataDaysBetween(noraPeriod.From, noraPeriod.To), n.PeriodDataDays);
        var noraMinutes = nora.Minutes.Where(m => m.Date.Month == 2).Sum(m => m.Minutes);
        Assert.Equal(noraMinutes, n.MonthMinutes);
        Assert.Equal(1, n.RealTimeInteractions);
        // 8 data days in a later period: device supply only; 45 minutes with a live call: the first 20 and one more full 20.
        Assert.Equal(["98985 x1", "98980 x1", "98981 x1"], n.Codes.Select(c => $"{c.Code} x{c.Units}"));

        var p = report.Patients[1];
        Assert.Equal((new DateOnly(2026, 2, 15), new DateOnly(2026, 3, 16)), (p.PeriodFrom!.Value, p.PeriodTo!.Value));
        Assert.False(p.PeriodComplete);
        Assert.Equal(pablo.DataDaysBetween(February1, February28), p.MonthDataDays);
        Assert.Equal(pablo.DataDaysBetween(p.PeriodFrom.Value, new DateOnly(2026, 3, 10)), p.PeriodDataDays);
        Assert.Equal(17, p.PeriodDataDays);
        Assert.Equal(["98975 x1", "98977 x1", "98979 x1"], p.Codes.Select(c => $"{c.Code} x{c.Units}"));
    }

    [Fact]
    public async Task A_therapist_sees_their_own_patients_in_the_report_and_a_clinic_admin_the_clinics()
    {
        var admin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin);
        var mine = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        var colleague = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        var elsewhere = await fixture.NewTherapistAsync();
        var nora = await RtmMonthSeed.SecondPeriodPatientAsync(fixture, mine);
        var pablo = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, colleague);
        await RtmMonthSeed.FirstPeriodPatientAsync(fixture, elsewhere, "Other clinic");

        var own = await (await mine.Client.GetAsync("/api/v1/reports/rtm?month=2026-02", Ct)).ReadAsync<RtmReportDto>();
        var clinic = await (await admin.Client.GetAsync("/api/v1/reports/rtm?month=2026-02", Ct)).ReadAsync<RtmReportDto>();

        Assert.Equal([nora.Id], own.Patients.Select(p => p.PatientId));
        Assert.Equal([nora.Id, pablo.Id], clinic.Patients.Select(p => p.PatientId));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("Feb 2026")]
    [InlineData("2026-04")]
    [InlineData("1999-12")]
    public async Task A_month_that_is_not_a_past_or_current_month_is_a_400_naming_month(string month)
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.GetAsync($"/api/v1/reports/rtm?month={Uri.EscapeDataString(month)}", Ct);

        await response.AssertValidationProblemAsync("month");
    }

    [Fact]
    public async Task The_csv_has_one_row_per_patient_and_code_with_the_supporting_counts_after_the_notice()
    {
        var web = await fixture.NewWebTherapistAsync();
        var nora = await RtmMonthSeed.SecondPeriodPatientAsync(fixture, web.Therapist);
        var pablo = await RtmMonthSeed.FirstPeriodPatientAsync(fixture, web.Therapist);
        var unbilled = await RtmMonthSeed.SeedAsync(fixture, web.Therapist, "=SUM(A1)", "UTC", new DateTime(2026, 2, 27, 9, 0, 0), [], []);
        var session = await WebSession.SignedInAsync(fixture.Host, web);

        var response = await session.Client.GetAsync("/app/reports/rtm.csv?month=2026-02", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("This report supports billing", lines[0]);
        Assert.Contains("does not replace the clinician's judgement", lines[0]);
        Assert.Equal("month,patient_id,patient,therapist,code,units,description,period_from,period_to,period_complete,period_data_days,month_data_days,month_minutes,real_time_interactions", lines[1]);
        var rows = lines[2..].Select(CsvFields).ToList();
        string[] Row(Guid patient, string code) => Assert.Single(rows, r => r[1] == patient.ToString() && r[4] == code);

        Assert.Equal(7, rows.Count);
        Assert.Equal(["98985", "98980", "98981"], rows.Where(r => r[1] == nora.Id.ToString()).Select(r => r[4]));
        Assert.Equal(["98975", "98977", "98979"], rows.Where(r => r[1] == pablo.Id.ToString()).Select(r => r[4]));
        var supply = Row(nora.Id, "98985");
        Assert.Equal(["2026-02", "Nora", "Therapist"], new[] { supply[0], supply[2], supply[3] });
        // The counts as the test works them out from what it seeded, not as the report says.
        string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string MonthMinutes(SeededRtmPatient p) => Count(p.Minutes.Where(m => m.Date >= February1 && m.Date <= February28).Sum(m => m.Minutes));
        Assert.Equal(["1", "2026-02-04", "2026-03-05", "yes",
                Count(nora.DataDaysBetween(new DateOnly(2026, 2, 4), new DateOnly(2026, 3, 5))), Count(nora.DataDaysBetween(February1, February28)), MonthMinutes(nora), "1"],
            new[] { supply[5], supply[7], supply[8], supply[9], supply[10], supply[11], supply[12], supply[13] });
        Assert.Equal(["8", "7", "45"], new[] { supply[10], supply[11], supply[12] });
        var setUp = Row(pablo.Id, "98975");
        Assert.Equal(["no", Count(pablo.DataDaysBetween(new DateOnly(2026, 2, 15), new DateOnly(2026, 3, 10))), Count(pablo.DataDaysBetween(February1, February28)), MonthMinutes(pablo), "1"],
            new[] { setUp[9], setUp[10], setUp[11], setUp[12], setUp[13] });
        Assert.Equal(["17", "14", "12"], new[] { setUp[10], setUp[11], setUp[12] });
        // A patient whose data supports no code is listed once with an empty code, and a name cannot become a formula.
        var none = Assert.Single(rows, r => r[1] == unbilled.Id.ToString());
        Assert.Equal("", none[4]);
        Assert.Equal("'=SUM(A1)", none[2]);
    }

    /// <summary>The fields of one CSV line (RFC 4180 quoting).</summary>
    private static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }

    [Fact]
    public async Task The_report_page_states_the_notice_and_lists_the_counts()
    {
        var web = await fixture.NewWebTherapistAsync();
        var nora = await RtmMonthSeed.SecondPeriodPatientAsync(fixture, web.Therapist);
        var session = await WebSession.SignedInAsync(fixture.Host, web);

        var (status, encoded, _) = await session.GetAsync("/app/reports/rtm?month=2026-02");
        var html = WebUtility.HtmlDecode(encoded);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("It does not replace the clinician's judgement", html);
        Assert.Contains($"data-patient=\"{nora.Id}\"", html);
        Assert.Contains("98985 × 1, 98980 × 1, 98981 × 1", html);
    }
}
