using System.Diagnostics;
using System.Diagnostics.Metrics;
using HepBot.Core.Alerts;
using HepBot.Data.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HepBot.Data.Telemetry;

/// <summary>
/// HepBot's own instruments, on the meter <see cref="MeterName"/>: what a clinic's operator watches
/// (turns and their latency, reminders queued and sent, throttling, alerts, the outbound queue).
/// Tag values are closed sets — a channel, a message or alert kind, an error type — never a patient's
/// text, name or id, so a metric backend holds nothing that identifies anyone.
/// </summary>
public sealed class HepBotMetrics
{
    public const string MeterName = "HepBot";

    /// <summary>The spans HepBot starts itself (a turn, a queued send); ASP.NET Core and HttpClient add theirs.</summary>
    public static readonly ActivitySource Traces = new(MeterName);

    public const string ChannelTag = "hepbot.channel";
    public const string KindTag = "hepbot.message.kind";
    public const string AlertKindTag = "hepbot.alert.kind";
    public const string DestinationTag = "hepbot.alert.destination";

    /// <summary>Channels reported by name; anything else an activity claims to come from is "other", so a client cannot mint tag values.</summary>
    private static readonly HashSet<string> KnownChannels = new(StringComparer.Ordinal) { "telegram", "msteams", "emulator", "webchat", "console", "test" };

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _remindersDecided;
    private readonly Counter<long> _remindersSent;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _alertsOpened;
    private readonly Counter<long> _alertsDelivered;
    private volatile IReadOnlyDictionary<string, int>? _outboxDepth;

    /// <param name="meters">The host's meter factory; without one (a bare service collection) the meter is made here.</param>
    public HepBotMetrics(IMeterFactory? meters = null)
    {
        Meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _turns = Meter.CreateCounter<long>("hepbot.turns", "{turn}",
            "Turns HepBot answered: a message, a button or a card action from a patient or therapist, per channel.");
        _turnDuration = Meter.CreateHistogram("hepbot.turn.duration", "s",
            "How long a turn took, from the activity reaching the bot to its last reply sent, per channel.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _remindersDecided = Meter.CreateCounter<long>("hepbot.reminders.decided", "{message}",
            "Reminders, nudges and weekly check-ins the scheduler decided to send, one per linked chat, by kind.");
        _remindersSent = Meter.CreateCounter<long>("hepbot.reminders.sent", "{message}",
            "Queued reminders, nudges and weekly check-ins a channel accepted, by kind and channel.");
        _rateLimited = Meter.CreateCounter<long>("hepbot.channel.rate_limited", "{response}",
            "429 Too Many Requests answers from a channel's API (Telegram Bot API, Bot Connector), each retried or paused for.");
        _alertsOpened = Meter.CreateCounter<long>("hepbot.alerts.opened", "{alert}",
            "Alerts opened for a therapist, by kind (red flag, high pain, low adherence...).");
        _alertsDelivered = Meter.CreateCounter<long>("hepbot.alerts.delivered", "{delivery}",
            "Alert deliveries that reached the therapist, by destination (chat, email).");
        Meter.CreateObservableGauge("hepbot.outbox.depth", ObserveOutboxDepth, "{message}",
            "Messages waiting in the outbound queue (pending, retrying or being sent), per channel, as last read by this host's sender.");
    }

    /// <summary>The meter the instruments live on (tests read it with a MetricCollector).</summary>
    public Meter Meter { get; }

    /// <summary>A channel id as a tag value: the known names as they are, anything else "other".</summary>
    public static string Channel(string? channelId) => channelId is not null && KnownChannels.Contains(channelId) ? channelId : "other";

    public void TurnAnswered(string? channelId, TimeSpan elapsed, string? errorType)
    {
        var tags = new TagList { { ChannelTag, Channel(channelId) } };
        if (errorType is not null)
            tags.Add("error.type", errorType);
        _turns.Add(1, tags);
        _turnDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void ReminderDecided(OutboundKind kind, string channel) =>
        _remindersDecided.Add(1, new TagList { { KindTag, KindName(kind) }, { ChannelTag, Channel(channel) } });

    public void ReminderSent(OutboundKind kind, string channel) =>
        _remindersSent.Add(1, new TagList { { KindTag, KindName(kind) }, { ChannelTag, Channel(channel) } });

    public void RateLimited(string channel) => _rateLimited.Add(1, new KeyValuePair<string, object?>(ChannelTag, Channel(channel)));

    public void AlertOpened(AlertKind kind) => _alertsOpened.Add(1, new KeyValuePair<string, object?>(AlertKindTag, Snake(kind.ToString())));

    public void AlertDelivered(AlertDestination destination) =>
        _alertsDelivered.Add(1, new KeyValuePair<string, object?>(DestinationTag, Snake(destination.ToString())));

    /// <summary>
    /// The outbound queue as the sender just read it (it reads it every round anyway): the gauge reports
    /// this snapshot, so collecting metrics never queries the database. Channels seen before and now empty read 0.
    /// </summary>
    public void OutboxDepthIs(IReadOnlyDictionary<string, int> waitingByChannel)
    {
        var previous = _outboxDepth ?? new Dictionary<string, int>();
        var next = new Dictionary<string, int>(waitingByChannel, StringComparer.Ordinal);
        foreach (var channel in previous.Keys.Where(c => !next.ContainsKey(c)))
            next[channel] = 0;
        _outboxDepth = next;
    }

    private IEnumerable<Measurement<int>> ObserveOutboxDepth() =>
        (_outboxDepth ?? new Dictionary<string, int>()).Select(d => new Measurement<int>(d.Value, new KeyValuePair<string, object?>(ChannelTag, Channel(d.Key))));

    /// <summary>A queued message's kind as a tag value (weekly_check_in).</summary>
    public static string KindName(OutboundKind kind) => Snake(kind.ToString());

    /// <summary>WeeklyCheckIn → weekly_check_in: OpenTelemetry's style for tag values.</summary>
    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}

public static class HepBotMetricsServiceCollectionExtensions
{
    /// <summary>One <see cref="HepBotMetrics"/> per container, on the host's meter factory when it has one.</summary>
    public static IServiceCollection AddHepBotMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new HepBotMetrics(sp.GetService<IMeterFactory>()));
        return services;
    }
}
