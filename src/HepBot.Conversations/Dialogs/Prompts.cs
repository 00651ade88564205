using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Safety;

namespace HepBot.Conversations.Dialogs;

/// <summary>The prompts every HepBot dialog shares, by id.</summary>
public static class Prompts
{
    public const string Choice = "prompt.choice";

    /// <summary>The question a running guided set waits on: Stop on its message, Done / Skip when it ends (<see cref="GuidedSetPrompt"/>).</summary>
    public const string GuidedSet = "prompt.guidedSet";
    public const string Pain = "prompt.pain";
    public const string Confirm = "prompt.confirm";
    public const string Days = "prompt.days";
    public const string Time = "prompt.time";
    public const string Code = "prompt.code";
    public const string Message = "prompt.message";

    /// <summary>What happened, when a skip's reason is "Something else": free text kept on the skip.</summary>
    public const string SkipNote = "prompt.skipNote";

    /// <summary>A typed confirmation word (erasure): any text, judged by the dialog.</summary>
    public const string ConfirmationWord = "prompt.confirmationWord";

    public const int MaxPauseDays = 30;

    /// <param name="notUnderstood">Hears a question or remark typed at a choice, pain or yes/no question.</param>
    public static IEnumerable<Dialog> Create(Phrases phrases, INotUnderstoodHandler? notUnderstood = null)
    {
        yield return new ChoicePrompt(Choice) { NotUnderstood = notUnderstood };
        yield return new GuidedSetPrompt(GuidedSet) { NotUnderstood = notUnderstood };
        yield return new NumberPrompt(Pain, PainTriage.Min, PainTriage.Max, offerButtons: true) { NotUnderstood = notUnderstood };
        yield return new NumberPrompt(Days, 1, MaxPauseDays);
        yield return new TextPrompt(Time, 20, (context, ct) =>
            Task.FromResult(context.Recognized.Succeeded && ReminderTimeText.TryParse(context.Recognized.Value, out _)));
        yield return new TextPrompt(Code, 100, (context, ct) =>
            Task.FromResult(context.Recognized.Succeeded && InvitationCode.Normalize(context.Recognized.Value) is not null));
        yield return new TextPrompt(Message, PatientMessage.MaxLength);
        yield return new TextPrompt(ConfirmationWord, 100);
        yield return new TextPrompt(SkipNote, HepBot.Core.Sessions.ExerciseLog.NoteMaxLength);
        yield return new ConfirmPrompt(Confirm, phrases.Catalog.Languages.ToDictionary(
            language => language,
            language => new ConfirmVocabulary(
                phrases.Catalog.Get(language, "common.yes"),
                phrases.Catalog.Get(language, "common.no"),
                phrases.Words(language, "common.yesWords"),
                phrases.Words(language, "common.noWords"))),
            phrases.Catalog.DefaultLanguage)
        { NotUnderstood = notUnderstood };
    }
}
