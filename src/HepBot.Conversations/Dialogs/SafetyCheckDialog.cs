using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Core.Safety;

namespace HepBot.Conversations.Dialogs;

/// <summary>
/// The red-flag check: one question listing the warning signs, answered with one tap. Ends with the
/// <see cref="RedFlag"/> the patient has, or null for none. Saying and recording what follows is the
/// caller's job, because it knows which session to stop.
/// </summary>
public sealed class SafetyCheckDialog : WaterfallDialog<SafetyCheckDialog.Values>
{
    public const string DialogId = "safetyCheck";
    private const string None = "none";

    public SafetyCheckDialog(Phrases phrases) : base(DialogId)
    {
        AddStep(async (step, ct) => await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context, "safety.askRedFlags",
            Enum.GetValues<RedFlag>().Select(f => phrases.Choice(step.Context, f.ToString(), "safety.redFlag." + Camel(f)))
                .Append(phrases.Choice(step.Context, None, "safety.noneOfThese"))), ct));
        AddStep((step, ct) =>
        {
            var answer = step.GetResult<FoundChoice>().Value;
            return step.EndDialogAsync(answer == None ? null : Enum.Parse<RedFlag>(answer), ct);
        });
    }

    public static string Camel(RedFlag flag) => char.ToLowerInvariant(flag.ToString()[0]) + flag.ToString()[1..];

    public sealed class Values;
}
