using HepBot.Channels.RateLimiting;
using HepBot.Channels.Telegram;
using HepBot.Data;
using HepBot.Data.Deliveries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>A sender, limiter and adapter over a client, without the bot, for the delivery tests.</summary>
internal static class Senders
{
    /// <summary>Short backoffs, so a 5xx test does not wait seconds.</summary>
    public static readonly TelegramSendPolicy Policy = new(4, TimeSpan.FromSeconds(0.5), 5);

    public static TelegramSender Create(ITelegramBotClient client, OutgoingRateLimits limits, TimeProvider clock) =>
        Create(client, new OutgoingRateLimiter(limits, clock), clock);

    public static TelegramSender Create(ITelegramBotClient client, OutgoingRateLimiter limiter, TimeProvider clock) =>
        new(client, limiter, Policy, clock, Logger<TelegramSender>());

    /// <param name="database">Where uploaded files' file_ids are kept; needed only by adapters that send library files.</param>
    public static TelegramAdapter Adapter(TelegramSender sender, IDbContextFactory<HepBotDbContext>? database = null) =>
        new(sender, new TelegramMediaCache(database ?? new NoDatabase(), TimeProvider.System),
            new DeliveryLog(new NoDatabase(), TimeProvider.System), Logger<TelegramAdapter>());

    /// <summary>A context factory over a test database.</summary>
    public static IDbContextFactory<HepBotDbContext> Contexts(HepBot.Testing.TestDatabase database) => new TestContexts(database);

    private sealed class TestContexts(HepBot.Testing.TestDatabase database) : IDbContextFactory<HepBotDbContext>
    {
        public HepBotDbContext CreateDbContext() => database.CreateContext();
    }

    public static ILogger<T> Logger<T>() => NullLogger<T>.Instance;

    /// <summary>These adapters only send; receiving updates (which claims them in the database) has its own tests.</summary>
    private sealed class NoDatabase : IDbContextFactory<HepBotDbContext>
    {
        public HepBotDbContext CreateDbContext() => throw new InvalidOperationException("These delivery tests neither receive updates nor send library files.");
    }
}
