using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;
using HepBot.Conversations.Safety;
using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Bot;

/// <summary>
/// "help", "stop", "menu", "start", "progress" and a language change work in the middle of any dialog.
/// Help and progress answer and ask the current question again; stop and menu end what was going on
/// (answers are already saved); start picks today's session up where it was (the words the bot itself
/// tells patients to type must work whatever was asked last); a language change resumes today's
/// session in the new language.
/// Slash commands always win, because a patient who types /pause means it. Other typed words are
/// left to the question being asked, so "time" can still be an answer.
/// Before any of that, a linked patient's typed words are read for warning signs and pain
/// (<see cref="SymptomRecognizer"/>): a warning sign gets its tier's advice and alert in that turn,
/// whatever was being asked. In a chat not linked yet a warning sign gets its advice too, and the alert
/// follows once a code links the chat (<see cref="Linking.WarningSignsBeforeLinking"/>).
/// A code sent in the middle of something (a deep link tapped again, a new code from the clinic) leaves it as it
/// was: the patient hears what the code is and the question comes again (<see cref="CodeMidwayAsync"/>).
/// </summary>
public sealed class PatientInterruptions(Phrases phrases, CommandRecognizer commands, CommandRouter router,
    SafetyResponder safety, PainTriageOptions pain, Sessions.SessionRecorder recorder, Messages.PassOnRemarks remarks,
    Linking.WarningSignsBeforeLinking beforeLinking, Linking.CodeInMessage codes, Linking.CodeGate gate,
    Linking.InvitationRedeemer redeemer, Linking.ChatDirectory directory) : IInterruptionHandler
{
    /// <summary>
    /// A code sent while something is going on: nothing is cancelled and nothing is linked anew. The patient's own
    /// code (or the one that linked this chat) needs nothing; a code for someone else waits until they have finished;
    /// a code that cannot be used is answered (and counts as a wrong try). Then the question comes again.
    /// </summary>
    private async Task<InterruptionOutcome> CodeMidwayAsync(DialogContext dc, ChatPerson person, string code, CancellationToken ct)
    {
        var turn = dc.Context;
        if (await gate.MustWaitAsync(turn, ct))
            return InterruptionOutcome.Reprompt;
        var clinic = ("clinic", (object)await directory.ClinicNameOfPatientAsync(person.PatientId, ct));
        var result = await redeemer.PreviewAsync(code, turn.Activity.ChannelId, turn.Activity.Conversation.Id, ct);
        switch (result.Outcome)
        {
            case Linking.RedeemOutcome.LinkedPatient when result.PatientId == person.PatientId:
                await phrases.SayAsync(turn, "linking.alreadyConnected", ct, clinic);
                break;
            case Linking.RedeemOutcome.LinkedPatient or Linking.RedeemOutcome.LinkedTherapist:
                await phrases.SayAsync(turn, "linking.finishFirst", ct);
                break;
            default:
                await gate.RefuseAsync(turn, result, ct);
                await phrases.SayAsync(turn, "linking.stillConnected", ct, clinic);
                break;
        }
        return InterruptionOutcome.Reprompt;
    }

    /// <summary>"Send it to my therapist" under a reply to a remark: the remark the open question kept goes, and the question is asked again.</summary>
    private async Task<InterruptionOutcome> PassOnAsync(DialogContext dc, CancellationToken ct)
    {
        var state = dc.ActiveDialog?.Id is Prompts.Choice or Prompts.GuidedSet or Prompts.Pain or Prompts.Confirm
            ? dc.ActiveDialog.GetState<PromptState>() : null;
        if (!await remarks.SendKeptAsync(dc.Context, state, ct))
            await phrases.SayAsync(dc.Context, "passOn.nothing", ct);
        return dc.ActiveDialog is null ? InterruptionOutcome.Handled : InterruptionOutcome.Reprompt;
    }

    private static SafetyQuestion? AtSafetyQuestion(DialogContext dc) =>
        dc.Stack.Any(d => d.Id == SafetyCheckDialog.DialogId) ? SafetyQuestion.RedFlagCheck
        : dc.ActiveDialog?.Id == Prompts.Pain ? SafetyQuestion.PainScore
        : null;

    /// <summary>A safety question left unanswered today comes first, whatever the patient wrote.</summary>
    private async Task<bool> AskUnansweredAsync(DialogContext dc, CancellationToken ct)
    {
        if (dc.Stack.Any(d => d.Id == UnansweredSafetyDialog.DialogId))
            return false;
        var patientId = ChatPerson.Of(dc.Context).PatientId;
        if (await safety.TodaysLogAsync(patientId, begin: false, ct) is not { UnansweredSafetyQuestion: { } question } log)
            return false;
        await recorder.SetUnansweredSafetyQuestionAsync(log.Id, null, ct);
        await dc.CancelAllDialogsAsync(ct);
        await dc.BeginDialogAsync(UnansweredSafetyDialog.DialogId, new UnansweredSafetyDialog.Options(question), ct);
        return true;
    }

    /// <summary>A button that happens to be a command word ("Progress" in the menu) answers the question it belongs to.</summary>
    private static bool AnswersTheQuestion(DialogContext dc)
    {
        if (dc.ActiveDialog is not { Id: Prompts.Choice or Prompts.GuidedSet } prompt)
            return false;
        var choices = prompt.GetState<PromptState>().Options.Choices ?? [];
        var typed = CommandRecognizer.Fold(dc.Context.Activity.Text ?? "");
        return choices.Any(c => CommandRecognizer.Fold(c.Value) == typed || CommandRecognizer.Fold(c.Label) == typed
            || c.Synonyms.Any(s => CommandRecognizer.Fold(s) == typed));
    }

    public async Task<InterruptionOutcome> OnInterruptAsync(DialogContext dc, CancellationToken ct)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
            return InterruptionOutcome.NotInterrupted;
        var person = ChatPerson.Of(dc.Context);
        if (person.Patient is not null && string.Equals(dc.Context.Activity.Text?.Trim(), Messages.PassOnRemarks.SendCommand, StringComparison.OrdinalIgnoreCase))
            return await PassOnAsync(dc, ct);
        // A code HepBot issued is a code, never symptom text: its random letters and digits can read like a sign
        // ("A7…" is "a 7"). Words that only look like a code ("numb 2day") are read for warning signs first.
        var code = person.Patient is not null || !person.IsLinked ? await codes.ReadAsync(dc.Context, ct) : null;
        var onlyACode = code is { Certain: true };
        var command = commands.Recognize(dc.Context, out var isSlashCommand);
        if (person.Patient is not null && !onlyACode && command is null && !AnswersTheQuestion(dc) && !WritingToTherapist(dc)
            && await ListenForSymptomsAsync(dc, ct) is var heard and not InterruptionOutcome.NotInterrupted)
            return heard;
        if (person.Patient is not null && code is not null && dc.ActiveDialog is not null)
            return await CodeMidwayAsync(dc, person, code.Code, ct);
        if (!person.IsLinked && !onlyACode && command is null && await beforeLinking.ListenAsync(dc.Context, ct))
            return InterruptionOutcome.Handled; // the advice asks for the code, and the code question (if any) keeps waiting
        if (person.Patient is not null && await AskUnansweredAsync(dc, ct))
            return InterruptionOutcome.Handled;
        if (person.Patient is not null && command is null && AtSafetyQuestion(dc) is { } putOff && SaysLater(dc.Context))
            return await LeaveSafetyQuestionAsync(dc, putOff, ct);
        if (command is null || dc.ActiveDialog is null || (!isSlashCommand && AnswersTheQuestion(dc)))
            return InterruptionOutcome.NotInterrupted;
        if (person.Patient is null)
        {
            if (command != PatientCommand.Help)
                return InterruptionOutcome.NotInterrupted;
            await phrases.SayAsync(dc.Context, "menu.unlinkedHelp", ct);
            return InterruptionOutcome.Reprompt;
        }

        switch (command)
        {
            case PatientCommand.Help:
                await phrases.SayAsync(dc.Context, "menu.help", ct);
                return InterruptionOutcome.Reprompt;
            case PatientCommand.Progress:
                await router.SendProgressAsync(dc.Context, ct);
                return InterruptionOutcome.Reprompt;
            case PatientCommand.Unwell when AtSafetyQuestion(dc) == SafetyQuestion.RedFlagCheck:
                return InterruptionOutcome.Reprompt; // the check is the question already being asked
            case PatientCommand.Unwell when InExercise(dc):
                await dc.EndDialogAsync(new FoundChoice(ExerciseDialog.UnwellAnswer, -1), ct);
                return InterruptionOutcome.Handled;
            case PatientCommand.Unwell:
                // On top of whatever was going on, so "None of these" goes back to it.
                await dc.BeginDialogAsync(UnwellDialog.DialogId, null, ct);
                return InterruptionOutcome.Handled;
            case PatientCommand.Stop or PatientCommand.Menu or PatientCommand.Today or PatientCommand.Language when AtSafetyQuestion(dc) is { } question:
                return await LeaveSafetyQuestionAsync(dc, question, ct);
            case PatientCommand.Stop:
                await dc.CancelAllDialogsAsync(ct);
                await phrases.SayAsync(dc.Context, "menu.stopped", ct);
                return InterruptionOutcome.Handled;
            case PatientCommand.Language:
                var inSession = dc.Stack.Any(d => d.Id == DailySessionDialog.DialogId);
                await dc.CancelAllDialogsAsync(ct);
                await dc.BeginDialogAsync(LanguageDialog.DialogId, new LanguageDialog.Options(inSession), ct);
                return InterruptionOutcome.Handled;
            case PatientCommand.Menu:
            case PatientCommand.Today:
            case not null when isSlashCommand:
                await dc.CancelAllDialogsAsync(ct);
                await router.RunAsync(dc, command.Value, ct);
                return InterruptionOutcome.Handled;
            default:
                return InterruptionOutcome.NotInterrupted;
        }
    }

    /// <summary>Leaving a safety question is allowed, but not silently: the advice so far, and the question comes back.</summary>
    private async Task<InterruptionOutcome> LeaveSafetyQuestionAsync(DialogContext dc, SafetyQuestion question, CancellationToken ct)
    {
        await dc.CancelAllDialogsAsync(ct);
        if (await safety.TodaysLogAsync(ChatPerson.Of(dc.Context).PatientId, begin: false, ct) is { } log)
            await recorder.SetUnansweredSafetyQuestionAsync(log.Id, question, ct);
        await phrases.SayAsync(dc.Context, "safety.unanswered", ct, ("emergencyNumber", await safety.EmergencyNumberAsync(dc.Context, ct)));
        return InterruptionOutcome.Handled;
    }

    /// <summary>"later" or "más tarde" at a safety question puts it off, like "stop".</summary>
    private bool SaysLater(Microsoft.Bot.Builder.ITurnContext turn)
    {
        var typed = CommandRecognizer.Fold(turn.Activity.Text ?? "");
        var language = phrases.Catalog.ResolveLanguage(turn.Activity.Locale);
        return typed.Length > 0 && phrases.Words(language, "safety.laterWords").Any(w => CommandRecognizer.Fold(w) == typed);
    }

    /// <summary>The red-flag check's own question is being asked (not a question inside something it started).</summary>
    private static bool AtRedFlagQuestion(DialogContext dc) =>
        dc.ActiveDialog?.Id == Prompts.Choice && dc.Stack.Count > 1 && dc.Stack[1].Id == SafetyCheckDialog.DialogId;

    /// <summary>
    /// A message to the therapist is read by <see cref="Patients.TherapistMessages"/>, with the message; what happened
    /// at a "Something else" skip by <see cref="ExerciseDialog"/>, once it is stored with the skip.
    /// </summary>
    private static bool WritingToTherapist(DialogContext dc) => dc.ActiveDialog?.Id is Prompts.Message or Prompts.SkipNote;

    private static bool InExercise(DialogContext dc) =>
        dc.ActiveDialog?.Id is Prompts.Choice or Prompts.GuidedSet && dc.Stack.Count > 1 && dc.Stack[1].Id == ExerciseDialog.DialogId;

    private async Task<InterruptionOutcome> ListenForSymptomsAsync(DialogContext dc, CancellationToken ct)
    {
        var turn = dc.Context;
        if (dc.ActiveDialog?.Id == Prompts.Pain && OutOfScale(turn.Activity.Text) is { } bare)
            return await AnswerPainAsync(dc, new PainReport(bare, true, ""), ct);
        var read = safety.Recognize(turn);
        if (read.IsEmpty)
            return InterruptionOutcome.NotInterrupted;
        var findings = read.Findings.Select(f => f.Finding).ToList();
        var tier = safety.TierOf(read);
        var words = turn.Activity.Text;

        if (findings.Count > 0 && tier < UrgencyTier.SameDay && AtRedFlagQuestion(dc))
        {
            // "I fell" at the red-flag check is that answer: the check adds it, and its caller advises on everything chosen.
            await dc.EndDialogAsync(new FoundChoice(SafetyCheckDialog.TypedPrefix + string.Join(",", findings.Distinct()), -1), ct);
            return InterruptionOutcome.Handled;
        }
        if (findings.Count > 0)
        {
            var reason = InExercise(dc)
                ? new AlertReason(tier, findings, read.Pain?.Score, words)
                {
                    Moment = AlertMoment.AtExercise,
                    ExerciseId = await ExerciseDialog.ShownExerciseAsync(dc.Stack[1], recorder, ChatPerson.Of(turn).PatientId, ct),
                }
                : new AlertReason(tier, findings, read.Pain?.Score, words);
            if (tier >= UrgencyTier.SameDay)
            {
                await dc.CancelAllDialogsAsync(ct);
                await safety.RespondAsync(turn, reason, ct);
                return InterruptionOutcome.Handled;
            }
            await safety.SayAdviceAsync(turn, tier, ct, atExercise: InExercise(dc));
            await safety.RaiseAsync(ChatPerson.Of(turn).PatientId, AlertKind.RedFlag, reason, ct);
            if (InExercise(dc))
            {
                await dc.EndDialogAsync(new FoundChoice(ExerciseDialog.StopForSafety, -1), ct);
                return InterruptionOutcome.Handled;
            }
            return dc.ActiveDialog is null ? InterruptionOutcome.Handled : InterruptionOutcome.Reprompt;
        }

        if (read.Pain is { } report && (dc.ActiveDialog?.Id == Prompts.Pain || InExercise(dc)))
            return await AnswerPainAsync(dc, report, ct);
        if (read.Pain is { } score && score.Score >= pain.StopFrom)
        {
            // Pain typed outside a pain question: the therapist hears of it, and the current question comes again.
            if (score.OutOfScale)
                await phrases.SayAsync(turn, "safety.painReadAsTen", ct);
            await safety.SayAdviceAsync(turn, UrgencyTier.TherapistReview, ct, atExercise: false);
            await safety.RaiseAsync(ChatPerson.Of(turn).PatientId, AlertKind.HighPain,
                new AlertReason(UrgencyTier.TherapistReview, [], score.Score, words), ct);
            return dc.ActiveDialog is null ? InterruptionOutcome.Handled : InterruptionOutcome.Reprompt;
        }
        if (read.AsksForPainScore && InExercise(dc))
        {
            // "this really hurts" at the exercise card is "Too painful": the 0–10 question comes next.
            await dc.EndDialogAsync(new FoundChoice(ExerciseDialog.PainfulAnswer, -1), ct);
            return InterruptionOutcome.Handled;
        }
        return InterruptionOutcome.NotInterrupted;
    }

    /// <summary>A typed pain report answers the pain question (or the exercise's "Too painful") being asked.</summary>
    private async Task<InterruptionOutcome> AnswerPainAsync(DialogContext dc, PainReport report, CancellationToken ct)
    {
        if (report.OutOfScale)
            await phrases.SayAsync(dc.Context, "safety.painReadAsTen", ct);
        if (dc.ActiveDialog?.Id == Prompts.Pain)
            await dc.EndDialogAsync(report.Score, ct);
        else
            await dc.EndDialogAsync(new FoundChoice(ExerciseDialog.PainReportPrefix + report.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), -1), ct);
        return InterruptionOutcome.Handled;
    }

    /// <summary>"11" or "15" at a pain question: read as the top of the scale, and said so.</summary>
    private static int? OutOfScale(string? text) =>
        int.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n > PainTriage.Max && n <= SymptomRecognizer.LargestPainNumber ? PainTriage.Max : null;
}
