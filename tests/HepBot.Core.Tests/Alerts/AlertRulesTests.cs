using HepBot.Core.Adherence;
using HepBot.Core.Alerts;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;

namespace HepBot.Core.Tests.Alerts;

public class AlertRulesTests
{
    private static readonly DateOnly Start = new(2026, 11, 2);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly ProgramPeriod Daily = new(Start, null, new PrescriptionSchedule(1, TrainingDays.Every, Start, null), 4);
    private static readonly AlertRuleOptions Defaults = new();

    private static SessionRecord Done(DateOnly day, params int[] pain) => new(day, 1, 4, 4, SessionStatus.Completed, pain);

    private static AdherenceHistory History(IEnumerable<SessionRecord> sessions) => new([Daily], sessions.ToList(), [], []);

    private static IEnumerable<SessionRecord> EveryDay(DateOnly from, DateOnly to, int pain = 2)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
            yield return Done(d, pain);
    }

    [Fact]
    public void A_patient_doing_everything_raises_nothing() =>
        Assert.Empty(AlertRules.Evaluate(History(EveryDay(Start, Today)), Today, Start, Defaults));

    [Fact]
    public void Three_missed_days_in_a_row_raise_a_missed_days_alert_but_today_does_not_count_yet()
    {
        var sessions = EveryDay(Start, Today.AddDays(-4));  // last done on the 16th; 17th–19th missed, today open

        var findings = AlertRules.Evaluate(History(sessions), Today, Start, Defaults);

        var missed = Assert.Single(findings, f => f.Kind == AlertKind.MissedDays);
        Assert.Equal("3 planned days in a row missed", missed.Detail);
        Assert.DoesNotContain(AlertRules.Evaluate(History(EveryDay(Start, Today.AddDays(-3))), Today, Start, Defaults),
            f => f.Kind == AlertKind.MissedDays);
    }

    [Fact]
    public void Adherence_below_half_over_the_last_week_raises_a_low_adherence_alert()
    {
        var sessions = EveryDay(Start, Today.AddDays(-8)).Concat([Done(Today.AddDays(-6)), Done(Today.AddDays(-2))]);

        var finding = Assert.Single(AlertRules.Evaluate(History(sessions), Today, Start, Defaults), f => f.Kind == AlertKind.LowAdherence);
        Assert.Equal("2 of 7 sessions done in the last 7 days", finding.Detail);
    }

    [Fact]
    public void A_clinic_may_set_its_own_threshold()
    {
        var sessions = EveryDay(Start, Today).Where(s => s.Date.Day % 3 != 0); // about two thirds done
        Assert.DoesNotContain(AlertRules.Evaluate(History(sessions), Today, Start, Defaults), f => f.Kind == AlertKind.LowAdherence);
        Assert.Contains(AlertRules.Evaluate(History(sessions), Today, Start, Defaults with { LowAdherenceBelow = 0.8 }),
            f => f.Kind == AlertKind.LowAdherence);
    }

    [Fact]
    public void Pain_rising_two_points_from_one_week_to_the_next_raises_an_alert()
    {
        var sessions = EveryDay(Today.AddDays(-13), Today.AddDays(-7), pain: 2).Concat(EveryDay(Today.AddDays(-6), Today, pain: 5));

        var finding = Assert.Single(AlertRules.Evaluate(History(sessions), Today, Start, Defaults), f => f.Kind == AlertKind.PainTrendingUp);
        Assert.Equal("Average pain rose from 2 to 5 out of 10 over two weeks", finding.Detail);
    }

    [Fact]
    public void No_answers_for_a_week_after_linking_raises_a_no_contact_alert()
    {
        var linked = Today.AddDays(-10);
        var findings = AlertRules.Evaluate(History([Done(linked)]), Today, linked, Defaults);

        Assert.Contains(findings, f => f.Kind == AlertKind.NoContact);
        Assert.DoesNotContain(AlertRules.Evaluate(History([]), Today, Today.AddDays(-3), Defaults), f => f.Kind == AlertKind.NoContact);
    }
}
