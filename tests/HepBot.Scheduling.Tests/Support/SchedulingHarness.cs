using HepBot.Conversations;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using HepBot.Data;
using HepBot.Data.Outbound;
using HepBot.Scheduling.Outbound;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace HepBot.Scheduling.Tests.Support;

/// <summary>
/// The scheduling services as the host composes them, on a test database, with a fake clock and a
/// recording notifier. Schedulers are not started unless a test starts one.
/// </summary>
public sealed class SchedulingHarness : IAsyncDisposable
{
    private static readonly Lazy<DialogTextCatalog> Catalog = new(() => DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs")));

    private SchedulingHarness(ServiceProvider services, TimeProvider clock, RecordingNotifier notifier)
    {
        Services = services;
        Clock = clock;
        Notifier = notifier;
    }

    public ServiceProvider Services { get; }
    public TimeProvider Clock { get; }
    public FakeTimeProvider FakeClock => (FakeTimeProvider)Clock;
    public RecordingNotifier Notifier { get; }

    public static SchedulingHarness Create(TestDatabase database, TimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null, RecordingNotifier? notifier = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        notifier ??= new RecordingNotifier();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddHepBotDatabase(database.Provider, database.ConnectionString);
        services.AddSingleton(Catalog.Value);
        services.AddSingleton<Phrases>();
        services.AddSingleton<IChatNotifier>(notifier);
        services.AddSingleton<IChatSender>(notifier);
        services.AddHepBotScheduling(configuration, database.Provider, database.ConnectionString);
        return new SchedulingHarness(services.BuildServiceProvider(), clock, notifier);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A job or service built from the container, as Quartz's job factory would.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>What the hosts' outbound senders do next: rounds on every channel until nothing due is left; the messages sent.</summary>
    public async Task<int> SendQueuedAsync(OutboundSender? sender = null)
    {
        sender ??= Get<OutboundSender>();
        var sent = 0;
        while (true)
        {
            List<string> channels;
            await using (var db = Get<IDbContextFactory<HepBotDbContext>>().CreateDbContext())
                channels = await OutboundQueue.ChannelsWithWorkAsync(db, TestContext.Current.CancellationToken);
            var taken = 0;
            foreach (var channel in channels)
            {
                var round = await sender.RunRoundAsync(channel, TestContext.Current.CancellationToken);
                taken += round.Taken;
                sent += round.Sent;
            }
            if (taken == 0)
                return sent;
        }
    }

    public Task<IScheduler> SchedulerAsync() => Get<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Services.GetService<ISchedulerFactory>() is { } schedulers)
        {
            foreach (var scheduler in await schedulers.GetAllSchedulers(CancellationToken.None))
                await scheduler.Shutdown(true, CancellationToken.None);
        }
        await Services.DisposeAsync();
    }
}
