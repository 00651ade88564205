using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Dialogs;
using HepBot.Conversations.Patients;
using HepBot.Core.Linking;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Linking;

/// <summary>
/// Links a chat with an invitation code — from a Telegram deep link (<c>/start CODE</c>) or typed —
/// then greets the patient, asks consent for messages and confirms the reminder time. Wrong codes
/// get a clear answer, and a chat that keeps guessing must wait.
/// </summary>
public sealed class LinkingDialog : WaterfallDialog<LinkingDialog.Values>
{
    public const string DialogId = "linking";
    public const string StartCommand = "/today";

    private readonly Phrases _phrases;
    private readonly InvitationRedeemer _redeemer;
    private readonly ChatDirectory _directory;
    private readonly PatientSettings _settings;
    private readonly CodeGate _gate;
    private readonly WarningSignsBeforeLinking _signsBefore;

    public LinkingDialog(Phrases phrases, InvitationRedeemer redeemer, ChatDirectory directory, PatientSettings settings,
        CodeGate gate, WarningSignsBeforeLinking signsBefore) : base(DialogId)
    {
        _phrases = phrases;
        _redeemer = redeemer;
        _directory = directory;
        _settings = settings;
        _gate = gate;
        _signsBefore = signsBefore;
        AddStep(AskCodeAsync);
        AddStep(RedeemAsync);
        AddStep(ConsentAsync);
        AddStep(ReminderChoiceAsync);
        AddStep(ReminderTimeAsync);
    }

    public sealed class Values;

    private async Task<DialogTurnResult> AskCodeAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var typed = step.Context.Activity.Text?.Trim() ?? "";
        if (InvitationCode.Normalize(typed) is { } code)
            return await step.NextAsync(code, ct);
        await _phrases.SayAsync(step.Context, "linking.welcome", ct);
        return await step.PromptAsync(Prompts.Code, _phrases.Question(step.Context, "linking.askCode", "linking.retryCode"), ct);
    }

    private async Task<DialogTurnResult> RedeemAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var code = InvitationCode.Normalize((string)step.Result!)!;
        if (await _gate.MustWaitAsync(step.Context, ct))
            return await step.EndDialogAsync(null, ct);

        var activity = step.Context.Activity;
        var chat = new ChatAddress(activity.ChannelId, activity.From?.Id ?? "", activity.Conversation.Id,
            Newtonsoft.Json.JsonConvert.SerializeObject(activity.GetConversationReference()), activity.From?.AadObjectId);
        var result = await _redeemer.RedeemAsync(code, chat, ct);
        switch (result.Outcome)
        {
            case RedeemOutcome.LinkedPatient:
                break;
            case RedeemOutcome.LinkedTherapist:
                var therapist = await _directory.IdentifyAsync(chat.Channel, chat.ConversationId, activity.Locale, ct);
                therapist.Attach(step.Context);
                await _signsBefore.ForgetAsync(step.Context, ct);
                step.Context.Activity.Locale = _phrases.Catalog.ResolveLanguage(therapist.Locale);
                await _phrases.SayAsync(step.Context, "linking.therapistLinked", ct, ("name", therapist.TherapistName));
                return await step.EndDialogAsync(null, ct);
            default:
                await _gate.RefuseAsync(step.Context, result, ct);
                // A chat already linked stays as it was: said, so a patient does not think they were cut off.
                if (ChatPerson.Of(step.Context) is { Patient: { } linked })
                    await _phrases.SayAsync(step.Context, "linking.stillConnected", ct,
                        ("clinic", await _directory.ClinicNameOfPatientAsync(linked.Id, ct)));
                return await step.EndDialogAsync(null, ct);
        }

        await _gate.AcceptedAsync(step.Context, ct);
        var person = await _directory.IdentifyAsync(chat.Channel, chat.ConversationId, activity.Locale, ct);
        person.Attach(step.Context);
        step.Context.Activity.Locale = person.Locale;
        var clinic = await _directory.ClinicNameOfPatientAsync(person.PatientId, ct);
        await _phrases.SayAsync(step.Context, "linking.greeting", ct, ("firstName", person.FirstName), ("clinic", clinic));
        await _phrases.SayAsync(step.Context, "linking.explanation", ct);
        await _signsBefore.PassOnAsync(step.Context, person.PatientId, ct);
        return await step.PromptAsync(Prompts.Confirm, _phrases.Question(step.Context, "linking.askConsent", "linking.askConsent"), ct);
    }

    private async Task<DialogTurnResult> ConsentAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var person = ChatPerson.Of(step.Context);
        var consent = step.GetResult<bool>();
        await _settings.SetConsentAsync(person.PatientId, consent, ct);
        await _phrases.SayAsync(step.Context, consent ? "linking.consentYes" : "linking.consentNo", ct);
        if (!consent)
            return await FinishAsync(step, ct);

        if (person.Patient!.ReminderTimes.FirstOrDefault() is var time && person.Patient.ReminderTimes.Count > 0)
        {
            var shown = ReminderTimeText.Format(time);
            return await step.PromptAsync(Prompts.Choice, _phrases.Choices(step.Context, "linking.askReminderTime",
            [
                _phrases.Choice(step.Context, "keep", "linking.keepTime", ("time", shown)),
                _phrases.Choice(step.Context, "change", "linking.changeTime"),
            ], ("time", shown)), ct);
        }
        return await step.PromptAsync(Prompts.Time, _phrases.Question(step.Context, "linking.noReminderYet", "settings.retryTime"), ct);
    }

    private async Task<DialogTurnResult> ReminderChoiceAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        switch (step.Result)
        {
            case FoundChoice { Value: "change" }:
                return await step.PromptAsync(Prompts.Time, _phrases.Question(step.Context, "settings.askTime", "settings.retryTime"), ct);
            case string typed:
                return await step.NextAsync(typed, ct);
            default:
                return await FinishAsync(step, ct);
        }
    }

    private async Task<DialogTurnResult> ReminderTimeAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        if (step.Result is string typed && ReminderTimeText.TryParse(typed, out var time))
        {
            await _settings.SetReminderTimeAsync(ChatPerson.Of(step.Context).PatientId, 0, time, ct);
            await _phrases.SayAsync(step.Context, "settings.timeSaved", ct, ("time", ReminderTimeText.Format(time)));
        }
        return await FinishAsync(step, ct);
    }

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var message = _phrases.Message(step.Context, "linking.allSet");
        message.SuggestedActions = new SuggestedActions
        {
            Actions = [new CardAction(ActionTypes.ImBack, _phrases.Get(step.Context, "linking.startNow"), value: StartCommand)],
        };
        await step.Context.SendActivityAsync(message, ct);
        return await step.EndDialogAsync(null, ct);
    }
}
