using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Safety;
using HepBot.Core.Alerts;
using HepBot.Core.Safety;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// "I feel unwell" from the menu, /unwell or the typed words, from wherever the patient is: the red-flag
/// check, then what the worst finding's tier says. Emergency and same-day findings stop today's session;
/// a therapist-review finding is alerted and the patient goes back to where they were, as does "None of
/// these" (the question that was being asked comes again). Pushed on top of the current dialog, so
/// ending it resumes that dialog.
/// </summary>
public sealed class UnwellDialog : WaterfallDialog<UnwellDialog.Values>
{
    public const string DialogId = "unwell";

    public UnwellDialog(Phrases phrases, SafetyResponder safety, PainTriageOptions pain) : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            await phrases.SayAsync(step.Context, "skip.askUnwell", ct);
            return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
        });
        AddStep(async (step, ct) =>
        {
            var findings = (IReadOnlyList<SymptomFinding>)step.Result!;
            var tier = UrgencyRule.TierOf(findings, null, pain);
            if (tier >= UrgencyTier.SameDay)
            {
                await safety.RespondAsync(step.Context, new AlertReason(tier, findings), ct);
                return await step.CancelAllDialogsAsync(ct);
            }
            // From the menu there is nothing to go back to; from a question, that question comes again.
            var returning = step.Stack.Skip(1).Any(d => d.Id is not (MenuDialog.DialogId or RootDialog.DialogId));
            if (findings.Count > 0)
            {
                await safety.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.RedFlag, new AlertReason(tier, findings), ct);
                await phrases.SayAsync(step.Context, "safety.unwellTherapistReview", ct);
            }
            else if (returning)
                await phrases.SayAsync(step.Context, "safety.noRedFlags", ct);
            else
                await phrases.SayAsync(step.Context, "safety.unwellNoRedFlags", ct,
                    ("emergencyNumber", await safety.EmergencyNumberAsync(step.Context, ct)));
            return await step.EndDialogAsync(null, ct);
        });
    }

    public sealed class Values;
}
