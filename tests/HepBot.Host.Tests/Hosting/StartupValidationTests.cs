using HepBot.Data;
using HepBot.Host.Commands;
using HepBot.Host.Tests.Support;
using HepBot.Testing;

namespace HepBot.Host.Tests.Hosting;

/// <summary>A bad setting stops start-up with a message that names it.</summary>
public class StartupValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Database:Provider", "Oracle", "Database:Provider" },
        { "Database:Provider", "3", "Database:Provider" },
        { "GuidedSet:CountdownEverySeconds", "1", "GuidedSet:CountdownEverySeconds" },
        { "GuidedSet:GetReadySeconds", "0", "GuidedSet:GetReadySeconds" },
        { "Invitations:ExpiryDays", "0", "Invitations:ExpiryDays" },
        { "Invitations:ExpiryDays", "365", "Invitations:ExpiryDays" },
        { "Telegram:BotUsername", "@clinic", "Telegram:BotUsername" },
        { "Telegram:BotToken", "not-a-token", "Telegram:BotToken" },
        { "Telegram:ApiBaseUrl", "api.telegram.org", "Telegram:ApiBaseUrl" },
        { "ExerciseLibrary:Path", "", "ExerciseLibrary:Path" },
        { "Pictures:AccentColour", "teal-ish", "Pictures:AccentColour" },
        { "Pictures:PublicBaseUrl", "http://hepbot.example.org", "Pictures:PublicBaseUrl" },
        { "Pictures:PosesPath", "library/no-poses.yaml", "Pictures:PosesPath" },
        { "Demo:TimeZone", "Middle/Earth", "Demo:TimeZone" },
        { "Scheduling:Clustered", "true", "Scheduling:Clustered" },
        { "Scheduling:ThreadCount", "0", "Scheduling:ThreadCount" },
        { "Scheduling:NightlyAdherenceCron", "every night", "Scheduling:NightlyAdherenceCron" },
        { "Scheduling:NightlyBatchSize", "0", "Scheduling:NightlyBatchSize" },
        { "Scheduling:NightlyParallelPages", "0", "Scheduling:NightlyParallelPages" },
        { "Reminders:NudgeAfter", "00:00:00", "Reminders:NudgeAfter" },
        { "AlertRules:LowAdherenceBelow", "2", "AlertRules:LowAdherenceBelow" },
        { "Smtp:Host", "smtp.clinic.test", "Smtp:From" },
        { "BotFramework:ServiceUrls:0", "http://connector.clinic.test/", "BotFramework:ServiceUrls" },
        { "ReverseProxy:KnownProxies:0", "proxy.clinic.test", "ReverseProxy:KnownProxies" },
        { "OpenTelemetry:OtlpEndpoint", "collector:4317", "OpenTelemetry:OtlpEndpoint" },
        { "OpenTelemetry:ServiceName", "hep bot", "OpenTelemetry:ServiceName" },
        // Teams on with the SingleTenant default of appsettings.json, and no tenant.
        { "MicrosoftAppId", "9f0c1a52-3a7e-4d8b-9b61-2f4d8e6c7a10", "MicrosoftAppTenantId" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_web_host_does_not_start(string key, string value, string named)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = HepBotHostFactory.SettingsFor(database.Provider, database.ConnectionString,
            new Dictionary<string, string?> { [key] = value, ["Demo:Enabled"] = "true" });

        var (exitCode, error) = await RunHostAsync(settings);

        Assert.Equal(1, exitCode);
        Assert.Contains(named, error);
    }

    [Fact]
    public async Task A_telegram_webhook_needs_its_secret()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = HepBotHostFactory.SettingsFor(database.Provider, database.ConnectionString, new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "123456789:AAEexampleexampleexampleexample",
            ["Telegram:WebhookUrl"] = "https://hepbot.example/api/telegram/updates",
        });

        var (exitCode, error) = await RunHostAsync(settings);

        Assert.Equal(1, exitCode);
        Assert.Contains("Telegram:WebhookSecret is required when Telegram:WebhookUrl is set", error);
        Assert.DoesNotContain("AAEexample", error);
    }

    [Fact]
    public async Task A_server_provider_needs_a_connection_string()
    {
        var (exitCode, error) = await RunHostAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:HepBot"] = "",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:HepBot", error);
    }

    [Fact]
    public async Task A_verb_exits_non_zero_naming_the_setting()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await HepBotCommandLine.InvokeAsync(["migrate"], output, error,
            new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("Database:Provider 'Oracle'", error.ToString());
    }

    /// <summary>Runs the web host as `dotnet run` does; a host that does start is stopped after a while, and exits 0.</summary>
    private static async Task<(int ExitCode, string Error)> RunHostAsync(Dictionary<string, string?> settings)
    {
        settings["urls"] = "http://127.0.0.1:0";
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(20));
        var error = new StringWriter();
        var exitCode = await HepBotCommandLine.InvokeAsync([], new StringWriter(), error, settings, cancellationToken: patience.Token);
        return (exitCode, error.ToString());
    }
}
