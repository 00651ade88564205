using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;

namespace HepBot.Channels.Teams.Package;

/// <summary>
/// The Teams app package to sideload or upload to a tenant's catalog: <c>manifest.json</c> (schema
/// <see cref="ManifestVersion"/>), <c>color.png</c>, <c>outline.png</c> and one localization file per
/// further language of <c>dialogs/</c> (<c>es.json</c>, ...), zipped at the root. The bot is offered in
/// personal chats, with the patient commands as its command list.
/// </summary>
public sealed class TeamsAppPackage
{
    public const string ManifestVersion = "1.19";
    public const string SchemaUrl = "https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json";
    public const string ManifestFile = "manifest.json";
    public const string ColorIconFile = "color.png";
    public const string OutlineIconFile = "outline.png";
    public const string LocalizationSchemaUrl = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json";

    /// <summary>
    /// Teams lists at most ten commands. "Delete my data" is left out of the menu on purpose: it stays one
    /// confirmation away inside the conversation, not one tap away in a list. "My data" gives its place to
    /// "I feel unwell", which matters more one tap away; it stays in the chat's menu.
    /// </summary>
    public static readonly IReadOnlyList<PatientCommand> MenuCommands =
    [
        PatientCommand.Today, PatientCommand.Unwell, PatientCommand.Progress, PatientCommand.Reminder, PatientCommand.Pause, PatientCommand.Language,
        PatientCommand.Message, PatientCommand.Help, PatientCommand.Menu, PatientCommand.Stop,
    ];

    private readonly string _botAppId;
    private readonly TeamsOptions _options;
    private readonly DialogTextCatalog _catalog;

    /// <param name="botAppId">The bot's MicrosoftAppId (a GUID): the package's bots[].botId.</param>
    public TeamsAppPackage(string? botAppId, TeamsOptions options, DialogTextCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(botAppId))
            throw new TeamsPackageException("MicrosoftAppId is not set: the Teams package needs the bot's Entra app id as bots[].botId. Set MicrosoftAppId (for example with dotnet user-secrets or the MicrosoftAppId environment variable).");
        if (!Guid.TryParse(botAppId, out _))
            throw new TeamsPackageException("MicrosoftAppId must be the bot's Entra app id, a GUID such as 00000000-0000-0000-0000-000000000000.");
        _botAppId = botAppId.Trim();
        _options = options;
        _catalog = catalog;
    }

    /// <summary>Developer URLs left at the placeholder; Teams accepts them for sideloading, a store listing does not.</summary>
    public IReadOnlyList<string> PlaceholderSettings =>
        new[] { ("Teams:WebsiteUrl", _options.WebsiteUrl), ("Teams:PrivacyUrl", _options.PrivacyUrl), ("Teams:TermsOfUseUrl", _options.TermsOfUseUrl) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();

    /// <summary>The manifest's own language: <c>Teams:Language</c>, else the dialogs' default.</summary>
    public string DefaultLanguage => _catalog.ResolveLanguage(_options.Language ?? _catalog.DefaultLanguage);

    /// <summary>Every other language of <c>dialogs/</c>, each shipped as <c>{language}.json</c>.</summary>
    public IReadOnlyList<string> AdditionalLanguages => [.. _catalog.Languages.Where(l => l != DefaultLanguage).Order(StringComparer.Ordinal)];

    public static string LocalizationFile(string language) => language + ".json";

    public JsonObject Manifest()
    {
        var language = DefaultLanguage;
        string Text(string key) => _catalog.Get(language, key);
        var website = _options.WebsiteUrl is { Length: > 0 } site ? site : TeamsOptions.PlaceholderWebsite;

        var commands = new JsonArray();
        foreach (var command in MenuCommands)
        {
            commands.Add(new JsonObject
            {
                ["title"] = SlashCommand(command),
                ["description"] = Text("commandMenu." + KeyOf(command)),
            });
        }
        var additional = new JsonArray();
        foreach (var other in AdditionalLanguages)
            additional.Add(new JsonObject { ["languageTag"] = other, ["file"] = LocalizationFile(other) });
        var localization = new JsonObject { ["defaultLanguageTag"] = language };
        if (additional.Count > 0)
            localization["additionalLanguages"] = additional;

        return new JsonObject
        {
            ["$schema"] = SchemaUrl,
            ["manifestVersion"] = ManifestVersion,
            ["version"] = _options.Version,
            ["id"] = _options.AppId is { Length: > 0 } appId ? appId : _botAppId,
            ["localizationInfo"] = localization,
            ["developer"] = new JsonObject
            {
                ["name"] = _options.DeveloperName,
                ["websiteUrl"] = website,
                ["privacyUrl"] = _options.PrivacyUrl is { Length: > 0 } privacy ? privacy : website.TrimEnd('/') + "/privacy",
                ["termsOfUseUrl"] = _options.TermsOfUseUrl is { Length: > 0 } terms ? terms : website.TrimEnd('/') + "/terms",
            },
            ["name"] = new JsonObject
            {
                ["short"] = _options.ShortName,
                ["full"] = _options.FullName is { Length: > 0 } full ? full : Text("teams.fullName"),
            },
            ["description"] = new JsonObject
            {
                ["short"] = _options.ShortDescription is { Length: > 0 } shortText ? shortText : Text("teams.shortDescription"),
                ["full"] = _options.FullDescription is { Length: > 0 } fullText ? fullText : Text("teams.fullDescription"),
            },
            ["icons"] = new JsonObject { ["color"] = ColorIconFile, ["outline"] = OutlineIconFile },
            ["accentColor"] = _options.AccentColor,
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = _botAppId,
                ["scopes"] = new JsonArray("personal"),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
                ["commandLists"] = new JsonArray(new JsonObject
                {
                    ["scopes"] = new JsonArray("personal"),
                    ["commands"] = commands,
                }),
            }),
            ["validDomains"] = new JsonArray([.. _options.ValidDomains.Select(d => (JsonNode)JsonValue.Create(d))]),
        };
    }

    /// <summary>
    /// One language's texts for the manifest's localizable keys: the names, descriptions and command
    /// descriptions from that language's dialogs. A text set in <c>Teams:*</c> is one text for every
    /// language, so it is left to the manifest. Command titles are slash commands, the same everywhere.
    /// </summary>
    public JsonObject Localization(string language)
    {
        string Text(string key) => _catalog.Get(language, key);
        var file = new JsonObject { ["$schema"] = LocalizationSchemaUrl };
        if (_options.FullName is not { Length: > 0 })
            file["name.full"] = Text("teams.fullName");
        if (_options.ShortDescription is not { Length: > 0 })
            file["description.short"] = Text("teams.shortDescription");
        if (_options.FullDescription is not { Length: > 0 })
            file["description.full"] = Text("teams.fullDescription");
        for (var i = 0; i < MenuCommands.Count; i++)
            file[$"bots[0].commandLists[0].commands[{i}].description"] = Text("commandMenu." + KeyOf(MenuCommands[i]));
        return file;
    }

    public void WriteTo(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, ManifestFile, JsonSerializer.SerializeToUtf8Bytes(Manifest(), ManifestJson));
        Add(zip, ColorIconFile, TeamsIcons.Color(_options.AccentColor));
        Add(zip, OutlineIconFile, TeamsIcons.Outline());
        foreach (var language in AdditionalLanguages)
            Add(zip, LocalizationFile(language), JsonSerializer.SerializeToUtf8Bytes(Localization(language), ManifestJson));
    }

    /// <summary>Slash commands work in every language, so a Spanish patient can use the English-labelled menu too.</summary>
    public static string SlashCommand(PatientCommand command)
    {
        var slash = "/" + command.ToString().ToLowerInvariant();
        return CommandRecognizer.SlashCommands.TryGetValue(slash, out var recognized) && recognized == command
            ? slash
            : throw new InvalidOperationException($"{command} has no slash command of its own.");
    }

    private static string KeyOf(PatientCommand command) => CommandRecognizer.WordsKey(command)["commands.".Length..];

    // Accents and apostrophes stay readable in the manifest; it is a file, not HTML.
    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}

/// <summary>The package cannot be written as configured; the message names the setting to fix.</summary>
public sealed class TeamsPackageException(string message) : Exception(message);
