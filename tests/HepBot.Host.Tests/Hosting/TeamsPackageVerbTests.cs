using System.IO.Compression;
using System.Text.Json.Nodes;
using HepBot.Data;
using HepBot.Host.Commands;
using HepBot.Host.Tests.Support;

namespace HepBot.Host.Tests.Hosting;

/// <summary>`dotnet run --project src/HepBot.Host -- teams-package --output hepbot.zip`, from the configured settings.</summary>
public sealed class TeamsPackageVerbTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hepbot-teams-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_verb_writes_a_package_for_the_configured_bot()
    {
        var zipPath = Path.Combine(_folder, "out", "hepbot.zip");

        var (exitCode, output, error) = await RunAsync(["teams-package", "--output", zipPath], new()
        {
            ["MicrosoftAppId"] = "9f0c1a52-3a7e-4d8b-9b61-2f4d8e6c7a10",
            ["Teams:ShortName"] = "Fisio Norte",
            ["Teams:WebsiteUrl"] = "https://fisionorte.example.es",
        });

        Assert.Equal(0, exitCode);
        Assert.Contains(zipPath, output);
        Assert.Contains("Teams:PrivacyUrl is not set", error);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "es.json", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var manifestStream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(manifestStream)!;
        Assert.Equal(("9f0c1a52-3a7e-4d8b-9b61-2f4d8e6c7a10", "Fisio Norte", "https://fisionorte.example.es/privacy"),
            ((string?)manifest["bots"]![0]!["botId"], (string?)manifest["name"]!["short"], (string?)manifest["developer"]!["privacyUrl"]));
    }

    [Fact]
    public async Task Without_MicrosoftAppId_the_verb_says_which_setting_is_missing()
    {
        var zipPath = Path.Combine(_folder, "hepbot.zip");

        var (exitCode, _, error) = await RunAsync(["teams-package", "--output", zipPath], new());

        Assert.Equal(1, exitCode);
        Assert.Contains("MicrosoftAppId is not set", error);
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public async Task A_bad_Teams_setting_is_named()
    {
        var (exitCode, _, error) = await RunAsync(["teams-package", "--output", Path.Combine(_folder, "x.zip")], new()
        {
            ["MicrosoftAppId"] = "9f0c1a52-3a7e-4d8b-9b61-2f4d8e6c7a10",
            ["Teams:AccentColor"] = "green",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Teams:AccentColor must be a colour like #2E7D6B.", error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, Dictionary<string, string?> extra)
    {
        // A database the verb never opens: the package needs settings and texts only.
        var settings = HepBotHostFactory.SettingsFor(DatabaseProvider.Sqlite, $"Data Source={Path.GetTempPath()}/hepbot-unused-{Guid.NewGuid():N}.db", extra);
        settings.TryAdd("MicrosoftAppId", "");
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await HepBotCommandLine.InvokeAsync(args, output, error, settings, cancellationToken: TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
