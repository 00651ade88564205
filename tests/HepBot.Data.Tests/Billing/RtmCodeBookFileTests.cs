using HepBot.Core.Billing;
using HepBot.Data.Billing;

namespace HepBot.Data.Tests.Billing;

public class RtmCodeBookFileTests
{
    private static string BookPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HepBot.sln")))
                return Path.Combine(dir.FullName, "billing", "rtm-codes.yaml");
        }
        throw new InvalidOperationException($"No HepBot.sln above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void The_clinics_code_book_holds_the_2026_codes_and_thresholds()
    {
        var book = RtmCodeBookFile.Load(BookPath());

        Assert.Equal("CPT 2026", book.Rules);
        Assert.Equal(30, book.PeriodDays);
        Assert.Equal(
            [new DataDayCode("98975", book.DataDayCodes[0].Description, 2, null, true),
             new DataDayCode("98985", book.DataDayCodes[1].Description, 2, 15, false),
             new DataDayCode("98977", book.DataDayCodes[2].Description, 16, 30, false)],
            book.DataDayCodes);
        Assert.Equal(
            [new MinuteCode("98979", book.MinuteCodes[0].Description, 10, 19, null, true),
             new MinuteCode("98980", book.MinuteCodes[1].Description, 20, null, null, true),
             new MinuteCode("98981", book.MinuteCodes[2].Description, 20, null, 20, true)],
            book.MinuteCodes);
        Assert.All(book.AllCodes, c => Assert.Matches("^[0-9]{5}$", c));
    }

    [Fact]
    public void A_broken_book_is_refused_with_every_mistake()
    {
        const string yaml = """
            rules: CPT 2026
            periodDays: 30
            dataDayCodes:
              - code: "98985"
                maxDataDays: 15
              - code: "98977"
                minDataDays: 16
                maxDataDays: 45
            minuteCodes:
              - code: "98981"
                fromMinutes: 20
                toMinutes: 40
                eachFurther: 20
            """;

        var refused = Assert.Throws<RtmCodeBookException>(() => RtmCodeBookFile.Parse(new StringReader(yaml), "test.yaml"));

        Assert.Contains("dataDayCodes entry 1 (98985): minDataDays is missing.", refused.Errors);
        Assert.Contains(refused.Errors, e => e.StartsWith("code 98977: maxDataDays 45", StringComparison.Ordinal));
        Assert.Contains("code 98981: give either toMinutes (a range) or eachFurther (blocks), not both.", refused.Errors);
    }

    [Fact]
    public void An_unknown_setting_is_refused_with_its_line()
    {
        var refused = Assert.Throws<RtmCodeBookException>(() =>
            RtmCodeBookFile.Parse(new StringReader("rules: CPT 2026\nperiodDays: 30\nperiodDayz: 31\n"), "test.yaml"));

        Assert.StartsWith("line 3:", Assert.Single(refused.Errors));
    }
}
