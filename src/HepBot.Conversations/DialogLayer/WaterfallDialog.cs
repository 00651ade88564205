using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.DialogLayer;

public delegate Task<DialogTurnResult> WaterfallStep<TValues>(
    WaterfallStepContext<TValues> stepContext, CancellationToken cancellationToken)
    where TValues : class, new();

/// <summary>
/// A dialog that runs its steps in order, one step per reply, like Bot Framework's
/// <c>WaterfallDialog</c>. <typeparamref name="TValues"/> is the dialog's own class for what it
/// collects along the way (<see cref="WaterfallStepContext{TValues}.Values"/>), persisted between turns.
/// </summary>
public class WaterfallDialog<TValues> : Dialog
    where TValues : class, new()
{
    private readonly List<WaterfallStep<TValues>> _steps;

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep<TValues>>? steps = null)
        : base(dialogId) =>
        _steps = steps?.ToList() ?? [];

    public int StepCount => _steps.Count;

    public WaterfallDialog<TValues> AddStep(WaterfallStep<TValues> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(
        DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var state = new WaterfallState<TValues>
        {
            Options = options is null ? null : JToken.FromObject(options, DialogStateSerializer.Serializer),
        };
        Instance(dc).SetState(state);
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <summary>The user's reply goes to the next step as <see cref="WaterfallStepContext{TValues}.Result"/> (the text).</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(
        DialogContext dc, CancellationToken cancellationToken = default)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return Task.FromResult(EndOfTurn);
        }

        return ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        var state = Instance(dc).GetState<WaterfallState<TValues>>();
        return RunStepAsync(dc, state.StepIndex + 1, reason, result, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(
        DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            // Past the last step: the waterfall ends with whatever the last step produced.
            return await dc.EndDialogAsync(result, cancellationToken);
        }

        var state = Instance(dc).GetState<WaterfallState<TValues>>();
        state.StepIndex = index;
        var stepContext = new WaterfallStepContext<TValues>(this, dc, state, index, reason, result);
        return await _steps[index](stepContext, cancellationToken);
    }

    private DialogInstance Instance(DialogContext dc)
    {
        var active = dc.ActiveDialog;
        if (active is null || active.Id != Id)
        {
            throw new InvalidOperationException($"Waterfall '{Id}' is not the active dialog.");
        }

        return active;
    }
}

/// <summary>The persisted state of a <see cref="WaterfallDialog{TValues}"/>.</summary>
public sealed class WaterfallState<TValues>
    where TValues : class, new()
{
    public int StepIndex { get; set; }

    public TValues Values { get; set; } = new();

    /// <summary>The options the waterfall was begun with, read typed through <see cref="WaterfallStepContext{TValues}.GetOptions{T}"/>.</summary>
    public JToken? Options { get; set; }
}
