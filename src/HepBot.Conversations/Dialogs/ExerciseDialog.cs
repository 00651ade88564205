using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Sessions;
using HepBot.Core.Alerts;
using HepBot.Core.Prescriptions;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;

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
        HoldTimer = "holdTimer", RestTimer = "restTimer", SafetyCheck = "safety", TellTherapist = "tellTherapist";

    private readonly Phrases _phrases;
    private readonly SessionRecorder _recorder;
    private readonly AlertRecorder _alerts;
    private readonly ExerciseCard _card;
    private readonly ExerciseTimer _timer;
    private readonly PainTriageOptions _pain;

    public ExerciseDialog(Phrases phrases, SessionRecorder recorder, AlertRecorder alerts, ExerciseCard card,
        ExerciseTimer timer, PainTriageOptions pain) : base(DialogId)
    {
        _phrases = phrases;
        _recorder = recorder;
        _alerts = alerts;
        _card = card;
        _timer = timer;
        _pain = pain;
        AddStep(AskAsync);
        AddStep(HandleAsync);
        AddStep(HandleAsync);
        AddStep(HandleAsync);
    }

    public sealed record Options(Guid LogId, Guid PrescriptionId, Guid ItemId, int Number, int Total, bool Quiet = false);

    public sealed class Values
    {
        public string? Pending { get; set; }
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var options = step.GetOptions<Options>();
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct); // the program changed under us: move on
        if (!options.Quiet)
            await step.Context.SendActivityAsync(_card.Build(step.Context, item, options.Number, options.Total), ct);

        var choices = new List<Choice>
        {
            _phrases.Choice(step.Context, Done, "exercise.choices.done"),
            _phrases.Choice(step.Context, Skip, "exercise.choices.skip"),
            _phrases.Choice(step.Context, Painful, "exercise.choices.painful"),
            _phrases.Choice(step.Context, Again, "exercise.choices.again"),
        };
        if (item.Dose.HoldSeconds is { } hold)
            choices.Add(_phrases.Choice(step.Context, HoldTimer, "exercise.choices.holdTimer", ("seconds", hold)));
        if (item.Dose.Sets > 1 && item.Dose.RestSeconds > 0)
            choices.Add(_phrases.Choice(step.Context, RestTimer, "exercise.choices.restTimer", ("seconds", item.Dose.RestSeconds)));
        step.Values.Pending = "answer";
        return await step.PromptAsync(Prompts.Choice, _phrases.Choices(step.Context, "exercise.ask", choices), ct);
    }

    private async Task<DialogTurnResult> HandleAsync(WaterfallStepContext<Values> step, CancellationToken ct)
    {
        var options = step.GetOptions<Options>();
        var pending = step.Values.Pending;
        step.Values.Pending = null;
        return pending switch
        {
            "answer" => await OnAnswerAsync(step, options, step.GetResult<FoundChoice>().Value, ct),
            Skip => await OnSkipReasonAsync(step, options, (SkipReason)step.Result!, ct),
            Painful => await OnPainAsync(step, options, step.GetResult<int>(), ct),
            SafetyCheck => await OnSafetyCheckAsync(step, options, step.Result as RedFlag?, ct),
            TellTherapist => await OnTellTherapistAsync(step, options, step.GetResult<bool>(), ct),
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
                await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Done, item.Dose.Sets), ct);
                await _phrases.SayAsync(step.Context, "exercise.done", ct);
                return await step.EndDialogAsync(ExerciseResult.Done, ct);
            case Skip:
                step.Values.Pending = Skip;
                return await step.BeginDialogAsync(SkipReasonDialog.DialogId, new SkipReasonDialog.Options(WholeDay: false), ct);
            case Painful:
                step.Values.Pending = Painful;
                return await step.PromptAsync(Prompts.Pain, _phrases.Question(step.Context, "exercise.askPain", "session.retryPain"), ct);
            case Again:
                return await step.ReplaceDialogAsync(DialogId, options with { Quiet = false }, ct);
            case HoldTimer when item.Dose.HoldSeconds is { } hold:
                await StartTimerAsync(step, hold, "exercise.timerHoldStart", "exercise.timerHoldDone", ct);
                return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true }, ct);
            case RestTimer:
                await StartTimerAsync(step, item.Dose.RestSeconds, "exercise.timerRestStart", "exercise.timerRestDone", ct);
                return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true }, ct);
            default:
                return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true }, ct);
        }
    }

    private async Task<DialogTurnResult> OnSkipReasonAsync(WaterfallStepContext<Values> step, Options options, SkipReason reason, CancellationToken ct)
    {
        var item = await LoadItemAsync(step, options, ct);
        if (item is null)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Skipped, 0, reason), ct);
        await _phrases.SayAsync(step.Context, "skip.answer." + SkipReasonDialog.Key(reason), ct);
        if (reason != SkipReason.UnsureHow)
            return await step.EndDialogAsync(ExerciseResult.Skipped, ct);

        // Unsure how: show the steps again, and offer to let the therapist know.
        await step.Context.SendActivityAsync(_card.Build(step.Context, item, options.Number, options.Total), ct);
        step.Values.Pending = TellTherapist;
        var name = item.Exercise!.TextFor(step.Context.Activity.Locale ?? "en").Name;
        return await step.PromptAsync(Prompts.Confirm,
            _phrases.Question(step.Context, "skip.offerTellTherapist", "skip.offerTellTherapist", ("name", name)), ct);
    }

    private async Task<DialogTurnResult> OnTellTherapistAsync(WaterfallStepContext<Values> step, Options options, bool tell, CancellationToken ct)
    {
        if (tell)
        {
            var item = await LoadItemAsync(step, options, ct);
            await _alerts.RaiseAsync(ChatPerson.Of(step.Context).PatientId, AlertKind.AskedForHelp, AlertSeverity.Info,
                $"Unsure how to do {item?.Exercise?.Slug ?? "an exercise"}", ct);
        }
        await _phrases.SayAsync(step.Context, tell ? "skip.toldTherapist" : "skip.notTold", ct);
        return await step.EndDialogAsync(ExerciseResult.Skipped, ct);
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
            return await step.ReplaceDialogAsync(DialogId, options with { Quiet = true }, ct);
        }

        await _recorder.RecordExerciseAsync(options.LogId, Answer(item, ExerciseOutcome.Stopped, 0, SkipReason.Pain, pain), ct);
        if (response == PainResponse.EndSession)
        {
            await _recorder.StopForSafetyAsync(options.LogId, AlertKind.HighPain, $"Pain {pain}/10 during {item.Exercise!.Slug}", ct);
            await _phrases.SayAsync(step.Context, "safety.highPainEnd", ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        await _phrases.SayAsync(step.Context, "exercise.painStop", ct);
        step.Values.Pending = SafetyCheck;
        return await step.BeginDialogAsync(SafetyCheckDialog.DialogId, null, ct);
    }

    private async Task<DialogTurnResult> OnSafetyCheckAsync(WaterfallStepContext<Values> step, Options options, RedFlag? flag, CancellationToken ct)
    {
        if (flag is { } redFlag)
        {
            await _recorder.StopForSafetyAsync(options.LogId, AlertKind.RedFlag, $"Red flag: {redFlag} (during exercise {options.Number})", ct);
            await _phrases.SayAsync(step.Context, "safety.urgentCare", ct);
            return await step.EndDialogAsync(ExerciseResult.EndSession, ct);
        }
        await _phrases.SayAsync(step.Context, "safety.noRedFlags", ct);
        await _phrases.SayAsync(step.Context, "exercise.stoppedContinue", ct);
        return await step.EndDialogAsync(ExerciseResult.Stopped, ct);
    }

    private async Task StartTimerAsync(WaterfallStepContext<Values> step, int seconds, string startKey, string doneKey, CancellationToken ct)
    {
        await _phrases.SayAsync(step.Context, startKey, ct, ("seconds", seconds));
        var duration = TimeSpan.FromSeconds(seconds);
        var messages = new List<TimedMessage> { new(duration, _phrases.Get(step.Context, doneKey)) };
        if (duration >= ExerciseTimer.HalfwayFrom)
            messages.Add(new(duration / 2, _phrases.Get(step.Context, "exercise.timerHalfway")));
        _timer.Start(step.Context, messages);
    }

    private async Task<PrescriptionItem?> LoadItemAsync(WaterfallStepContext<Values> step, Options options, CancellationToken ct)
    {
        var plan = await _recorder.LoadTodayAsync(ChatPerson.Of(step.Context).PatientId, ct);
        return plan?.Prescription?.Id == options.PrescriptionId ? plan.Items.FirstOrDefault(i => i.Id == options.ItemId) : null;
    }

    private static ExerciseAnswer Answer(PrescriptionItem item, ExerciseOutcome outcome, int setsDone,
        SkipReason? reason = null, int? pain = null) =>
        new(item.Id, item.ExerciseId, item.Order, outcome, setsDone, reason, pain);
}
