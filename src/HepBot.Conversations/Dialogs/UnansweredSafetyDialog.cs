using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Safety;
using HepBot.Core.Alerts;
using HepBot.Core.Safety;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// A safety question the patient left with "stop" or "menu", asked again on their next turn that day
/// before anything else: the pain score and, from the stop threshold on, the red-flag check; or the
/// red-flag check alone. The answer gets the same advice and alert as in the session.
/// </summary>
public sealed class UnansweredSafetyDialog : WaterfallDialog<UnansweredSafetyDialog.Values>
{
    public const string DialogId = "unansweredSafety";

    private readonly Sessions.SessionRecorder _recorder;

    public UnansweredSafetyDialog(Phrases phrases, SafetyResponder safety, PainTriageOptions pain, Sessions.SessionRecorder recorder) : base(DialogId)
    {
        _recorder = recorder;
        AddStep(async (step, ct) =>
        {
            await phrases.SayAsync(step.Context, "safety.askAgain", ct);
            if (step.GetOptions<Options>().Question == SafetyQuestion.PainScore)
                return await step.PromptAsync(Prompts.Pain, phrases.Question(step.Context, "session.askPainBefore", "session.retryPain"), ct);
            return await step.NextAsync(null, ct);
        });
        AddStep(async (step, ct) =>
        {
            if (step.Result is int score)
            {
                step.Values.Pain = score;
                await StoreAsync(step.Context, score, ct);
                if (score < pain.StopFrom)
                    return await step.NextAsync(Array.Empty<SymptomFinding>(), ct);
                await safety.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.HighPain,
                    new AlertReason(UrgencyTier.TherapistReview, [], score), ct);
            }
            step.Values.Checked = true;
            return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
        });
        AddStep(async (step, ct) =>
        {
            var findings = (IReadOnlyList<SymptomFinding>)step.Result!;
            var tier = UrgencyRule.TierOf(findings, step.Values.Pain, pain);
            if (tier >= UrgencyTier.SameDay)
                await safety.RespondAsync(step.Context, new AlertReason(tier, findings, step.Values.Pain), ct);
            else if (findings.Count > 0)
            {
                await safety.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.RedFlag, new AlertReason(tier, findings, step.Values.Pain), ct);
                await phrases.SayAsync(step.Context, "safety.advice.therapistReview", ct);
            }
            else
                await phrases.SayAsync(step.Context, step.Values.Checked ? "safety.noRedFlags" : "safety.thanks", ct);
            if (tier < UrgencyTier.SameDay)
                await phrases.SayAsync(step.Context, "session.later", ct);
            return await step.EndDialogAsync(null, ct);
        });
    }

    /// <summary>
    /// The late answer goes where the session would have put it: the pain before starting when nothing is
    /// answered yet, the pain after when every exercise is. A score for one exercise has no exercise answer
    /// to join; from the stop threshold on its alert carries it.
    /// </summary>
    private async Task StoreAsync(Microsoft.Bot.Builder.ITurnContext turn, int score, CancellationToken ct)
    {
        var plan = await _recorder.LoadTodayAsync(ChatPerson.Of(turn).PatientId, ct);
        if (plan?.Unfinished is not { } log)
            return;
        if (log.PainBefore is null && log.Exercises.Count == 0)
            await _recorder.SetPainBeforeAsync(log.Id, score, ct);
        else if (log.PainAfter is null && Sessions.TodayPlan.Remaining(plan.Items, log).Count == 0)
            await _recorder.SetPainAfterAsync(log.Id, score, ct);
    }

    public sealed record Options(SafetyQuestion Question);

    public sealed class Values
    {
        public int? Pain { get; set; }
        public bool Checked { get; set; }
    }
}
