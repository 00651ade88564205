using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Safety;
using HepBot.Conversations.Sessions;
using HepBot.Core.Adherence;
using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// Today's session, from the plan to the summary. The database is the truth about where the patient
/// is: after each answer is saved the dialog replaces itself and works out the next question from
/// today's log, so a restart, a resumed chat or a redelivered message all land on the right question.
/// </summary>
public sealed class DailySessionDialog : WaterfallDialog<DailySessionDialog.Values>
{
    public const string DialogId = "dailySession";

    private const string Plan = "plan", SkipDay = "skipDay", TellTherapist = "tellTherapist", PainBefore = "painBefore",
        SafetyBefore = "safetyBefore", Exercise = "exercise", PainAfter = "painAfter", SafetyAfter = "safetyAfter",
        Difficulty = "difficulty", SkipDayUnwell = "skipDayUnwell";

    private readonly Phrases _phrases;
    private readonly SessionRecorder _recorder;
    private readonly AlertRecorder _alerts;
    private readonly ProgressReader _progress;
    private readonly PainTriageOptions _pain;
    private readonly SafetyResponder _safety;

    public DailySessionDialog(Phrases phrases, SessionRecorder recorder, AlertRecorder alerts, ProgressReader progress,
        PainTriageOptions pain, SafetyResponder safety) : base(DialogId)
    {
        _safety = safety;
        _phrases = phrases;
        _recorder = recorder;
        _alerts = alerts;
        _progress = progress;
        _pain = pain;
        AddStep(NextQuestionAsync);
        AddStep(HandleAsync);
        AddStep(HandleAsync);
        AddStep(HandleAsync);
    }

    /// <param name="Continuing">True when looping after an answer: no greeting or plan again.</param>
    /// <param name="SkipDay">"Skip today" from a reminder: straight to why, when today is still open.</param>
    /// <param name="AfterStop">The exercise just answered was stopped for pain: say so before what comes next.</param>
    public sealed record Options(bool Continuing = false, bool SkipDay = false, bool AfterStop = false);

    public sealed class Values
    {
        public string? Pending { get; set; }
        public Guid? LogId { get; set; }

        /// <summary>The pain score the pending red-flag check belongs to.</summary>
        public int? Pain { get; set; }
    }

    private async Task<DialogTurnResult> NextQuestionAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var continuing = step.HasOptions && step.GetOptions<Options>().Continuing;
        var plan = await LoadPlanAsync(step, ct);
        if (!plan.HasProgram)
            return await SayAndEndAsync(step, "session.noProgram", ct);

        var log = plan.Unfinished;
        if (log is null)
        {
            if (continuing)
                return await step.EndDialogAsync(null, ct);
            if (plan.AllSessionsFinished)
                return await SayAndEndAsync(step, FinishedTodayKey(plan), ct);
            if (!plan.IsTrainingDay)
                return await SayAndEndAsync(step, "session.restDay", ct);
            if (step.HasOptions && step.GetOptions<Options>().SkipDay)
            {
                step.Values.Pending = SkipDay;
                return await step.BeginDialogAsync(SkipReasonDialog.DialogId, new SkipReasonDialog.Options(WholeDay: true), ct);
            }
            var minutes = Math.Max(1, plan.EstimatedMinutes);
            if (plan.Items.Count == 1)
                await _phrases.SayAsync(step.Context, "session.planOne", ct, ("minutes", minutes));
            else
                await _phrases.SayAsync(step.Context, "session.plan", ct, ("count", plan.Items.Count), ("minutes", minutes));
            return await AskAsync(step, Plan, Prompts.Choice, _phrases.Choices(step.Context, "session.planChoices.prompt",
            [
                new Choice("start", _phrases.Get(step.Context, "session.planChoices.start"),
                    _phrases.Words(_phrases.Catalog.ResolveLanguage(step.Context.Activity.Locale), "commands.today")),
                _phrases.Choice(step.Context, SkipDay, "session.planChoices.skipDay"),
                _phrases.Choice(step.Context, "later", "session.planChoices.later"),
            ]), ct);
        }

        step.Values.LogId = log.Id;
        var remaining = TodayPlan.Remaining(plan.Items, log);
        if (step.HasOptions && step.GetOptions<Options>().AfterStop)
            await _phrases.SayAsync(step.Context, remaining.Count > 0 ? "session.stoppedNext" : "session.stoppedLast", ct);
        if (!continuing && log.Exercises.Count > 0 && remaining.Count > 0)
        {
            var next = TodayPlan.ExerciseOf(remaining[0]).TextFor(step.Context.Activity.Locale ?? "en").Name;
            await _phrases.SayAsync(step.Context, "session.welcomeBack", ct,
                ("counts", SessionCounts.Describe(_phrases, step.Context, log, plan.Items.Count)), ("next", next));
        }

        if (log.PainBefore is null && log.Exercises.Count == 0)
            return await AskAsync(step, PainBefore, Prompts.Pain, _phrases.Question(step.Context, "session.askPainBefore", "session.retryPain"), ct);
        if (remaining.Count > 0)
        {
            var item = remaining[0];
            step.Values.Pending = Exercise;
            return await step.BeginDialogAsync(ExerciseDialog.DialogId, new ExerciseDialog.Options(
                log.Id, plan.Prescription!.Id, item.Id, plan.Items.ToList().IndexOf(item) + 1, plan.Items.Count), ct);
        }
        if (log.PainAfter is null)
        {
            // "All done!" only when every exercise was done; a skip or a stop is not glossed over.
            var askKey = log.ExercisesDone == plan.Items.Count ? "session.askPainAfter" : "session.askPainAfterEnd";
            return await AskAsync(step, PainAfter, Prompts.Pain, _phrases.Question(step.Context, askKey, "session.retryPain"), ct);
        }
        return await AskAsync(step, Difficulty, Prompts.Choice, _phrases.Choices(step.Context, "session.askDifficulty",
            Enum.GetValues<Difficulty>().Select(d => _phrases.Choice(step.Context, d.ToString(), "session.difficulty." + Camel(d.ToString())))), ct);
    }

    /// <summary>A day stopped for safety or skipped is over as well, but it is not a "well done".</summary>
    private static string FinishedTodayKey(TodayPlan plan) =>
        plan.LogsToday.LastOrDefault(l => l.Status != SessionStatus.InProgress)?.Status switch
        {
            SessionStatus.StoppedForSafety => "session.stoppedToday",
            SessionStatus.SkippedDay => "session.skippedToday",
            _ => "session.alreadyDone",
        };

    private async Task<DialogTurnResult> HandleAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var pending = step.Values.Pending;
        step.Values.Pending = null;
        switch (pending)
        {
            case Plan:
                switch (step.GetResult<FoundChoice>().Value)
                {
                    case "start":
                        var plan = await LoadPlanAsync(step, ct);
                        step.Values.LogId = (await _recorder.BeginAsync(plan, ct)).Id;
                        // The therapist's note on a new program is read once, at the start of its first session.
                        if (plan.Prescription!.Notes is { Length: > 0 } note && !string.IsNullOrWhiteSpace(note)
                            && await _recorder.IsFirstSessionOfAsync(plan.Prescription.Id, step.Values.LogId.Value, ct))
                            await _phrases.SayAsync(step.Context, "session.programNote", ct, ("note", note.Trim()));
                        return await ContinueAsync(step, ct);
                    case SkipDay:
                        step.Values.Pending = SkipDay;
                        return await step.BeginDialogAsync(SkipReasonDialog.DialogId, new SkipReasonDialog.Options(WholeDay: true), ct);
                    default:
                        return await SayAndEndAsync(step, "session.later", ct);
                }

            case SkipDay:
                var reason = (SkipReason)step.Result!;
                if (reason == SkipReason.FeltUnwell)
                {
                    // Unwell is asked about before the day is put down as skipped: it may be a warning sign.
                    await _phrases.SayAsync(step.Context, "skip.askUnwell", ct);
                    step.Values.Pending = SkipDayUnwell;
                    return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
                }
                await _recorder.SkipDayAsync(await LoadPlanAsync(step, ct), reason, ct);
                if (reason == SkipReason.UnsureHow)
                    return await AskAsync(step, TellTherapist, Prompts.Confirm,
                        _phrases.Question(step.Context, "skip.offerTellTherapistDay", "skip.offerTellTherapistDay"), ct);
                await _phrases.SayAsync(step.Context, "skip.answer." + SkipReasonDialog.Key(reason), ct);
                return await SayAndEndAsync(step, "skip.dayAnswer", ct);

            case SkipDayUnwell:
                var signs = (IReadOnlyList<SymptomFinding>)step.Result!;
                var signsTier = UrgencyRule.TierOf(signs, null, _pain);
                if (signsTier >= UrgencyTier.SameDay)
                {
                    await _safety.RespondAsync(step.Context, new AlertReason(signsTier, signs) { Moment = AlertMoment.SkippingTheDay }, ct);
                    return await step.EndDialogAsync(null, ct);
                }
                await _recorder.SkipDayAsync(await LoadPlanAsync(step, ct), SkipReason.FeltUnwell, ct);
                if (signs.Count > 0)
                    await _safety.RaiseAsync(PatientId(step), AlertKind.RedFlag, new AlertReason(signsTier, signs) { Moment = AlertMoment.SkippingTheDay }, ct);
                await _phrases.SayAsync(step.Context, signs.Count > 0 ? "safety.unwellTherapistReview" : "safety.noRedFlags", ct);
                await _phrases.SayAsync(step.Context, "skip.answer.feltUnwell", ct);
                return await SayAndEndAsync(step, "skip.dayAnswer", ct);

            case TellTherapist:
                var tell = step.GetResult<bool>();
                if (tell)
                    await _alerts.RaiseAsync(PatientId(step), AlertKind.AskedForHelp, AlertSeverity.Info, "Unsure how to do the exercises", ct,
                        AlertMoment.SkippingTheDay);
                return await SayAndEndAsync(step, tell ? "skip.toldTherapist" : "skip.dayAnswer", ct);

            case PainBefore:
                var before = step.GetResult<int>();
                await _recorder.SetPainBeforeAsync(step.Values.LogId!.Value, before, ct);
                return PainTriage.Assess(before, _pain) switch
                {
                    PainResponse.EndSession or PainResponse.StopExercise => await CheckRedFlagsAsync(step, SafetyBefore, before, ct),
                    PainResponse.Caution => await SayAndContinueAsync(step, "session.painBeforeCaution", ct),
                    _ => await ContinueAsync(step, ct),
                };

            case SafetyBefore:
            case SafetyAfter:
                var findings = (IReadOnlyList<SymptomFinding>)step.Result!;
                var pain = step.Values.Pain;
                var tier = UrgencyRule.TierOf(findings, pain, _pain);
                if (tier >= UrgencyTier.SameDay)
                {
                    await _safety.RespondAsync(step.Context, new AlertReason(tier, findings, pain) { Moment = MomentOf(pending) }, ct);
                    return await step.EndDialogAsync(null, ct);
                }
                if (pain >= _pain.EndSessionFrom)
                    return await EndForPainAsync(step, pain.Value, findings, pending, ct);
                if (findings.Count > 0)
                {
                    await _safety.RaiseAsync(PatientId(step), AlertKind.RedFlag, new AlertReason(tier, findings, pain) { Moment = MomentOf(pending) }, ct);
                    await _phrases.SayAsync(step.Context, "safety.advice.therapistReview", ct);
                }
                else
                {
                    await _phrases.SayAsync(step.Context, "safety.noRedFlags", ct);
                }
                return pending == SafetyBefore ? await SayAndContinueAsync(step, "session.painBeforeHigh", ct) : await ContinueAsync(step, ct);

            case Exercise:
                return step.Result switch
                {
                    ExerciseResult.EndSession => await step.EndDialogAsync(null, ct),
                    ExerciseResult.Stopped => await step.ReplaceDialogAsync(DialogId, new Options(Continuing: true, AfterStop: true), ct),
                    _ => await ContinueAsync(step, ct),
                };

            case PainAfter:
                var after = step.GetResult<int>();
                await _recorder.SetPainAfterAsync(step.Values.LogId!.Value, after, ct);
                return PainTriage.Assess(after, _pain) is PainResponse.EndSession or PainResponse.StopExercise
                    ? await CheckRedFlagsAsync(step, SafetyAfter, after, ct)
                    : await ContinueAsync(step, ct);

            case Difficulty:
                var difficulty = Enum.Parse<Difficulty>(step.GetResult<FoundChoice>().Value);
                await _recorder.CompleteAsync(step.Values.LogId!.Value, difficulty, ct);
                await SendSummaryAsync(step, step.Values.LogId.Value, ct);
                return await step.EndDialogAsync(null, ct);

            default:
                throw new InvalidOperationException($"Daily session has no pending question ('{pending}').");
        }
    }

    private async Task SendSummaryAsync(WaterfallStepContext<Values> step, Guid logId, CancellationToken ct)
    {
        var log = await _recorder.GetAsync(logId, ct);
        var progress = await _progress.ReadAsync(log.PatientId, log.LocalDate, ct);
        var week = progress.ThisWeek;
        var done = log.ExercisesDone;
        var lines = new List<string>
        {
            done == log.ExercisesPlanned
                ? _phrases.Get(step.Context, "session.summary", ("done", done), ("total", log.ExercisesPlanned))
                : _phrases.Get(step.Context, "session.summaryMixed", ("counts", SessionCounts.Describe(_phrases, step.Context, log, log.ExercisesPlanned))),
            _phrases.Get(step.Context, "session.week", ("daysDone", week.DaysDone), ("daysPlanned", week.PlannedDays)),
        };
        // "A good start" is for the first run; one day again after a break is counted plainly.
        if (week.CurrentStreak > 0)
            lines.Add(week.CurrentStreak == 1 && week.BestStreak <= 1
                ? _phrases.Get(step.Context, "session.streakOne")
                : _phrases.Get(step.Context, "session.streak", ("days", week.CurrentStreak)));
        var share = log.ExercisesPlanned == 0 ? 0 : (double)done / log.ExercisesPlanned;
        lines.Add(_phrases.Get(step.Context, log.Exercises.Any(e => e.Outcome == ExerciseOutcome.Stopped) ? "session.encourageStopped"
            : share >= 1 ? "session.encourageAll"
            : share >= SessionRecord.DoneShare ? "session.encourageMost"
            : done > 0 ? "session.encourageSome"
            : "session.encourageNone"));
        await step.Context.SendActivityAsync(string.Join("\n", lines), cancellationToken: ct);
    }

    private static AlertMoment MomentOf(string? pending) => pending == SafetyBefore ? AlertMoment.BeforeSession : AlertMoment.AfterSession;

    private async Task<DialogTurnResult> EndForPainAsync(WaterfallStepContext<Values> step, int pain,
        IReadOnlyList<SymptomFinding> findings, string? pending, CancellationToken ct)
    {
        var when = pending == SafetyBefore ? "before the session" : "after the session";
        await _recorder.StopForSafetyAsync(step.Values.LogId!.Value, AlertKind.HighPain, $"Pain {pain}/10 {when}", ct,
            new AlertReason(UrgencyTier.TherapistReview, findings, pain) { Moment = MomentOf(pending) }, AlertSeverity.Urgent);
        return await SayAndEndAsync(step, "safety.highPainEnd", ct);
    }

    /// <summary>Pain from the stop threshold on: the therapist hears of it (a score that ends the session, with the
    /// session's end), and the red-flag check runs first so the advice fits the worst finding.</summary>
    private async Task<DialogTurnResult> CheckRedFlagsAsync(WaterfallStepContext<Values> step, string pending, int pain, CancellationToken ct)
    {
        if (pain < _pain.EndSessionFrom)
            await _safety.RaiseAsync(PatientId(step), AlertKind.HighPain,
                new AlertReason(UrgencyTier.TherapistReview, [], pain) { Moment = MomentOf(pending) }, ct);
        step.Values.Pain = pain;
        step.Values.Pending = pending;
        return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
    }

    private static async Task<DialogTurnResult> AskAsync(WaterfallStepContext<Values> step, string pending, string promptId,
        PromptOptions options, CancellationToken ct)
    {
        step.Values.Pending = pending;
        return await step.PromptAsync(promptId, options, ct);
    }

    private async Task<DialogTurnResult> SayAndEndAsync(WaterfallStepContext<Values> step, string key, CancellationToken ct)
    {
        await _phrases.SayAsync(step.Context, key, ct);
        return await step.EndDialogAsync(null, ct);
    }

    private async Task<DialogTurnResult> SayAndContinueAsync(WaterfallStepContext<Values> step, string key, CancellationToken ct)
    {
        await _phrases.SayAsync(step.Context, key, ct);
        return await ContinueAsync(step, ct);
    }

    private static Task<DialogTurnResult> ContinueAsync(WaterfallStepContext<Values> step, CancellationToken ct) =>
        step.ReplaceDialogAsync(DialogId, new Options(Continuing: true), ct);

    private async Task<TodayPlan> LoadPlanAsync(WaterfallStepContext<Values> step, CancellationToken ct) =>
        await _recorder.LoadTodayAsync(PatientId(step), ct)
        ?? throw new InvalidOperationException("The patient of this chat no longer exists.");

    private static Guid PatientId(WaterfallStepContext<Values> step) => ChatPerson.Of(step.Context).PatientId;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
