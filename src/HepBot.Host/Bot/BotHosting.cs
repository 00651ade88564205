using HepBot.Channels;
using HepBot.Conversations;
using HepBot.Conversations.Content;
using HepBot.Conversations.Linking;
using HepBot.Core.Safety;
using HepBot.Data.BotState;
using HepBot.Host.Configuration;
using HepBot.Host.ExerciseLibrary;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Bot;

/// <summary>
/// The bot inside the web host: its dialogs and texts, conversation state in the HepBot database, and
/// the Bot Framework endpoint (<c>POST /api/messages</c>) that Teams, the Emulator and Agents Playground talk to.
/// </summary>
internal static class BotHosting
{
    public static void AddBot(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var contentRoot = builder.Environment.ContentRootPath;

        services.AddOptions<DialogsOptions>().Bind(configuration.GetSection(DialogsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PainTriageOptions>().Bind(configuration.GetSection(PainTriageOptionsValidator.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PainTriageOptions>, PainTriageOptionsValidator>();
        services.AddOptions<HepBot.Core.Sessions.GuidedSetOptions>().Bind(configuration.GetSection(HepBot.Core.Sessions.GuidedSetOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HepBot.Core.Sessions.GuidedSetOptions>, GuidedSetOptionsValidator>();
        services.AddOptions<LinkingOptions>().Bind(configuration.GetSection(LinkingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The languages patients may choose are the languages of dialogs/; resolving this at start-up
        // also loads and checks every text and symptom lexicon, so a missing key, placeholder or lexicon entry stops start-up.
        services.AddOptions<LocalizationOptions>()
            .Configure<DialogTextCatalog, HepBot.Conversations.Safety.SymptomLexicons>((o, catalog, _) => o.SupportedLocales = [.. catalog.Languages])
            .ValidateOnStart();

        var dialogs = configuration.GetSection(DialogsOptions.SectionName).Get<DialogsOptions>() ?? new DialogsOptions();
        var library = configuration.GetSection(ExerciseLibraryOptions.SectionName).Get<ExerciseLibraryOptions>() ?? new ExerciseLibraryOptions();
        services.AddHepBotConversations(
            RepositoryRoot.Resolve(dialogs.Folder, contentRoot),
            RepositoryRoot.Resolve(library.MediaFolder, contentRoot));
        services.AddSingleton<IStorage, DatabaseBotStorage>();

        services.AddHepBotChannels(configuration, localTraffic: BotMessagesEndpoint.AcceptsLocalTraffic(configuration, builder.Environment));
    }
}
