using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HepBot.Core.Alerts;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// A month of Alex's knee program as he lives it, one session a day at 18:00 in Madrid from Monday 2 November to
/// Wednesday 2 December 2026: most days all three exercises done, and on some days a skip, a resume, a stop for pain,
/// a guided set, "unsure how", a question passed to the therapist, a new program version and one missed day; at the end,
/// "My progress". Every session is checked as the patient reads it: compact cards from the second meeting, honest counts,
/// no "All done!" unless all was done, the streak and the week, the therapist's note once per version.
/// </summary>
public sealed partial class MonthTranscripts
{
    private static readonly DateTimeOffset FirstEvening = new(2026, 11, 2, 17, 0, 0, TimeSpan.Zero);
    private const string FirstNote = "Pain up to 3/10 is fine.";
    private const string SecondNote = "Well done so far: keep going, and walk 10 minutes a day as well.";
    private const string Question = "my knee is a bit swollen tonight, is that normal?";

    private enum Day { AllDone, SkipAndResume, StopAtTheLast, GuidedSet, UnsureHow, Missed, AskTheTherapist, StopInTheMiddle, NewVersion, SkipTheLast }

    private enum Outcome { Done, Skipped, Stopped }

    /// <summary>What happens on each day of the month, from 2 November.</summary>
    private static Day Plan(int day) => day switch
    {
        3 => Day.SkipAndResume,
        5 => Day.StopAtTheLast,
        7 => Day.GuidedSet,
        9 => Day.UnsureHow,
        12 => Day.Missed,
        15 => Day.AskTheTherapist,
        17 => Day.StopInTheMiddle,
        20 => Day.NewVersion,
        22 => Day.SkipTheLast,
        _ => Day.AllDone,
    };

    private const int Days = 31;

    [Fact]
    public async Task A_month_of_daily_sessions_reads_short_and_right_every_day()
    {
        await using var chat = await BotHarness.StartAsync(now: FirstEvening);
        await StartProgramTodayAsync(chat, FirstNote);
        var transcript = new Transcript(chat);
        await transcript.SayAsync($"/start {chat.Clinic.InvitationCode}");
        await transcript.SayAsync("yes");
        await transcript.SayAsync("keep");

        var outcomes = new Dictionary<DateOnly, Outcome[]>();
        for (var day = 1; day <= Days; day++)
        {
            chat.Clock.SetUtcNow(FirstEvening.AddDays(day - 1));
            var plan = Plan(day);
            transcript.Heading($"Day {day}, {chat.Today:dddd d MMMM}: {plan}");
            if (plan == Day.Missed)
                continue;
            if (plan == Day.NewVersion)
                await NewVersionAsync(chat, SecondNote);
            transcript.StartDay();

            outcomes[chat.Today] = await LiveAsync(transcript, plan, painBefore: day < 10 ? 3 : 2);

            AssertTheDayReadsRight(transcript.Day, day, plan, outcomes, chat.Today);
        }

        await transcript.SayAsync("/progress");
        var progress = Assert.Single(chat.Replies);
        ProgressPictureTranscripts.AssertPicture(progress);
        Assert.StartsWith("Your progress this week:\nTraining days done: 3 of 3.\n", progress.Text);
        Assert.Contains($"Training days in a row: {Streak(outcomes, chat.Today)} (best: {BestStreak(outcomes, chat.Today)}).", progress.Text);
        // The picture's four weeks (Monday 9 November to today) in words: the stop on the 18th and the skip on the 23rd were
        // partly done, the 13th missed.
        Assert.EndsWith("Last 4 weeks: 21 done, 2 partly done, 1 missed.", progress.Text);

        // The one unclear question reached the therapist as written, in one tap; nothing else was sent on.
        await using var db = chat.Db();
        var message = await db.PatientMessages.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((Question, MessageDirection.PatientToTherapist), (message.Text, message.Direction));
        var alerts = await chat.AlertsAsync();
        Assert.Contains(alerts, a => a.Kind == AlertKind.PatientMessage);
        Assert.Contains(alerts, a => a.Kind == AlertKind.AskedForHelp);

        TestContext.Current.TestOutputHelper?.WriteLine(transcript.ToString());
    }

    /// <summary>One session, as the day's plan has it; returns what became of each exercise.</summary>
    private static async Task<Outcome[]> LiveAsync(Transcript chat, Day plan, int painBefore)
    {
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        await chat.SayAsync(painBefore.ToString(CultureInfo.InvariantCulture));
        Outcome[] outcomes;
        switch (plan)
        {
            case Day.SkipAndResume:
                await chat.TapAsync("done");
                await chat.TapAsync("skip");
                await chat.TapAsync("NoTime");
                await chat.SayAsync("stop");
                await chat.SayAsync("start");
                Assert.StartsWith("Welcome back! So far: 1 done, 1 skipped, 1 to go. Let's carry on with Heel slide.", chat.Last);
                await chat.TapAsync("done");
                outcomes = [Outcome.Done, Outcome.Skipped, Outcome.Done];
                break;
            case Day.StopAtTheLast:
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                await StopForPainAsync(chat);
                Assert.Contains("That was the last exercise for today. Stopping when it hurts was the right thing to do.", chat.Last);
                Assert.DoesNotContain("next exercise", chat.Last);
                outcomes = [Outcome.Done, Outcome.Done, Outcome.Stopped];
                break;
            case Day.StopInTheMiddle:
                await chat.TapAsync("done");
                await StopForPainAsync(chat);
                Assert.Contains("We'll move on to the next exercise. Skip anything that hurts.", chat.Last);
                await chat.TapAsync("done");
                outcomes = [Outcome.Done, Outcome.Stopped, Outcome.Done];
                break;
            case Day.GuidedSet:
                // One tap for the whole set of 3 × 10 holds; the bot paces it and asks Done / Skip at the end.
                await chat.TapAsync("set");
                await chat.AdvanceAsync(TimeSpan.FromSeconds(296));
                Assert.Equal("Quad set: that was the last round. Well done! Tap Done, or Skip if it did not go well.", chat.Last);
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                outcomes = [Outcome.Done, Outcome.Done, Outcome.Done];
                break;
            case Day.UnsureHow:
                await chat.TapAsync("done");
                await chat.TapAsync("skip");
                await chat.TapAsync("UnsureHow");
                Assert.Contains("How to do it:", chat.Last);
                Assert.EndsWith("Would you like to try it now, with the steps above?", chat.Last);
                await chat.TapAsync("tryNow");
                await chat.TapAsync("done");
                Assert.EndsWith("Shall I still tell your therapist you weren't sure about Straight leg raise, so they can check it with you?", chat.Last);
                await chat.SayAsync("yes");
                await chat.TapAsync("done");
                outcomes = [Outcome.Done, Outcome.Done, Outcome.Done];
                break;
            case Day.AskTheTherapist:
                await chat.SayAsync(Question);
                Assert.Equal("I can't answer that myself, but your therapist can. Tap below to send it to them as you wrote it. If it's about how you feel, tap I feel unwell and I'll check the warning signs with you.\n" +
                    "Tap Done when you've finished, or choose another option.", chat.Last);
                await chat.TapAsync("/passon");
                Assert.StartsWith("Sent. Your therapist will see your message in the app.", chat.Last);
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                outcomes = [Outcome.Done, Outcome.Done, Outcome.Done];
                break;
            case Day.SkipTheLast:
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                await chat.TapAsync("skip");
                await chat.TapAsync("NoTime");
                outcomes = [Outcome.Done, Outcome.Done, Outcome.Skipped];
                break;
            default:
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                await chat.TapAsync("done");
                outcomes = [Outcome.Done, Outcome.Done, Outcome.Done];
                break;
        }
        var allDone = outcomes.All(o => o == Outcome.Done);
        Assert.EndsWith(allDone ? "All done! How is your pain now, from 0 to 10?" : "That's the end of today's exercises. How is your pain now, from 0 to 10?", chat.Last);
        await chat.SayAsync("1");
        await chat.TapAsync("JustRight");
        return outcomes;
    }

    private static async Task StopForPainAsync(Transcript chat)
    {
        await chat.TapAsync("painful");
        await chat.SayAsync("6");
        await chat.TapAsync("None of these");
    }

    private static void AssertTheDayReadsRight(IReadOnlyList<string> said, int day, Day plan, Dictionary<DateOnly, Outcome[]> outcomes, DateOnly today)
    {
        var text = string.Join("\n", said);
        var todays = outcomes[today];

        // The therapist's program note: at the start of the first session of each version, and only then.
        var note = day == 1 ? FirstNote : plan == Day.NewVersion ? SecondNote : null;
        if (note is null)
            Assert.DoesNotContain("A note from your therapist", text);
        else
            Assert.Single(said, s => s.StartsWith($"A note from your therapist about this program: {note}", StringComparison.Ordinal));

        // Cards: the full one the first day; from the second meeting each exercise's card is compact and fits six phone lines.
        var cards = said.Select(s => (Text: s, Match: CardHeading().Match(s))).Where(c => c.Match.Success).ToList();
        foreach (var number in new[] { "1", "2", "3" })
        {
            var (card, heading) = cards.First(c => c.Match.Groups["number"].Value == number);
            if (day == 1)
                Assert.True(heading.Groups["full"].Success, $"Day 1, exercise {number}: the first meeting shows the full card.\n{card}");
            else
            {
                Assert.False(heading.Groups["full"].Success, $"Day {day}, exercise {number}: a repeat exercise gets the compact card.\n{card}");
                Assert.True(CompactCardTranscripts.PhoneLines(card) <= 6, $"Day {day}: the compact card takes {CompactCardTranscripts.PhoneLines(card)} phone lines.\n{card}");
            }
        }

        // "All done!" only when all was done.
        Assert.Equal(todays.All(o => o == Outcome.Done), text.Contains("All done!"));

        // The summary: honest counts, the week, the streak.
        var summary = said[^1].Split('\n');
        var done = todays.Count(o => o == Outcome.Done);
        Assert.Equal(done == todays.Length ? $"You did {done} of {todays.Length} exercises today." : $"Today: {Counts(todays)}.", summary[0]);
        var (weekDone, weekPlanned) = Week(outcomes, today);
        Assert.Equal($"This week: {weekDone} of {weekPlanned} training days done.", summary[1]);
        // A day not fully done ends the run that same evening; "a good start" only for the first run.
        var streak = Streak(outcomes, today);
        var streakLine = summary.SingleOrDefault(l => l.StartsWith("Training days in a row", StringComparison.Ordinal));
        Assert.Equal(streak switch
        {
            0 => null,
            1 when BestStreak(outcomes, today) == 1 => "Training days in a row: 1. A good start.",
            _ => $"Training days in a row: {streak}.",
        }, streakLine);
    }

    /// <summary>"2 done, 1 skipped" as the session counts them: done, skipped, stopped, each only when there is one.</summary>
    private static string Counts(Outcome[] outcomes) => string.Join(", ", new[]
    {
        (Outcome.Done, "done"), (Outcome.Skipped, "skipped"), (Outcome.Stopped, "stopped"),
    }.Select(k => (Count: outcomes.Count(o => o == k.Item1), Word: k.Item2)).Where(k => k.Count > 0).Select(k => $"{k.Count} {k.Word}"));

    /// <summary>A training day counts as done when its one session had every exercise done (80% of 3 rounds up to 3).</summary>
    private static bool DayDone(Dictionary<DateOnly, Outcome[]> outcomes, DateOnly date) =>
        outcomes.TryGetValue(date, out var day) && day.All(o => o == Outcome.Done);

    private static (int Done, int Planned) Week(Dictionary<DateOnly, Outcome[]> outcomes, DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = monday < Start ? Start : monday;
        var planned = today.DayNumber - first.DayNumber + 1;
        var done = Enumerable.Range(0, planned).Count(i => DayDone(outcomes, first.AddDays(i)));
        return (done, planned);
    }

    private static readonly DateOnly Start = DateOnly.FromDateTime(FirstEvening.UtcDateTime);

    /// <summary>Training days done in a row up to today; a day not done ends a run, except a today whose session is not over yet.</summary>
    private static int Streak(Dictionary<DateOnly, Outcome[]> outcomes, DateOnly today) => Runs(outcomes, today).Current;

    private static int BestStreak(Dictionary<DateOnly, Outcome[]> outcomes, DateOnly today) => Runs(outcomes, today).Best;

    private static (int Current, int Best) Runs(Dictionary<DateOnly, Outcome[]> outcomes, DateOnly today)
    {
        int run = 0, best = 0;
        for (var date = Start; date <= today; date = date.AddDays(1))
        {
            if (DayDone(outcomes, date))
                run++;
            else if (date != today || outcomes.ContainsKey(date))
                run = 0;
            best = Math.Max(best, run);
        }
        return (run, best);
    }

    /// <summary>The program starts on the first evening (every day, one session), with the therapist's note.</summary>
    private static async Task StartProgramTodayAsync(BotHarness chat, string note)
    {
        await using var db = chat.Db();
        var prescription = await db.Prescriptions.SingleAsync(TestContext.Current.CancellationToken);
        prescription.Schedule = prescription.Schedule with { StartDate = chat.Today };
        prescription.Notes = note;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The therapist saves a new version of the program (same exercises, a new note), as the program editor does.</summary>
    private static async Task NewVersionAsync(BotHarness chat, string note)
    {
        await using var db = chat.Db();
        var old = await db.Prescriptions.Include(p => p.Items).SingleAsync(p => p.SupersededAt == null, TestContext.Current.CancellationToken);
        old.SupersededAt = chat.Clock.GetUtcNow().AddHours(-2);
        db.Prescriptions.Add(new Prescription
        {
            PatientId = old.PatientId,
            Version = old.Version + 1,
            PrescribedById = old.PrescribedById,
            CreatedAt = chat.Clock.GetUtcNow().AddHours(-2),
            Schedule = old.Schedule,
            Notes = note,
            Items = [.. old.Items.Select(i => new PrescriptionItem { Order = i.Order, ExerciseId = i.ExerciseId, Dose = i.Dose })],
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>"1 of 3: Quad set" (compact) or "Exercise 1 of 3: Quad set" (full) at the start of a card.</summary>
    [GeneratedRegex(@"^(?<full>Exercise )?(?<number>\d) of 3: ")]
    private static partial Regex CardHeading();

    /// <summary>The chat as the patient saw it, day by day: what they typed or tapped, and every message and edit HepBot sent.</summary>
    private sealed class Transcript(BotHarness chat)
    {
        private readonly StringBuilder _all = new();

        /// <summary>Everything HepBot said today, message by message.</summary>
        public List<string> Day { get; } = [];

        /// <summary>What HepBot said in the last turn, joined.</summary>
        public string Last { get; private set; } = "";

        public void Heading(string heading) => _all.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"=== {heading} ===");

        public void StartDay() => Day.Clear();

        public Task SayAsync(string text) => RecordAsync($"> {text}", () => chat.SayAsync(text));

        public Task TapAsync(string value)
        {
            var label = chat.Replies.Concat(chat.Edits).Where(r => r.SuggestedActions?.Actions is not null).SelectMany(r => r.SuggestedActions.Actions)
                .LastOrDefault(a => a.Value?.ToString() == value || a.Title == value)?.Title;
            return RecordAsync($"[{label ?? value}]", () => chat.TapAsync(value));
        }

        public Task AdvanceAsync(TimeSpan by) => RecordAsync($"(… {by.TotalSeconds:0} s later)", () => chat.AdvanceAsync(by), editsOnly: true);

        private async Task RecordAsync(string input, Func<Task> turn, bool editsOnly = false)
        {
            await turn();
            _all.AppendLine(input);
            var said = new List<string>();
            foreach (var reply in chat.Replies)
            {
                said.Add(reply.Text ?? "");
                var buttons = reply.SuggestedActions?.Actions?.Select(a => a.Title).ToList() ?? [];
                var pictures = reply.Attachments?.Count ?? 0;
                _all.AppendLine(Indent(reply.Text ?? "")
                    + (buttons.Count > 0 ? $"\n    [{string.Join("] [", buttons)}]" : "")
                    + (pictures > 0 ? $"\n    ({pictures} picture{(pictures > 1 ? "s" : "")})" : ""));
            }
            if (chat.Edits.Count > 0)
            {
                var last = chat.Edits[^1];
                _all.AppendLine(CultureInfo.InvariantCulture, $"    ({chat.Edits.Count} edits of the set message, the last:)");
                _all.AppendLine(Indent(last.Text ?? ""));
                if (editsOnly)
                    said.Add(last.Text ?? "");
            }
            Day.AddRange(said);
            Last = string.Join("\n", said);
        }

        private static string Indent(string text) => "    " + text.Replace("\n", "\n    ");

        public override string ToString() => _all.ToString();
    }
}
