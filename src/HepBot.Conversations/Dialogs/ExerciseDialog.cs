using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Safety;
using HepBot.Conversations.Sessions;
using HepBot.Core.Alerts;
using HepBot.Core.Prescriptions;
using HepBot.Core.Safety;
using HepBot.Core.Exercises;
using HepBot.Core.Sessions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Dialogs;

/// <summary>How one exercise ended, for the session to decide what comes next.</summary>
public enum ExerciseResult
{
    Done,
    Skipped,
    Stopped,

    /// <summary>Pain or a red flag ended the whole session.</summary>
    EndSession,
}

/// <summary>
/// One exercise of a session: the card, then Done / Skip / Too painful / Show me again and the timers.
/// Every answer is saved before the next question. Runs as a small state machine: each step handles
/// the answer to the question the previous step asked (<see cref="Values.Pending"/>).
/// </summary>
public sealed class ExerciseDialog : WaterfallDialog<ExerciseDialog.Values>
{
    public const string DialogId = "exercise";

    private const string Done = "done", Skip = "skip", Painful = "painful", Again = "again",
        StartSet = "set", SetRunning = "setRunning", AfterStop = "afterStop", StopSet = "stop", PartlyDone = "partial", SafetyCheck = "safety", TellTherapist = "tellTherapist",
        SkipPain = "skipPain", UnwellCheck = "unwellCheck", CarryOn = "carryOn",
        Unwell = "unwell", UnwellButtonCheck = "unwellButtonCheck", OtherReason = "otherReason", TryNow = "tryNow", TellTherapistDone = "tellTherapistDone";

    /// <summary>An answer HepBot gives for the patient when their typed words said it (see PatientInterruptions).</summary>
    public const string PainReportPrefix = "pain:", StopForSafety = "stopForSafety", PainfulAnswer = Painful, UnwellAnswer = Unwell;

    private readonly Phrases _phrases;
    private readonly SessionRecorder _recorder;
    private readonly AlertRecorder _alerts;
    private readonly ExerciseCard _card;
    private readonly GuidedSetRunner _sets;
    private readonly TimeProvider _clock;
    private readonly PainTriageOptions _pain;
    private readonly SafetyResponder _safety;

    public ExerciseDialog(Phrases phrases, SessionRecorder recorder, AlertRecorder alerts, ExerciseCard card,
        GuidedSetRunner sets, TimeProvider clock, PainTriageOptions pain, SafetyResponder safety) : base(DialogId)
    {
        _safety = safety;
        _phrases = phrases;
        _recorder = recorder;
        _alerts = alerts;
        _card = card;
        _sets = sets;
        _clock = clock;
        _pain = pain;
        AddStep(AskAsync);
        // One step per question that can follow another (skip → reason → what happened or try now → the red-flag check,
        // carry on or tell the therapist …).
        for (var i = 0; i < 7; i++)
            AddStep(HandleAsync);
    }

    /// <param name="Pain">Pain reported during this exercise that did not stop it (4–5): kept with its answer.</param>
    /// <param name="Full">The full card even for an exercise met before ("Show me again", "Show steps").</param>
    /// <param name="WasUnsure">The patient said they were unsure how and chose to try: after Done, still offer to tell the therapist.</param>
    public sealed record Options(Guid LogId, Guid PrescriptionId, Guid ItemId, int Number, int Total, bool Quiet = false, int? Pain = null,
        bool Full = false, bool WasUnsure = false);

    public sealed class Values
    {
        public string? Pending { get; set; }
        public int? Pain { get; set; }

        /// <summary>When the guided set started, and its message: how far it got is worked out from the clock, so a restart loses nothing.</summary>
        public DateTimeOffset? SetStartedAt { get; set; }
        public string? SetMessageId { get; set; }

        /// <summary>Rounds done when the patient stopped the set, for "Done 1 of 2 rounds".</summary>
        public int SetRoundsDone { get; set; }
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var options = step.GetOptions<Options>();
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct); // the program changed under us: move on
        // The full card on first meeting an exercise; after that the compact one, with the steps one tap away.
        var compact = !options.Full && await _recorder.HasMetBeforeAsync(ChatPerson.Of(step.Context).PatientId, item.ExerciseId, options.LogId, ct);
        if (!options.Quiet)
            await step.Context.SendActivityAsync(compact
                ? _card.BuildCompact(step.Context, item, options.Number, options.Total)
                : _card.Build(step.Context, item, options.Number, options.Total), ct);

        var choices = new List<Choice>
        {
            _phrases.Choice(step.Context, Done, "exercise.choices.done"),
            _phrases.Choice(step.Context, Skip, "exercise.choices.skip"),
            _phrases.Choice(step.Context, Painful, "exercise.choices.painful"),
            _phrases.Choice(step.Context, Again, compact ? "exercise.showSteps" : "exercise.choices.again"),
        };
        choices.Add(_phrases.Choice(step.Context, StartSet, "set.start"));
        choices.Add(_phrases.Choice(step.Context, Unwell, "exercise.choices.unwell"));
        step.Values.Pending = "answer";
        return await step.PromptAsync(Prompts.Choice, _phrases.Choices(step.Context, "exercise.ask", choices), ct);
    }

    private async Task<DialogTurnResult> HandleAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var options = step.GetOptions<Options>();
        var pending = step.Values.Pending;
        step.Values.Pending = null;
        if (pending == SetRunning)
            await _sets.StopAsync(step.Context, ct); // whatever the answer (Stop, Done, a pain report, a warning sign), the set is over
        if (step.Result is FoundChoice { Value: var typed } && typed.StartsWith(PainReportPrefix, StringComparison.Ordinal))
            return await OnPainAsync(step, options, int.Parse(typed[PainReportPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), ct);
        if (step.Result is FoundChoice { Value: StopForSafety })
            return await OnTypedWarningSignAsync(step, options, ct);
        if (step.Result is FoundChoice { Value: Unwell })
            return await AskUnwellAsync(step, ct);
        return pending switch
        {
            "answer" => await OnAnswerAsync(step, options, step.GetResult<FoundChoice>().Value, ct),
            SetRunning => await OnSetAnswerAsync(step, options, step.GetResult<FoundChoice>().Value, ct),
            AfterStop => await OnAfterStopAsync(step, options, step.GetResult<FoundChoice>().Value, ct),
            Skip => await OnSkipReasonAsync(step, options, (SkipReason)step.Result!, ct),
            Painful => await OnPainAsync(step, options, step.GetResult<int>(), ct),
            SkipPain => await OnSkipPainAsync(step, options, step.GetResult<int>(), ct),
            SafetyCheck => await OnSafetyCheckAsync(step, options, (IReadOnlyList<SymptomFinding>)step.Result!, ct),
            UnwellCheck => await OnUnwellCheckAsync(step, options, (IReadOnlyList<SymptomFinding>)step.Result!, ct),
            UnwellButtonCheck => await OnUnwellButtonCheckAsync(step, options, (IReadOnlyList<SymptomFinding>)step.Result!, ct),
            CarryOn => await OnCarryOnAsync(step, options, step.GetResult<FoundChoice>().Value, ct),
            TellTherapist => await OnTellTherapistAsync(step, options, step.GetResult<bool>(), ct),
            OtherReason => await OnOtherReasonAsync(step, options, (string)step.Result!, ct),
            TellTherapistDone => await OnTellTherapistAsync(step, options, step.GetResult<bool>(), ct, ExerciseResult.Done),
            TryNow => await OnTryNowAsync(step, options, step.GetResult<FoundChoice>().Value, ct),
            _ => throw new InvalidOperationException($"Exercise step has no pending question ('{pending}')."),
        };
    }

    private async Task<DialogTurnResult> OnAnswerAsync(WaterfallStepContext<Values> step, Options options, string answer, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        switch (answer)
        {
            case Done:
                await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Done, item.Dose.Sets, pain: options.Pain), ct);
                await _phrases.SayAsync(step.Context, "exercise.done", ct);
                if (options.WasUnsure)
                    return await OfferTellTherapistAsync(step, item, TellTherapistDone, "skip.offerTellTherapistAfterTrying", ct);
                return await step.EndDialogAsync(ExerciseResult.Done, ct);
            case Skip:
                step.Values.Pending = Skip;
                return await step.BeginDialogAsync(SkipReasonDialog.DialogId, new SkipReasonDialog.Options(WholeDay: false), ct);
            case Painful:
                step.Values.Pending = Painful;
                return await step.PromptAsync(Prompts.Pain, _phrases.Question(step.Context, "exercise.askPain", "session.retryPain"), ct);
            case Again:
                return await step.ReplaceDialogAsync(DialogId, options with { Quiet = false, Full = true }, ct);
            case StartSet:
                return await StartSetAsync(step, item, ct);
            default:
                return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true }, ct);
        }
    }

    private async Task<DialogTurnResult> OnSkipReasonAsync(WaterfallStepContext<Values> step, Options options, SkipReason reason, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        if (reason == SkipReason.Pain)
        {
            // How much it hurts decides whether this is for the therapist or the red-flag check.
            step.Values.Pending = SkipPain;
            return await step.PromptAsync(Prompts.Pain, _phrases.Question(step.Context, "exercise.askPain", "session.retryPain"), ct);
        }
        if (reason == SkipReason.Other)
        {
            // What happened, in the patient's words: kept on the skip and read for warning signs like anything typed.
            step.Values.Pending = OtherReason;
            return await step.PromptAsync(Prompts.SkipNote, _phrases.Question(step.Context, "skip.askOther", "skip.askOther"), ct);
        }
        if (reason == SkipReason.UnsureHow)
        {
            // Unsure how: the full card, and a chance to try it now before anything is put down as skipped.
            await _phrases.SayAsync(step.Context, "skip.answer.unsureHow", ct);
            await step.Context.SendActivityAsync(_card.Build(step.Context, item, options.Number, options.Total), ct);
            step.Values.Pending = TryNow;
            return await step.PromptAsync(Prompts.Choice, _phrases.Choices(step.Context, "skip.tryNow.prompt",
            [
                _phrases.Choice(step.Context, "tryNow", "skip.tryNow.tryNow"),
                _phrases.Choice(step.Context, "skipIt", "skip.tryNow.skipIt"),
            ]), ct);
        }
        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Skipped, 0, reason, options.Pain), ct);
        if (reason == SkipReason.FeltUnwell)
        {
            await _phrases.SayAsync(step.Context, "skip.askUnwell", ct);
            step.Values.Pending = UnwellCheck;
            return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
        }
        await _phrases.SayAsync(step.Context, "skip.answer." + SkipReasonDialog.Key(reason), ct);
        return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
    }

    /// <summary>
    /// The "Something else" skip's text is stored with the skip, then screened: a warning sign gets its tier's advice and
    /// an alert with the patient's words (emergency and same day end today); pain from the stop threshold is for the
    /// therapist and the red-flag check; anything else is thanked for.
    /// </summary>
    private async Task<DialogTurnResult> OnOtherReasonAsync(WaterfallStepContext<Values> step, Options options, string text, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Skipped, 0, SkipReason.Other, options.Pain, text), ct);
        var read = _safety.Recognize(step.Context);
        var findings = read.Findings.Select(f => f.Finding).Distinct().ToList();
        var tier = _safety.TierOf(read);
        var patientId = ChatPerson.Of(step.Context).PatientId;
        if (tier >= UrgencyTier.SameDay)
        {
            await _safety.RespondAsync(step.Context, await HereAsync(step, options, new AlertReason(tier, findings, read.Pain?.Score, text), ct), ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        if (findings.Count > 0)
        {
            await _safety.SayAdviceAsync(step.Context, tier, ct);
            await _safety.RaiseAsync(patientId, AlertKind.RedFlag, await HereAsync(step, options, new AlertReason(tier, findings, read.Pain?.Score, text), ct), ct);
            return await AskCarryOnAsync(step, ct);
        }
        if (read.Pain is { } pain && pain.Score >= _pain.StopFrom)
        {
            if (pain.OutOfScale)
                await _phrases.SayAsync(step.Context, "safety.painReadAsTen", ct);
            if (pain.Score < _pain.EndSessionFrom)
                await _safety.RaiseAsync(patientId, AlertKind.HighPain, await HereAsync(step, options, new AlertReason(UrgencyTier.TherapistReview, [], pain.Score, text), ct), ct);
            await _phrases.SayAsync(step.Context, "exercise.painStop", ct);
            step.Values.Pain = pain.Score;
            step.Values.Pending = SafetyCheck;
            return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
        }
        await _phrases.SayAsync(step.Context, "skip.answer.other", ct);
        return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
    }

    private async Task<DialogTurnResult> OnTryNowAsync(WaterfallStepContext<Values> step, Options options, string answer, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        if (answer == "tryNow")
            return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true, Full = true, WasUnsure = true }, ct);
        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Skipped, 0, SkipReason.UnsureHow, options.Pain), ct);
        return await OfferTellTherapistAsync(step, item, TellTherapist, "skip.offerTellTherapist", ct);
    }

    private async Task<DialogTurnResult> OfferTellTherapistAsync(WaterfallStepContext<Values> step, PrescriptionItem item,
        string pending, string key, CancellationToken ct)
    {
        step.Values.Pending = pending;
        var name = item.Exercise!.TextFor(step.Context.Activity.Locale ?? "en").Name;
        return await step.PromptAsync(Prompts.Confirm, _phrases.Question(step.Context, key, key, ("name", name)), ct);
    }

    private async Task<DialogTurnResult> OnTellTherapistAsync(WaterfallStepContext<Values> step, Options options, bool tell, CancellationToken ct,
        ExerciseResult result = ExerciseResult.Skipped)
    {
        if (tell)
        {
            var item = await LoadItemAsync(step, options, ct);
            await _alerts.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.AskedForHelp, AlertSeverity.Info,
                $"Unsure how to do {item?.Exercise?.Slug ?? "an exercise"}", ct, AlertMoment.AtExercise, item?.ExerciseId);
        }
        await _phrases.SayAsync(step.Context, tell ? "skip.toldTherapist" : "skip.notTold", ct);
        return await step.EndDialogAsync(result, ct);
    }

    private async Task<DialogTurnResult> OnPainAsync(WaterfallStepContext<Values> step, Options options, int pain, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        var response = PainTriage.Assess(pain, _pain);
        if (response is PainResponse.Continue or PainResponse.Caution)
        {
            await _phrases.SayAsync(step.Context, response == PainResponse.Continue ? "exercise.painLow" : "exercise.painCaution", ct);
            return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true, Pain = Math.Max(pain, options.Pain ?? 0) }, ct);
        }
        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Stopped, 0, SkipReason.Pain, pain), ct);
        return await StopForPainAsync(step, options, pain, ct);
    }

    private async Task<DialogTurnResult> OnSkipPainAsync(WaterfallStepContext<Values> step, Options options, int pain, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Skipped, 0, SkipReason.Pain, pain), ct);
        if (PainTriage.Assess(pain, _pain) is PainResponse.Continue or PainResponse.Caution)
        {
            await _phrases.SayAsync(step.Context, "skip.answer.pain", ct);
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        }
        return await StopForPainAsync(step, options, pain, ct);
    }

    /// <summary>Pain from the stop threshold on: the therapist is told once, and the red-flag check decides what is next.</summary>
    private async Task<DialogTurnResult> StopForPainAsync(WaterfallStepContext<Values> step, Options options, int pain, CancellationToken ct)
    {
        if (pain < _pain.EndSessionFrom)
            await _safety.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.HighPain,
                await HereAsync(step, options, new AlertReason(UrgencyTier.TherapistReview, [], pain), ct), ct);
        await _phrases.SayAsync(step.Context, "exercise.painStop", ct);
        step.Values.Pain = pain;
        step.Values.Pending = SafetyCheck;
        return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
    }

    private async Task<DialogTurnResult> OnSafetyCheckAsync(WaterfallStepContext<Values> step, Options options,
        IReadOnlyList<SymptomFinding> findings, CancellationToken ct)
    {
        var pain = step.Values.Pain;
        var tier = UrgencyRule.TierOf(findings, pain, _pain);
        if (tier >= UrgencyTier.SameDay)
        {
            await _safety.RespondAsync(step.Context, await HereAsync(step, options, new AlertReason(tier, findings, pain), ct), ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        if (pain >= _pain.EndSessionFrom)
        {
            await _recorder.StopForSafetyAsync(options.LogId, AlertKind.HighPain, $"Pain {pain}/10", ct,
                await HereAsync(step, options, new AlertReason(UrgencyTier.TherapistReview, findings, pain), ct), AlertSeverity.Urgent);
            await _phrases.SayAsync(step.Context, "safety.highPainEnd", ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        if (findings.Count > 0)
        {
            await _safety.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.RedFlag, await HereAsync(step, options, new AlertReason(tier, findings, pain), ct), ct);
            await _phrases.SayAsync(step.Context, "safety.advice.therapistReview", ct);
            return await AskCarryOnAsync(step, ct);
        }
        await _phrases.SayAsync(step.Context, "safety.noRedFlags", ct);
        return await step.EndDialogAsync(ExerciseResult.Stopped, ct);
    }

    /// <summary>Skipped for feeling unwell: the red-flag check, and today's session ends whatever the answer.</summary>
    private async Task<DialogTurnResult> OnUnwellCheckAsync(WaterfallStepContext<Values> step, Options options,
        IReadOnlyList<SymptomFinding> findings, CancellationToken ct)
    {
        var tier = UrgencyRule.TierOf(findings, null, _pain);
        if (tier >= UrgencyTier.SameDay)
        {
            await _safety.RespondAsync(step.Context, await HereAsync(step, options, new AlertReason(tier, findings), ct), ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        if (findings.Count > 0)
            await _safety.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.RedFlag, await HereAsync(step, options, new AlertReason(tier, findings), ct), ct);
        await _recorder.EndTodayForSafetyAsync(options.LogId, ct);
        await _phrases.SayAsync(step.Context, "skip.answer.feltUnwell", ct);
        return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
    }

    /// <summary>"I feel unwell" at the exercise card: the red-flag check, without recording anything yet.</summary>
    private async Task<DialogTurnResult> AskUnwellAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        await _phrases.SayAsync(step.Context, "skip.askUnwell", ct);
        step.Values.Pending = UnwellButtonCheck;
        return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
    }

    /// <summary>
    /// The check from the card's "I feel unwell": emergency and same-day findings end today; a therapist-review
    /// finding stops this exercise and offers to carry on; none goes back to the card.
    /// </summary>
    private async Task<DialogTurnResult> OnUnwellButtonCheckAsync(WaterfallStepContext<Values> step, Options options,
        IReadOnlyList<SymptomFinding> findings, CancellationToken ct)
    {
        var tier = UrgencyRule.TierOf(findings, null, _pain);
        if (tier >= UrgencyTier.SameDay)
        {
            await _safety.RespondAsync(step.Context, await HereAsync(step, options, new AlertReason(tier, findings), ct), ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        if (findings.Count == 0)
        {
            await _phrases.SayAsync(step.Context, "safety.noRedFlags", ct);
            return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true }, ct);
        }
        await _safety.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.RedFlag, await HereAsync(step, options, new AlertReason(tier, findings), ct), ct);
        await _phrases.SayAsync(step.Context, "safety.advice.therapistReview", ct);
        return await OnTypedWarningSignAsync(step, options, ct);
    }

    /// <summary>A typed fall, giving way or nausea: advice and alert were given already; this exercise stops.</summary>
    private async Task<DialogTurnResult> OnTypedWarningSignAsync(WaterfallStepContext<Values> step, Options options, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is not null)
            await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Stopped, 0, SkipReason.FeltUnwell, options.Pain), ct);
        return await AskCarryOnAsync(step, ct);
    }

    private async Task<DialogTurnResult> AskCarryOnAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        step.Values.Pending = CarryOn;
        return await step.PromptAsync(Prompts.Choice, _phrases.Choices(step.Context, "safety.carryOn.prompt",
        [
            _phrases.Choice(step.Context, "carryOn", "safety.carryOn.carryOn"),
            _phrases.Choice(step.Context, "stopToday", "safety.carryOn.stopToday"),
        ]), ct);
    }

    private async Task<DialogTurnResult> OnCarryOnAsync(WaterfallStepContext<Values> step, Options options, string answer, CancellationToken ct)
    {
        if (answer == "stopToday")
        {
            await _recorder.EndTodayForSafetyAsync(options.LogId, ct);
            await _phrases.SayAsync(step.Context, "safety.stoppedToday", ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        return await step.EndDialogAsync(ExerciseResult.Stopped, ct);
    }

    /// <summary>
    /// One tap runs the whole set: this sends its first frame as the question (Stop is its button) and hands the rest to
    /// <see cref="GuidedSetRunner"/>, which edits that message through every hold and rest and ends on Done / Skip.
    /// </summary>
    private async Task<DialogTurnResult> StartSetAsync(WaterfallStepContext<Values> step, PrescriptionItem item, CancellationToken ct)
    {
        var turn = step.Context;
        var plan = GuidedSetPlan.For(item.Dose, _sets.Options);
        var frames = plan.Frames(_sets.Options);
        var name = item.Exercise!.TextFor(turn.Activity.Locale ?? "en").Name;
        List<Choice> choices =
        [
            _phrases.Choice(turn, StopSet, "set.stop"),
            _phrases.Choice(turn, Done, "exercise.choices.done"),
            _phrases.Choice(turn, Skip, "exercise.choices.skip"),
        ];
        var prompt = new PromptOptions
        {
            Prompt = GuidedSetRunner.InPlace((Activity)MessageFactory.Text(FrameText(turn, name, plan, frames[0]))),
            RetryPrompt = (Activity)MessageFactory.Text(_phrases.Get(turn, "set.stillRunning")),
            Choices = choices,
        };
        step.Values.Pending = SetRunning;
        step.Values.SetStartedAt = _clock.GetUtcNow();
        step.Values.SetRoundsDone = 0;

        // The prompt sends exactly one message here: the set message, edited from now on.
        string? messageId = null;
        var capturing = true;
        turn.OnSendActivities(async (_, activities, next) =>
        {
            var responses = await next();
            if (capturing && messageId is null && responses.Length > 0)
                messageId = responses[^1]?.Id;
            return responses;
        });
        var result = await step.PromptAsync(Prompts.GuidedSet, prompt, ct);
        capturing = false;
        step.Values.SetMessageId = messageId;
        var promptId = step.ActiveDialog?.GetState<PromptState>().Options.PromptId ?? "";
        if (messageId is null)
            return result; // a channel that gave no id cannot edit: the patient answers Stop / Done / Skip as typed

        var views = new List<(TimeSpan, Activity)>();
        foreach (var frame in frames.Skip(1))
            views.Add((frame.At, View(FrameText(turn, name, plan, frame), choices.Take(1), promptId)));
        var endButtons = choices.Skip(1).ToList();
        views.Add((plan.Length, View(_phrases.Get(turn, "set.finished", ("name", name)), endButtons, promptId)));
        var interrupted = new GuidedSetRecord
        {
            PatientId = ChatPerson.Of(turn).PatientId,
            PromptId = promptId,
            Question = _phrases.Get(turn, "set.interrupted", ("name", name)),
            Buttons = endButtons,
            StartedAt = step.Values.SetStartedAt.Value,
        };
        await _sets.StartAsync(turn, messageId, views, interrupted, ct);
        return result;
    }

    private static Activity View(string text, IEnumerable<Choice> buttons, string promptId)
    {
        var view = GuidedSetRunner.InPlace((Activity)MessageFactory.Text(text));
        view.SuggestedActions = ChoiceFactory.SuggestedActions(buttons);
        PromptIdentity.Stamp(view, promptId);
        return view;
    }

    private string FrameText(ITurnContext turn, string name, GuidedSetPlan plan, GuidedSetFrame frame)
    {
        var step = frame.Step;
        var seconds = ("seconds", (object?)frame.SecondsLeft);
        var header = step.Kind is GuidedStepKind.GetReady or GuidedStepKind.ChangeSides
            ? name
            : _phrases.Get(turn, step.SecondSide ? "set.roundOtherSide" : "set.round", ("name", name), ("round", step.Round), ("rounds", step.Rounds));
        var line = step.Kind switch
        {
            GuidedStepKind.GetReady => _phrases.Get(turn, "set.getReady", seconds),
            GuidedStepKind.Hold => _phrases.Get(turn, "set.hold", ("repetition", step.Repetition), ("repetitions", step.Repetitions), seconds),
            GuidedStepKind.Relax => _phrases.Get(turn, "set.relax", seconds),
            GuidedStepKind.Repetitions => _phrases.Get(turn, "set.repetitions", ("repetitions", step.Repetitions), seconds),
            GuidedStepKind.Rest => _phrases.Get(turn, "set.rest", ("next", step.Round + 1), seconds),
            _ => _phrases.Get(turn, "set.changeSides", seconds),
        };
        return $"{header}\n{line}\n{_phrases.Get(turn, "set.running")}";
    }

    /// <summary>An answer while the set runs or at its end: Done and Skip as at the card; Stop asks how far it got.</summary>
    private async Task<DialogTurnResult> OnSetAnswerAsync(WaterfallStepContext<Values> step, Options options, string answer, CancellationToken ct)
    {
        if (answer != StopSet)
            return await OnAnswerAsync(step, options, answer, ct);
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        var plan = GuidedSetPlan.For(item.Dose, _sets.Options);
        var elapsed = _clock.GetUtcNow() - (step.Values.SetStartedAt ?? _clock.GetUtcNow());
        var rounds = plan.RoundsDoneBy(elapsed);
        var name = item.Exercise!.TextFor(step.Context.Activity.Locale ?? "en").Name;
        if (step.Values.SetMessageId is { } messageId)
            await ShowStoppedAsync(step.Context, messageId, _phrases.Get(step.Context, "set.stoppedHeader", ("name", name)), ct);
        step.Values.SetRoundsDone = rounds;
        step.Values.Pending = AfterStop;
        var choices = new List<Choice>();
        if (rounds > 0 && rounds < plan.TotalRounds)
            choices.Add(_phrases.Choice(step.Context, PartlyDone, "set.partial", ("done", rounds), ("rounds", plan.TotalRounds)));
        choices.Add(_phrases.Choice(step.Context, Done, rounds > 0 && rounds < plan.TotalRounds ? "set.allDone" : "exercise.choices.done"));
        choices.Add(_phrases.Choice(step.Context, Skip, "exercise.choices.skip"));
        var question = rounds > 0
            ? _phrases.Choices(step.Context, "set.askAfterStop", choices, ("done", rounds), ("rounds", plan.TotalRounds))
            : _phrases.Choices(step.Context, "set.askAfterStopNone", choices);
        return await step.PromptAsync(Prompts.Choice, question, ct);
    }

    private static async Task ShowStoppedAsync(ITurnContext turn, string messageId, string text, CancellationToken ct)
    {
        var update = GuidedSetRunner.InPlace((Activity)MessageFactory.Text(text));
        update.Id = messageId;
        try
        {
            await turn.UpdateActivityAsync(update, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not InvalidOperationException)
        {
            // The countdown left on screen is only cosmetic: the next question says what happened.
        }
    }

    private async Task<DialogTurnResult> OnAfterStopAsync(WaterfallStepContext<Values> step, Options options, string answer, CancellationToken ct)
    {
        if (answer != PartlyDone)
            return await OnAnswerAsync(step, options, answer, ct);
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        // Sets of the prescription: an each-side dose counts a set once both sides are through it.
        var sides = item.Dose.Side == Side.Each ? 2 : 1;
        var sets = Math.Min(item.Dose.Sets, step.Values.SetRoundsDone / sides);
        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Done, sets, pain: options.Pain), ct);
        await _phrases.SayAsync(step.Context, "exercise.done", ct);
        return await step.EndDialogAsync(ExerciseResult.Done, ct);
    }

    /// <summary>A set belongs to its exercise: when the exercise leaves the stack (answered, replaced, cancelled for safety), so does the set.</summary>
    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        await _sets.StopIfRunningAsync(turnContext, cancellationToken);
        await base.EndDialogAsync(turnContext, instance, reason, cancellationToken);
    }

    /// <summary>The reason as found at this exercise, so the alert can name it in the reader's language.</summary>
    private async Task<AlertReason> HereAsync(WaterfallStepContext<Values> step, Options options, AlertReason reason, CancellationToken ct) =>
        reason with { Moment = AlertMoment.AtExercise, ExerciseId = (await LoadItemAsync(step, options, ct))?.ExerciseId };

    private Task<PrescriptionItem?> LoadItemAsync(WaterfallStepContext<Values> step, Options options, CancellationToken ct) =>
        LoadItemAsync(_recorder, ChatPerson.Of(step.Context).PatientId, options, ct);

    /// <summary>The program item an exercise dialog shows, or null when the program changed under it.</summary>
    private static async Task<PrescriptionItem?> LoadItemAsync(SessionRecorder recorder, Guid patientId, Options options, CancellationToken ct)
    {
        var plan = await recorder.LoadTodayAsync(patientId, ct);
        return plan?.Prescription?.Id == options.PrescriptionId ? plan.Items.FirstOrDefault(i => i.Id == options.ItemId) : null;
    }

    /// <summary>
    /// The library exercise the exercise dialog <paramref name="instance"/> on the stack is showing, for what is said
    /// over its card (a warning sign typed there names the exercise in the therapist's alert).
    /// </summary>
    public static async Task<Guid?> ShownExerciseAsync(DialogInstance instance, SessionRecorder recorder, Guid patientId, CancellationToken ct)
    {
        if (instance.Id != DialogId || instance.GetState<WaterfallState<Values>>().Options?.ToObject<Options>(DialogStateSerializer.Serializer) is not { } options)
            return null;
        return (await LoadItemAsync(recorder, patientId, options, ct))?.ExerciseId;
    }

    private static ExerciseAnswer Answer(PrescriptionItem item, ExerciseOutcome outcome, int setsDone,
        SkipReason? reason = null, int? pain = null, string? note = null) =>
        new(item.Id, item.ExerciseId, item.Order, outcome, setsDone, reason, pain, note);
}
