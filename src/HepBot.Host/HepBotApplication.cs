using HepBot.Host.ExercisePictures;
using HepBot.Data;
using HepBot.Host.Api;
using HepBot.Host.Api.Adherence;
using HepBot.Host.Api.ApiKeys;
using HepBot.Host.Api.Alerts;
using HepBot.Host.Api.Exercises;
using HepBot.Host.Api.Invitations;
using HepBot.Host.Api.Messages;
using HepBot.Host.Api.Minutes;
using HepBot.Host.Api.Patients;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Api.Templates;
using HepBot.Host.Api.Reports;
using HepBot.Host.Authentication;
using HepBot.Host.Bot;
using HepBot.Host.Configuration;
using HepBot.Host.Database;
using HepBot.Host.Demo;
using HepBot.Host.ExerciseLibrary;
using HepBot.Host.Progress;
using HepBot.Host.WebApp;
using HepBot.Scheduling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HepBot.Host;

/// <summary>The composition root, shared by the web host and the admin verbs so both see the same settings and services.</summary>
internal static class HepBotApplication
{
    private static readonly string[] ListeningKeys = ["urls", "http_ports", "https_ports"];

    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        // Named after this assembly, not the entry one, so the web app's static assets are found when a test runs the host in-process.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(HepBotApplication).Assembly.GetName().Name });
        RepositoryRoot.UseRootSettings(builder.Configuration, builder.Environment.ContentRootPath);
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        if (ListeningKeys.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
            builder.WebHost.UseUrls(DefaultUrl);

        var services = builder.Services;
        Logging.RedactingLoggerFactory.Register(services, builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new HostConsole(Console.Out));
        AddOptions(builder);
        ReverseProxyOptions.AddForwardedHeaders(services, builder.Configuration);
        var database = AddDatabase(builder);
        BotHosting.AddBot(builder);

        services.AddSingleton<IExerciseLibrarySource, ExerciseLibraryFileSource>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<DemoBanner>();
        services.AddSingleton<Invitations.InvitationMaterial>();
        services.AddSingleton<Billing.RtmCodes>();
        services.AddScoped<Billing.RtmReportService>();
        services.AddScoped<Programs.ProgramSheet>();
        services.AddScoped<Billing.TreatmentMinutesLog>();
        services.AddHostedService<DatabaseStartup>();
        // After the database start-up, which migrates first: on a first run its tables do not exist before.
        services.AddHostedService<InterruptedGuidedSets>();
        // After the database start-up: hosted services start in order, and updates need a migrated database.
        TelegramHosting.AddTelegram(builder);
        // After DatabaseStartup, so the schema is migrated before the scheduler and its jobs touch it.
        if (database is var (provider, connectionString))
        {
            services.AddHepBotScheduling(builder.Configuration, provider, connectionString);
        }
        // After the scheduler: hosted services stop in reverse order, so reminder updates queued by the last turns
        // are run while the scheduler is still up.
        services.AddHostedService<Bot.ReminderUpdatesOnStop>();
        Health.HealthEndpoints.AddHepBotHealthChecks(services, builder.Configuration);
        Telemetry.TelemetryHosting.AddHepBotTelemetry(builder);

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        WebAppHosting.AddWebApp(builder);

        services.Configure<JsonOptions>(o => StrictJson.Configure(o.SerializerOptions));
        // Body-reading failures become exceptions so RequestBodyExceptionHandler can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<RequestBodyExceptionHandler>();
        services.AddExceptionHandler<DatabaseConflictExceptionHandler>();
        services.AddApiDocument();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        AnnounceListening(app);
        // First, so every later step (redirects, cookies, logs) sees the client's scheme and address, not the proxy's.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWebApp();

        app.MapApiDocument();
        Health.HealthEndpoints.MapHepBotHealthChecks(app);
        app.MapPatientsApi();
        app.MapExercisesApi();
        app.MapPrescriptionsApi();
        app.MapTemplatesApi();
        app.MapInvitationsApi();
        app.MapAlertsApi();
        app.MapAdherenceApi();
        app.MapMessagesApi();
        app.MapApiKeysApi();
        app.MapMinutesApi();
        app.MapRtmReportApi();
        app.MapBotMessages();
        app.MapTelegram();
        app.MapWebApp();
        app.MapExercisePictures();
        app.MapProgressPictures();
        Programs.ProgramSheetEndpoints.MapProgramSheet(app);
        return app;
    }

    /// <summary>The framework's own start-up lines are at Warning by default (appsettings.json), so HepBot says where it listens.</summary>
    private static void AnnounceListening(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("HepBot listens on {Addresses} ({Environment}); Ctrl+C stops it.",
            string.Join(", ", app.Urls), app.Environment.EnvironmentName));

    private static void AddOptions(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<DatabaseOptions>().Configure(o => DatabaseOptions.Bind(o, configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection(InvitationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExerciseLibraryOptions>().Bind(configuration.GetSection(ExerciseLibraryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Billing.RtmReportOptions>().Bind(configuration.GetSection(Billing.RtmReportOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<Billing.RtmReportOptions>, Billing.RtmReportOptionsValidator>();
        services.AddExercisePictures(configuration);
        services.AddProgressPictureLinks();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName))
            .PostConfigure<IOptions<DatabaseOptions>>((demo, database) => demo.Enabled ??= database.Value.UsesEmbeddedDefault)
            .ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>
    /// Registers the database from the settings as they are now. Settings that cannot work still get a
    /// registration, one that refuses to open: start-up validation stops the host first, naming the setting.
    /// </summary>
    private static (DatabaseProvider, string)? AddDatabase(WebApplicationBuilder builder)
    {
        var options = DatabaseOptions.Read(builder.Configuration);
        var invalid = new DatabaseOptionsValidator().Validate(null, options);
        if (invalid.Failed || !options.TryGetProvider(out var provider))
        {
            var refusal = new InvalidOperationException($"The database is not configured: {invalid.FailureMessage}");
            builder.Services.AddScoped<HepBotDbContext>(_ => throw refusal);
            builder.Services.AddSingleton<IDbContextFactory<HepBotDbContext>>(_ => throw refusal);
            builder.Services.AddSingleton<DemoKeyFile>(_ => throw refusal);
            return null;
        }
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var file = RepositoryRoot.Resolve(DatabaseOptions.DefaultSqliteFile, builder.Environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            connectionString = $"Data Source={file}";
        }
        builder.Services.AddHepBotDatabase(provider, connectionString);
        builder.Services.AddSingleton(DemoKeyFile.For(provider, connectionString, builder.Environment.ContentRootPath));
        return (provider, connectionString);
    }
}
