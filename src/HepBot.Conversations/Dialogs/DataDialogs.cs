using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Patients;
using HepBot.Core.Patients;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Dialogs;

/// <summary>"Message my therapist": one free-text message, stored and flagged for the therapist.</summary>
public sealed class MessageTherapistDialog : WaterfallDialog<MessageTherapistDialog.Values>
{
    public const string DialogId = "messageTherapist";

    public MessageTherapistDialog(Phrases phrases, TherapistMessages messages, Safety.SafetyResponder safety,
        Sessions.SessionRecorder recorder) : base(DialogId)
    {
        AddStep(async (step, ct) => await step.PromptAsync(Prompts.Message, new PromptOptions
        {
            Prompt = MessageFactory.Text(phrases.Get(step.Context, "data.askMessage")),
            // Only the retry names the limit (the question has no {max}): most messages are short.
            RetryPrompt = MessageFactory.Text(phrases.Get(step.Context, "data.retryMessage", ("max", PatientMessage.MaxLength))),
        }, ct));
        AddStep(async (step, ct) =>
        {
            var patientId = ChatPerson.Of(step.Context).PatientId;
            var text = step.GetResult<string>();
            // A warning sign written to the therapist is not left waiting for them to read it.
            var read = safety.Recognize(step.Context);
            var tier = safety.TierOf(read);
            var reason = new Core.Alerts.AlertReason(tier, read.Findings.Select(f => f.Finding).ToList(), read.Pain?.Score, text);
            await messages.SendAsync(patientId, text, ct, reason);
            await phrases.SayAsync(step.Context, "data.messageSent", ct);
            await safety.SayAdviceAsync(step.Context, tier, ct, atExercise: false);
            if (tier >= Core.Safety.UrgencyTier.SameDay && await safety.TodaysLogAsync(patientId, begin: true, ct) is { } log)
                await recorder.EndTodayForSafetyAsync(log.Id, ct);
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed class Values;
}

/// <summary>
/// "Delete my data": erased only when the patient types the confirmation word of their language
/// (DELETE, BORRAR). No button, number or card submit can stand in for it, so a stray tap or a menu
/// number typed one time too many can never erase a patient; anything else keeps the data.
/// </summary>
public sealed class ForgetMeDialog : WaterfallDialog<ForgetMeDialog.Values>
{
    public const string DialogId = "forgetMe";

    public ForgetMeDialog(Phrases phrases, PatientErasure erasure) : base(DialogId)
    {
        AddStep(async (step, ct) => await step.PromptAsync(Prompts.ConfirmationWord, new PromptOptions
        {
            Prompt = MessageFactory.Text(phrases.Get(step.Context, "data.askForget", ("word", phrases.Get(step.Context, "data.forgetWord")))),
            // A photo or an over-long text is not the word: the data is kept, not asked about again.
            MaxAttempts = 1,
        }, ct));
        AddStep(async (step, ct) =>
        {
            if (!IsConfirmationWord(step, phrases))
            {
                await phrases.SayAsync(step.Context, "data.kept", ct);
                return await step.EndDialogAsync(null, ct);
            }
            var person = ChatPerson.Of(step.Context);
            await erasure.EraseAsync(person.PatientId, ct);
            (person with { AccountId = null, Patient = null }).Attach(step.Context);
            await phrases.SayAsync(step.Context, "data.forgotten", ct);
            return await step.CancelAllDialogsAsync(ct);
        });
    }

    /// <summary>Typed, not submitted; case and surrounding punctuation do not matter ("delete", "BORRAR.").</summary>
    private static bool IsConfirmationWord(WaterfallStepContext<Values> step, Phrases phrases) =>
        step.Result is string typed
        && step.Context.Activity.Value is null
        && CommandRecognizer.Fold(typed) == CommandRecognizer.Fold(phrases.Get(step.Context, "data.forgetWord"));

    public sealed class Values;
}
