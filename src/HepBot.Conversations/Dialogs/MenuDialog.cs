using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;

namespace HepBot.Conversations.Dialogs;

/// <summary>The menu: every command as a button, then the chosen command.</summary>
public sealed class MenuDialog : WaterfallDialog<MenuDialog.Values>
{
    public const string DialogId = "menu";

    /// <summary>The commands the menu offers, in order.</summary>
    public static readonly PatientCommand[] Items =
    [
        PatientCommand.Today, PatientCommand.Unwell, PatientCommand.Progress, PatientCommand.Reminder, PatientCommand.Pause,
        PatientCommand.Language, PatientCommand.Message, PatientCommand.MyData, PatientCommand.ForgetMe, PatientCommand.Help,
    ];

    public MenuDialog(Phrases phrases, CommandRouter router) : base(DialogId)
    {
        AddStep(async (step, ct) => await step.PromptAsync(Prompts.Choice, phrases.Choices(step.Context, "menu.prompt",
            Items.Select(c => phrases.Choice(step.Context, c.ToString(), "menu.items." + char.ToLowerInvariant(c.ToString()[0]) + c.ToString()[1..]))), ct));
        AddStep(async (step, ct) =>
        {
            var command = Enum.Parse<PatientCommand>(step.GetResult<FoundChoice>().Value);
            return await router.RunAsync(step, command, ct) ?? await step.EndDialogAsync(null, ct);
        });
    }

    public sealed class Values;
}
