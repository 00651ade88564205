using System.Net;
using Microsoft.AspNetCore.Builder;
using System.Net.Http.Headers;
using HepBot.Data;
using HepBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Host.Tests.Support;

/// <summary>
/// The real host (Program) on a test database, with a fixed clock, the in-code library and the console
/// captured. Settings go in as host settings so the host sees them while it is being built.
/// </summary>
internal sealed class HepBotHostFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public HepBotHostFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null)
        : this(SettingsFor(database.Provider, database.ConnectionString, extra))
    {
    }

    public FakeTimeProvider Clock { get; } = new(Start);
    public StringWriter Console { get; } = new();

    /// <summary>What was sent to patients' and therapists' chats (unless <see cref="RealChats"/>).</summary>
    public RecordingChatNotifier Notifier { get; } = new();

    /// <summary>
    /// The address requests come from. The test server leaves it unset; a real client on this machine
    /// has loopback, which is what local tools (Emulator, Agents Playground) have.
    /// </summary>
    public IPAddress RemoteAddress { get; init; } = IPAddress.Loopback;

    /// <summary>When set, every log line the host writes also goes here (after the host's own redaction).</summary>
    public CapturedLogs? Logs { get; init; }

    /// <summary>Scheduled messages go out through the real ProactiveMessenger and channels instead of <see cref="Notifier"/>.</summary>
    public bool RealChats { get; init; }

    public static Dictionary<string, string?> SettingsFor(DatabaseProvider provider, string connectionString,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:HepBot"] = connectionString,
            ["Demo:Enabled"] = "false",
            // Tests that turn the demo on count its one patient; DemoTests turn the history on.
            ["Demo:History"] = "false",
            // Tests let the fake clock run a second every 10 ms: the outbound sender's idle look at the
            // queue every second would then hit the database a hundred times a real second.
            ["Outbound:Lease"] = "00:05:00",
            ["Outbound:PollInterval"] = "00:00:10",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    public HttpClient ClientWithKey(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>The started host, once the demo banner (printed after the start-up work) is on <see cref="Console"/>.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (host.Services.GetRequiredService<HepBot.Host.Demo.DemoBanner>().Printing is { } printing
            && !printing.Wait(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken))
            throw new TimeoutException("The demo banner was not printed within two minutes of the host starting.");
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(RemoteAddress));
            if (Logs is not null)
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<HostConsole>();
            services.AddSingleton(new HostConsole(Console));
            if (!RealChats)
            {
                services.RemoveAll<HepBot.Conversations.IChatNotifier>();
                services.AddSingleton<HepBot.Conversations.IChatNotifier>(Notifier);
            }
        });
    }

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
