using HepBot.Conversations.Bot;
using HepBot.Conversations.Dialogs;
using HepBot.Core.Adherence;
using HepBot.Core.Sessions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// The week as the patient sees it (days done, streak, pain trend, the last four weeks) with the progress picture:
/// the "My progress" answer, and the
/// weekly check-in, which adds the barrier question when planned days were missed. Its buttons send
/// <c>/barrier &lt;reason&gt;</c>, which <see cref="CheckInBarrierDialog"/> answers.
/// </summary>
public sealed class WeekSummary(Phrases phrases, ProgressReader progress, ProgressPictures pictures)
{
    public const string BarrierCommand = "/barrier";

    public Task<PatientProgress> ReadAsync(Guid patientId, DateOnly today, CancellationToken ct) =>
        progress.ReadAsync(patientId, today, ct);

    public string Text(ITurnContext turn, PatientProgress report)
    {
        var week = report.ThisWeek;
        var trend = report.LastTwoWeeks;
        var lines = new List<string> { phrases.Get(turn, "progress.title") };
        lines.Add(week.PlannedDays == 0
            ? phrases.Get(turn, "progress.nothingYet")
            : phrases.Get(turn, "progress.daysDone", ("daysDone", week.DaysDone), ("daysPlanned", week.PlannedDays)));
        lines.Add(phrases.Get(turn, "progress.streak", ("days", week.CurrentStreak), ("best", week.BestStreak)));
        lines.Add(trend.PainTrend switch
        {
            PainTrend.Improving => phrases.Get(turn, "progress.painImproving", ("baseline", Round(trend.BaselinePain)), ("recent", Round(trend.RecentPain))),
            PainTrend.Worsening => phrases.Get(turn, "progress.painWorsening", ("baseline", Round(trend.BaselinePain)), ("recent", Round(trend.RecentPain))),
            PainTrend.Steady => phrases.Get(turn, "progress.painSteady", ("recent", Round(trend.RecentPain))),
            _ => phrases.Get(turn, "progress.painNoData"),
        });
        if (FourWeeks(turn, report.Picture) is { } fourWeeks)
            lines.Add(fourWeeks);
        return string.Join("\n", lines);
    }

    /// <summary>The picture's calendar in words: how many of the past days of the four weeks were done, skipped …; null when none was planned.</summary>
    private string? FourWeeks(ITurnContext turn, ProgressPicture picture)
    {
        var counts = ProgressPicture.LegendOrder
            .Where(m => m is not (PictureDayMark.NotPlanned or PictureDayMark.Future))
            .Select(m => (Mark: m, Count: picture.Count(m)))
            .Where(c => c.Count > 0)
            .Select(c => phrases.Get(turn, "progress.fourWeeksCounts." + ProgressPictures.MarkKey(c.Mark), ("count", c.Count)))
            .ToList();
        return counts.Count == 0 ? null : phrases.Get(turn, "progress.fourWeeks", ("counts", string.Join(", ", counts)));
    }

    /// <summary>"My progress": the picture and the same in words, one message.</summary>
    public IMessageActivity Message(ITurnContext turn, Guid patientId, PatientProgress report)
    {
        var message = MessageFactory.Text(Text(turn, report));
        WithPicture(message, turn, patientId, report);
        return message;
    }

    private void WithPicture(IMessageActivity message, ITurnContext turn, Guid patientId, PatientProgress report)
    {
        if (pictures.Attachment(turn, patientId, report) is { } picture)
            message.Attachments = [picture];
    }

    /// <summary>The weekly check-in, one message: the summary and, when days were missed, the barrier question with one button per barrier.</summary>
    public IMessageActivity CheckIn(ITurnContext turn, Guid patientId, PatientProgress report)
    {
        if (report.LastMissedDay is null)
            return Message(turn, patientId, report);
        var message = MessageFactory.Text(Text(turn, report) + "\n\n" + phrases.Get(turn, "checkin.askBarrier"));
        WithPicture(message, turn, patientId, report);
        message.SuggestedActions = new SuggestedActions
        {
            Actions = Enum.GetValues<SkipReason>()
                .Select(r => new CardAction(ActionTypes.ImBack, phrases.Get(turn, "skip.reason." + SkipReasonDialog.Key(r)),
                    value: $"{BarrierCommand} {SkipReasonDialog.Key(r)}"))
                .ToList(),
        };
        return message;
    }

    /// <summary>The barrier named after <c>/barrier</c> ("/barrier noTime"), or null when none or not a barrier.</summary>
    public static SkipReason? ParseBarrier(string? text)
    {
        var parts = (text ?? "").Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && Enum.TryParse<SkipReason>(parts[1].Trim(), ignoreCase: true, out var reason)
            && Enum.IsDefined(reason) && !int.TryParse(parts[1], out _)
            ? reason : null;
    }

    private static int Round(double? pain) => (int)Math.Round(pain ?? 0, MidpointRounding.AwayFromZero);
}
