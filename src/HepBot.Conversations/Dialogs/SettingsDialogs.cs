using System.Globalization;
using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Patients;
using HepBot.Core.Time;

namespace HepBot.Conversations.Dialogs;

/// <summary>"Reminder time": which reminder (when there are several), then the new time.</summary>
public sealed class ReminderTimeDialog : WaterfallDialog<ReminderTimeDialog.Values>
{
    public const string DialogId = "reminderTime";

    public ReminderTimeDialog(Phrases phrases, PatientSettings settings) : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            var times = ChatPerson.Of(step.Context).Patient!.ReminderTimes;
            if (times.Count <= 1)
                return await step.NextAsync(null, ct);
            return await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context, "settings.whichTime",
                times.Select(t => new Choice(ReminderTimeText.Format(t)))), ct);
        });
        AddStep(async (step, ct) =>
        {
            // The buttons carry the times themselves, so typing "1" means the first button, not a value "1".
            step.Values.Index = step.Result is FoundChoice choice ? choice.Index : 0;
            return await step.PromptAsync(Prompts.Time, phrases.Question(step.Context, "settings.askTime", "settings.retryTime"), ct);
        });
        AddStep(async (step, ct) =>
        {
            // The time prompt's validator let through only text that parses.
            _ = ReminderTimeText.TryParse(step.GetResult<string>(), out var time);
            await settings.SetReminderTimeAsync(ChatPerson.Of(step.Context).PatientId, step.Values.Index, time, ct);
            await phrases.SayAsync(step.Context, "settings.timeSaved", ct, ("time", ReminderTimeText.Format(time)));
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed class Values
    {
        public int Index { get; set; }
    }
}

/// <summary>"Pause reminders": for N days, or resume when already paused.</summary>
public sealed class PauseRemindersDialog : WaterfallDialog<PauseRemindersDialog.Values>
{
    public const string DialogId = "pauseReminders";

    public PauseRemindersDialog(Phrases phrases, PatientSettings settings, TimeProvider clock) : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            var patient = ChatPerson.Of(step.Context).Patient!;
            var today = PatientClock.LocalDate(clock.GetUtcNow(), patient.TimeZoneId);
            if (patient.PausedUntil is { } until && until >= today)
            {
                await phrases.SayAsync(step.Context, "settings.pausedAlready", ct, ("date", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                return await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context, "menu.prompt",
                [
                    phrases.Choice(step.Context, "resume", "settings.resumeNow"),
                    phrases.Choice(step.Context, "keep", "settings.keepPaused"),
                ]), ct);
            }
            return await step.PromptAsync(Prompts.Days, phrases.Question(step.Context, "settings.askPauseDays", "settings.retryPauseDays"), ct);
        });
        AddStep(async (step, ct) =>
        {
            var person = ChatPerson.Of(step.Context);
            switch (step.Result)
            {
                case int days:
                    var today = PatientClock.LocalDate(clock.GetUtcNow(), person.Patient!.TimeZoneId);
                    var until = today.AddDays(days - 1);
                    await settings.SetPausedUntilAsync(person.PatientId, until, ct);
                    await phrases.SayAsync(step.Context, "settings.paused", ct, ("date", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                    break;
                case FoundChoice { Value: "resume" }:
                    await settings.SetPausedUntilAsync(person.PatientId, null, ct);
                    await phrases.SayAsync(step.Context, "settings.resumed", ct);
                    break;
            }
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed class Values;
}

/// <summary>"Language": every language in dialogs/, each named in itself. Resumes today's session when it interrupted one.</summary>
public sealed class LanguageDialog : WaterfallDialog<LanguageDialog.Values>
{
    public const string DialogId = "language";

    public LanguageDialog(Phrases phrases, PatientSettings settings) : base(DialogId)
    {
        AddStep(async (step, ct) => await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context, "settings.askLanguage",
            phrases.Catalog.Languages.Select(l => new Choice(l, phrases.Catalog.Get(l, "settings.languageName")))), ct));
        AddStep(async (step, ct) =>
        {
            var language = step.GetResult<FoundChoice>().Value;
            var person = ChatPerson.Of(step.Context);
            await settings.SetLocaleAsync(person.PatientId, language, ct);
            person.Patient!.Locale = language;
            (person with { Locale = language }).Attach(step.Context);
            step.Context.Activity.Locale = language;
            await phrases.SayAsync(step.Context, "settings.languageSaved", ct);
            var resume = step.HasOptions && step.GetOptions<Options>().ResumeSession;
            return resume
                ? await step.ReplaceDialogAsync(DailySessionDialog.DialogId, new DailySessionDialog.Options(), ct)
                : await step.EndDialogAsync(null, ct);
        });
    }

    public sealed record Options(bool ResumeSession);

    public sealed class Values;
}
