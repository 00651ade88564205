using System.CommandLine;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Linking;
using HepBot.Host.Commands;
using HepBot.Host.Database;
using Microsoft.Bot.Builder;

namespace HepBot.Host.Chat;

/// <summary>
/// `chat`: talk to HepBot in the terminal through the same bot, dialogs and database as every channel.
/// The console conversation links itself to the demo patient with the demo invitation the first time
/// (or to any patient with --code), and later runs continue where the patient left off.
/// </summary>
internal static class ChatCommand
{
    public const string ConversationId = "console-demo";

    public static Command Create(TextReader input, TextWriter output, TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var code = new Option<string?>("--code") { Description = "Link the console chat with this invitation code instead of the demo patient's." };
        var language = new Option<string>("--language")
        {
            Description = "The language the chat reports for you before a patient is linked (the patient's own language wins).",
            DefaultValueFactory = _ => "en",
        };
        var chat = new Command("chat", "Talk to HepBot in this terminal: the first run links the demo patient, --code links another, later runs continue as the linked patient. Buttons are numbered; /quit ends.")
        {
            code,
            language,
        };
        chat.SetAction((parse, ct) => AdminDatabase.RunAsync(settings, error, async (_, services) =>
        {
            var demo = await DatabaseStartup.PrepareDatabaseAsync(services, ensureDemoKey: false, ct);
            var account = await services.GetRequiredService<ChatDirectory>()
                .IdentifyAsync(ConsoleChatAdapter.ChannelId, ConversationId, null, ct);

            string? firstMessage = null;
            var linkCode = parse.GetValue(code) ?? (account.IsLinked ? null : demo?.Invitation.Code);
            if (linkCode is not null)
                firstMessage = $"/start {linkCode}";
            else if (!account.IsLinked)
            {
                await error.WriteLineAsync("The console chat is not linked and there is no demo patient: pass --code with an invitation code.");
                return AdminDatabase.BadInput;
            }

            await output.WriteLineAsync("HepBot chat: type your answers, or the number of a button. Type /quit to leave.");
            await output.WriteLineAsync("Exercise pictures are shown as the address of their file: [image/gif: file:///…].");
            if (services.GetService<HepBot.Pictures.ExercisePictureAddress>()?.BaseUrl is not { Length: > 0 })
                await output.WriteLineAsync(ExercisePictures.PictureHosting.TeamsNeeds);
            var adapter = new ConsoleChatAdapter(input, output, ConversationId, parse.GetValue(language)!);
            adapter.Use(services.GetRequiredService<OneTurnAtATimeMiddleware>());
            adapter.OnTurnError = TurnErrors.Handler(services.GetRequiredService<Phrases>(), services.GetRequiredService<ILogger<ConsoleChatAdapter>>());
            await adapter.RunAsync(services.GetRequiredService<IBot>(), firstMessage ?? "/menu", ct);
            return 0;
        }, ct));
        return chat;
    }
}
