using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Patients;
using HepBot.Conversations.Sessions;
using HepBot.Core.Reminders;
using HepBot.Core.Time;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// Carries out a patient command, whether it came from the menu, a slash command or a typed word:
/// one place, so every way in behaves the same. Returns null when the command only answered.
/// </summary>
public sealed class CommandRouter(Phrases phrases, WeekSummary week, PatientDataExport export, TimeProvider clock,
    IReminderSchedule reminders)
{
    /// <summary>Telegram refuses messages over 4096 characters; long exports go out in parts.</summary>
    public const int MaxMessageLength = 4000;

    public async Task<DialogTurnResult?> RunAsync(DialogContext dc, PatientCommand command, CancellationToken ct)
    {
        var turn = dc.Context;
        switch (command)
        {
            case PatientCommand.Today:
                return await dc.BeginDialogAsync(DailySessionDialog.DialogId, new DailySessionDialog.Options(), ct);
            case PatientCommand.SkipDay:
                return await dc.BeginDialogAsync(DailySessionDialog.DialogId, new DailySessionDialog.Options(SkipDay: true), ct);
            case PatientCommand.Snooze:
                var at = await reminders.SnoozeAsync(ChatPerson.Of(turn).PatientId, ct);
                if (at is { } snoozedUntil)
                    await phrases.SayAsync(turn, "reminders.snoozed", ct,
                        ("minutes", (int)Math.Round((snoozedUntil - clock.GetUtcNow()).TotalMinutes)));
                else
                    await phrases.SayAsync(turn, "reminders.snoozeOff", ct);
                return null;
            case PatientCommand.Reminder:
                return await dc.BeginDialogAsync(ReminderTimeDialog.DialogId, null, ct);
            case PatientCommand.Pause:
                return await dc.BeginDialogAsync(PauseRemindersDialog.DialogId, null, ct);
            case PatientCommand.Language:
                return await dc.BeginDialogAsync(LanguageDialog.DialogId, new LanguageDialog.Options(ResumeSession: false), ct);
            case PatientCommand.Message:
                return await dc.BeginDialogAsync(MessageTherapistDialog.DialogId, null, ct);
            case PatientCommand.ForgetMe:
                return await dc.BeginDialogAsync(ForgetMeDialog.DialogId, null, ct);
            case PatientCommand.Menu:
                return await dc.BeginDialogAsync(MenuDialog.DialogId, null, ct);
            case PatientCommand.Unwell:
                return await dc.BeginDialogAsync(UnwellDialog.DialogId, null, ct);
            case PatientCommand.Progress:
                await SendProgressAsync(turn, ct);
                return null;
            case PatientCommand.MyData:
                var text = await export.BuildAsync(turn, ChatPerson.Of(turn).PatientId, ct);
                foreach (var part in Split(text, MaxMessageLength))
                    await turn.SendActivityAsync(part, cancellationToken: ct);
                return null;
            case PatientCommand.Barrier:
                return await dc.BeginDialogAsync(CheckInBarrierDialog.DialogId,
                    new CheckInBarrierDialog.Options(WeekSummary.ParseBarrier(turn.Activity.Text)), ct);
            case PatientCommand.Stop:
                await phrases.SayAsync(turn, "menu.stopped", ct);
                return null;
            default:
                await phrases.SayAsync(turn, "menu.help", ct);
                return null;
        }
    }

    public async Task SendProgressAsync(ITurnContext turn, CancellationToken ct)
    {
        var patient = ChatPerson.Of(turn).Patient!;
        var today = PatientClock.LocalDate(clock.GetUtcNow(), patient.TimeZoneId);
        await turn.SendActivityAsync(week.Message(turn, patient.Id, await week.ReadAsync(patient.Id, today, ct)), ct);
    }

    /// <summary>Splits at line breaks so no part is longer than <paramref name="max"/> characters.</summary>
    public static IEnumerable<string> Split(string text, int max)
    {
        var part = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (part.Length > 0 && part.Length + line.Length + 1 > max)
            {
                yield return part.ToString();
                part.Clear();
            }
            for (var rest = line; ; rest = rest[max..])
            {
                if (rest.Length <= max)
                {
                    part.Append(part.Length > 0 ? "\n" : "").Append(rest);
                    break;
                }
                yield return rest[..max];
            }
        }
        if (part.Length > 0)
            yield return part.ToString();
    }
}
