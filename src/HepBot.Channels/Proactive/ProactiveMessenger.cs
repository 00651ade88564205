using Microsoft.Extensions.DependencyInjection;
using HepBot.Conversations;
using HepBot.Conversations.Content;
using HepBot.Data;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using BotAccount = Microsoft.Bot.Schema.ChannelAccount;
using ChannelAccount = HepBot.Core.Linking.ChannelAccount;

namespace HepBot.Channels.Proactive;

/// <summary>
/// The one way HepBot starts talking to someone: a reminder, an alert, a note from the therapist. It finds
/// every chat the person linked, opens a turn in each through the adapter of that chat's channel, and lets
/// the caller compose the message there, in the person's language. A chat whose channel says the person
/// blocked the bot or removed the app is marked unreachable and not tried again.
/// Not for answering inside a turn: a turn replies through its own context, and a proactive turn in the
/// chat whose turn is running would wait for that turn to end (one turn at a time per conversation).
/// </summary>
public sealed class ProactiveMessenger(
    IDbContextFactory<HepBotDbContext> contexts,
    IEnumerable<IProactiveChannel> channels,
    DialogTextCatalog catalog,
    TimeProvider clock,
    ILogger<ProactiveMessenger> logger) : IChatNotifier, IChatSender
{
    private readonly Dictionary<string, IProactiveChannel> _channels = channels
        .SelectMany(c => c.ChannelIds.Select(id => (Id: id, Channel: c)))
        .ToDictionary(c => c.Id, c => c.Channel, StringComparer.OrdinalIgnoreCase);

    async Task<bool> IChatNotifier.SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        (await SendToPatientAsync(patientId, compose, ct)).Delivered;

    async Task<bool> IChatNotifier.SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose, CancellationToken ct) =>
        (await SendToTherapistAsync(therapistId, compose, ct)).Delivered;

    /// <summary>One queued message to one chat, in its owner's language (the outbound sender's path).</summary>
    public async Task<ChatSendOutcome> SendToChatAsync(Guid channelAccountId, Guid patientId, Func<ITurnContext, CancellationToken, Task> compose,
        CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.ChannelAccounts.SingleOrDefaultAsync(a => a.Id == channelAccountId, ct);
        if (account is null)
            return ChatSendOutcome.Unreachable; // unlinked since the message was queued
        var locale = account.PatientId is { } patient
            ? await db.Patients.Where(p => p.Id == patient).Select(p => p.Locale).SingleOrDefaultAsync(ct)
            : await db.Therapists.Where(t => t.Id == account.TherapistId).Select(t => t.Locale).SingleOrDefaultAsync(ct);
        var result = await SendAsync(db, [account], locale, compose, ct);
        return result.Deliveries[0].Outcome switch
        {
            DeliveryOutcome.Sent => ChatSendOutcome.Sent,
            DeliveryOutcome.Unreachable or DeliveryOutcome.SkippedUnreachable => ChatSendOutcome.Unreachable,
            DeliveryOutcome.NoChannel => ChatSendOutcome.NoChannel,
            _ => ChatSendOutcome.Failed,
        };
    }

    /// <param name="compose">Runs inside the proactive turn, once per reachable chat; its turn's locale is the patient's language.</param>
    public async Task<ProactiveSendResult> SendToPatientAsync(Guid patientId, Func<ITurnContext, CancellationToken, Task> compose,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var locale = await db.Patients.Where(p => p.Id == patientId).Select(p => p.Locale).SingleOrDefaultAsync(cancellationToken);
        var accounts = await db.ChannelAccounts.Where(a => a.PatientId == patientId).OrderBy(a => a.LinkedAt).ToListAsync(cancellationToken);
        return await SendAsync(db, accounts, locale, compose, cancellationToken);
    }

    /// <param name="compose">Runs inside the proactive turn, once per reachable chat; its turn's locale is the therapist's language (chosen in the app).</param>
    public async Task<ProactiveSendResult> SendToTherapistAsync(Guid therapistId, Func<ITurnContext, CancellationToken, Task> compose,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var locale = await db.Therapists.Where(t => t.Id == therapistId).Select(t => t.Locale).SingleOrDefaultAsync(cancellationToken);
        var accounts = await db.ChannelAccounts.Where(a => a.TherapistId == therapistId).OrderBy(a => a.LinkedAt).ToListAsync(cancellationToken);
        return await SendAsync(db, accounts, locale, compose, cancellationToken);
    }

    private async Task<ProactiveSendResult> SendAsync(HepBotDbContext db, List<ChannelAccount> accounts, string? locale,
        Func<ITurnContext, CancellationToken, Task> compose, CancellationToken cancellationToken)
    {
        var deliveries = new List<ProactiveDelivery>();
        foreach (var account in accounts)
        {
            var outcome = await DeliverAsync(account, locale, compose, cancellationToken);
            if (outcome == DeliveryOutcome.Unreachable)
            {
                account.UnreachableSince = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }
            deliveries.Add(new ProactiveDelivery(account.Id, account.Channel, outcome));
        }
        return new ProactiveSendResult(deliveries);
    }

    private async Task<DeliveryOutcome> DeliverAsync(ChannelAccount account, string? locale,
        Func<ITurnContext, CancellationToken, Task> compose, CancellationToken cancellationToken)
    {
        if (account.UnreachableSince is not null)
            return DeliveryOutcome.SkippedUnreachable;
        if (!_channels.TryGetValue(account.Channel, out var channel))
        {
            logger.LogInformation("No proactive channel serves {Channel}; chat {AccountId} was not messaged", account.Channel, account.Id);
            return DeliveryOutcome.NoChannel;
        }

        var reference = ReferenceOf(account);
        var language = catalog.ResolveLanguage(locale ?? reference.Locale);
        try
        {
            await channel.ContinueConversationAsync(reference, async (turn, ct) =>
            {
                // Texts read the turn's locale: the person's language, not whatever the channel put there.
                turn.Activity.Locale = language;
                await compose(turn, ct);
            }, cancellationToken);
            return DeliveryOutcome.Sent;
        }
        catch (RecipientUnreachableException ex)
        {
            logger.LogWarning("Chat {AccountId} on {Channel} is unreachable from now on: {Reason}", account.Id, ex.Channel, ex.Message);
            return DeliveryOutcome.Unreachable;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Transient failures were already retried by the channel; the next reminder or alert tries again.
            logger.LogError(ex, "A proactive message to chat {AccountId} on {Channel} failed", account.Id, account.Channel);
            return DeliveryOutcome.Failed;
        }
    }

    /// <summary>The stored reference; channels that keep only a chat id (Telegram) get one built from the account.</summary>
    internal static ConversationReference ReferenceOf(ChannelAccount account)
    {
        var reference = string.IsNullOrWhiteSpace(account.ConversationReference)
            ? null
            : JsonConvert.DeserializeObject<ConversationReference>(account.ConversationReference);
        reference ??= new ConversationReference();
        reference.ChannelId ??= account.Channel;
        reference.Conversation ??= new ConversationAccount(id: account.ConversationId);
        reference.User ??= new BotAccount(id: account.ChannelUserId);
        return reference;
    }
}

/// <summary>What happened to one proactive message, chat by chat.</summary>
public sealed record ProactiveSendResult(IReadOnlyList<ProactiveDelivery> Deliveries)
{
    /// <summary>At least one chat received the message.</summary>
    public bool Delivered => Deliveries.Any(d => d.Outcome == DeliveryOutcome.Sent);
}

public sealed record ProactiveDelivery(Guid ChannelAccountId, string Channel, DeliveryOutcome Outcome);

public enum DeliveryOutcome
{
    /// <summary>The channel accepted the message.</summary>
    Sent,

    /// <summary>The channel said the person blocked the bot or removed the app; the chat is now marked unreachable.</summary>
    Unreachable,

    /// <summary>Marked unreachable earlier; not tried.</summary>
    SkippedUnreachable,

    /// <summary>No adapter for this channel runs in this host (the console, or a channel switched off).</summary>
    NoChannel,

    /// <summary>Failed after the channel's own retries; the chat stays reachable.</summary>
    Failed,
}

public static class ProactiveMessengerServiceCollectionExtensions
{
    /// <summary>The one proactive path, also serving as the <see cref="IChatNotifier"/> the conversations and jobs use and the <see cref="IChatSender"/> of the outbound queue.</summary>
    public static IServiceCollection AddProactiveMessenger(this IServiceCollection services)
    {
        services.AddSingleton<ProactiveMessenger>();
        services.AddSingleton<IChatNotifier>(sp => sp.GetRequiredService<ProactiveMessenger>());
        services.AddSingleton<IChatSender>(sp => sp.GetRequiredService<ProactiveMessenger>());
        return services;
    }
}
