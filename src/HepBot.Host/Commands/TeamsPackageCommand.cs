using System.CommandLine;
using HepBot.Channels.Teams;
using HepBot.Channels.Teams.Package;
using HepBot.Conversations.Content;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Commands;

/// <summary>`teams-package --output hepbot-teams.zip`: the Teams app package from MicrosoftAppId and Teams:*.</summary>
internal static class TeamsPackageCommand
{
    public const string DefaultOutput = "hepbot-teams.zip";

    public static Command Create(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var file = new Option<FileInfo>("--output", "-o")
        {
            Description = "Where to write the zip.",
            DefaultValueFactory = _ => new FileInfo(DefaultOutput),
        };
        var command = new Command("teams-package", "Write the Microsoft Teams app package (manifest and icons) to sideload or upload.") { file };
        command.SetAction(async (parse, ct) =>
        {
            // Only settings and texts are needed: no database, no web host.
            var builder = HepBotApplication.CreateBuilder([], settings);
            builder.Logging.ClearProviders();
            await using var app = builder.Build();
            TeamsAppPackage package;
            try
            {
                package = new TeamsAppPackage(app.Configuration["MicrosoftAppId"],
                    app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value,
                    app.Services.GetRequiredService<DialogTextCatalog>());
            }
            catch (TeamsPackageException problem)
            {
                await SettingErrors.ReportAsync(error, [problem.Message]);
                return AdminDatabase.BadInput;
            }
            catch (Exception exception) when (SettingErrors.Of(exception) is { } errors)
            {
                await SettingErrors.ReportAsync(error, errors);
                return AdminDatabase.BadInput;
            }

            var target = parse.GetValue(file)!;
            target.Directory?.Create();
            await using (var zip = new FileStream(target.FullName, FileMode.Create, FileAccess.Write))
                package.WriteTo(zip);
            foreach (var setting in package.PlaceholderSettings)
                await error.WriteLineAsync($"Note: {setting} is not set; the package points at {TeamsOptions.PlaceholderWebsite}. Fine for sideloading, not for a store listing.");
            await output.WriteLineAsync($"Teams app package written to {target.FullName}");
            return 0;
        });
        return command;
    }
}
