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
            await safety.SayAdviceAsync(step.Context, tier, ct);
            if (tier >= Core.Safety.UrgencyTier.SameDay && await safety.TodaysLogAsync(patientId, begin: true, ct) is { } log)
                await recorder.EndTodayForSafetyAsync(log.Id, ct);
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed class Values;
}

/// <summary>"Delete my data": an explicit confirmation, then erasure; the chat is unlinked afterwards.</summary>
public sealed class ForgetMeDialog : WaterfallDialog<ForgetMeDialog.Values>
{
    public const string DialogId = "forgetMe";

    public ForgetMeDialog(Phrases phrases, PatientErasure erasure) : base(DialogId)
    {
        AddStep(async (step, ct) => await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context, "data.askForget",
        [
            phrases.Choice(step.Context, "erase", "data.forgetYes"),
            phrases.Choice(step.Context, "keep", "data.forgetNo"),
        ]), ct));
        AddStep(async (step, ct) =>
        {
            if (step.GetResult<FoundChoice>().Value != "erase")
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

    public sealed class Values;
}
