using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Core.Safety;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// The red-flag check: the warning signs as buttons; the patient taps each one that applies, then
/// "That's all" (or "None of these" straight away). Ends with the chosen <see cref="SymptomFinding"/>s,
/// empty for none. Saying and recording what follows is the caller's job, because it knows which
/// session and pain score the answer belongs to.
/// </summary>
public sealed class SafetyCheckDialog : WaterfallDialog<SafetyCheckDialog.Values>
{
    public const string DialogId = "safetyCheck";
    public const string None = "none", ThatsAll = "thatsAll";

    /// <summary>Warning signs typed at the check ("I fell"), given as its answer by PatientInterruptions: "typed:Fall,Nausea".</summary>
    public const string TypedPrefix = "typed:";

    /// <summary>The signs the check asks about, in the order shown: the most urgent first.</summary>
    public static readonly SymptomFinding[] Asked =
    [
        SymptomFinding.ChestPain, SymptomFinding.SevereBreathlessness, SymptomFinding.Fainting, SymptomFinding.StrokeSigns,
        SymptomFinding.Palpitations, SymptomFinding.Breathlessness, SymptomFinding.Dizziness, SymptomFinding.ColdSweat,
        SymptomFinding.CalfSwelling, SymptomFinding.WoundProblem, SymptomFinding.Fever, SymptomFinding.NewNumbness,
        SymptomFinding.Nausea, SymptomFinding.Fall, SymptomFinding.JointGivingWay,
    ];

    public SafetyCheckDialog(Phrases phrases) : base(DialogId)
    {
        AddStep(async (step, ct) =>
        {
            var chosen = step.HasOptions ? step.GetOptions<Options>().Chosen : [];
            step.Values.Chosen = [.. chosen];
            var choices = Asked.Where(f => !chosen.Contains(f)).Select(f => phrases.Choice(step.Context, f.ToString(), "safety.finding." + Key(f)));
            // "no" means none (or no more); "yes" is not an answer yet, so the retry asks which ones, without "not understood".
            var no = phrases.Words(phrases.Catalog.ResolveLanguage(step.Context.Activity.Locale), "common.noWords");
            if (chosen.Count == 0)
                return await step.PromptAsync(Prompts.Choice, WithRetry(phrases.Choices(step.Context, "safety.askRedFlags",
                    choices.Append(new Choice(None, phrases.Get(step.Context, "safety.noneOfThese"), no))), "safety.whichRedFlags"), ct);
            var named = string.Join(", ", chosen.Select(f => phrases.Get(step.Context, "safety.finding." + Key(f))));
            return await step.PromptAsync(Prompts.Choice, WithRetry(phrases.Choices(step.Context, "safety.askMoreRedFlags",
                choices.Prepend(new Choice(ThatsAll, phrases.Get(step.Context, "safety.thatsAll"), no)), ("chosen", named)), "safety.whichMoreRedFlags"), ct);

            PromptOptions WithRetry(PromptOptions options, string retryKey)
            {
                options.RetryPrompt = Microsoft.Bot.Builder.MessageFactory.Text(phrases.Get(step.Context, retryKey));
                return options;
            }
        });
        AddStep((step, ct) =>
        {
            var answer = step.GetResult<FoundChoice>().Value;
            if (answer is None or ThatsAll)
                return step.EndDialogAsync((IReadOnlyList<SymptomFinding>)step.Values.Chosen, ct);
            var added = answer.StartsWith(TypedPrefix, StringComparison.Ordinal)
                ? answer[TypedPrefix.Length..].Split(',').Select(Enum.Parse<SymptomFinding>)
                : [Enum.Parse<SymptomFinding>(answer)];
            var chosen = step.Values.Chosen.Concat(added).Distinct().ToList();
            // An emergency sign is not kept waiting for "That's all".
            return chosen.Count == Asked.Length || UrgencyRule.TierOf(chosen, null, new PainTriageOptions()) == UrgencyTier.Emergency
                ? step.EndDialogAsync((IReadOnlyList<SymptomFinding>)chosen, ct)
                : step.ReplaceDialogAsync(DialogId, new Options(chosen), ct);
        });
    }

    public static string Key(SymptomFinding finding) => SymptomLexicon.KeyOf(finding);

    public sealed record Options(IReadOnlyList<SymptomFinding> Chosen);

    public sealed class Values
    {
        public List<SymptomFinding> Chosen { get; set; } = [];
    }
}
