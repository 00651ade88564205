using HepBot.Conversations;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Therapists;
using HepBot.Core.Alerts;
using HepBot.Data;
using HepBot.Data.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace HepBot.Scheduling.Alerts;

/// <param name="Failed">Attempts that failed and will be retried.</param>
/// <param name="Undeliverable">Rows given up: no reachable chat, or too many failed attempts.</param>
public sealed record AlertDeliveryResult(int Delivered, int Failed, int NotNeeded, int Undeliverable = 0);

/// <summary>
/// Empties the alert outbox every minute: each pending row goes to the therapist's linked chat or by
/// e-mail. A failure (channel down, mail server down) moves the row's next attempt later, with backoff.
/// A row is done when delivered, not needed once the alert is closed, and undeliverable when the
/// therapist has no reachable chat or <see cref="DeliveryBackoff.MaxAttempts"/> attempts failed: it is
/// then shown in the app instead of being tried forever.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AlertDeliveryJob(
    IDbContextFactory<HepBotDbContext> contexts,
    IChatNotifier notifier,
    AlertMailer mailer,
    Phrases phrases,
    TimeProvider clock,
    ILogger<AlertDeliveryJob> logger,
    HepBotMetrics metrics) : IJob
{
    public static readonly JobKey Key = new("alertDelivery", Reminders.ReminderKeys.Group);
    public const int BatchSize = 50;
    public const string NoReachableChat = "no reachable chat";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunAsync(ct);

    public async Task<AlertDeliveryResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Pending rows are few (delivered ones leave the set), so the due ones are picked in memory:
        // SQLite cannot compare DateTimeOffset values in SQL.
        var due = (await db.AlertDeliveries.Where(d => d.State == AlertDeliveryState.Pending).ToListAsync(ct))
            .Where(d => d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt)
            .Take(BatchSize)
            .ToList();
        if (due.Count == 0)
            return new(0, 0, 0, 0);

        var alertIds = due.Select(d => d.AlertId).Distinct().ToList();
        var alerts = await (from a in db.Alerts.AsNoTracking()
                            join p in db.Patients on a.PatientId equals p.Id
                            join t in db.Therapists on a.TherapistId equals t.Id
                            where alertIds.Contains(a.Id)
                            select new AlertToSend(a, p.DisplayName, t.Name, t.Email, t.Locale))
            .ToDictionaryAsync(x => x.Alert.Id, ct);
        var exerciseIds = alerts.Values.Select(a => a.Alert.ExerciseId).OfType<Guid>().Distinct().ToList();
        if (exerciseIds.Count > 0)
        {
            var exercises = await db.Exercises.AsNoTracking().Where(e => exerciseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            foreach (var (id, toSend) in alerts.ToList())
                if (toSend.Alert.ExerciseId is { } exerciseId && exercises.TryGetValue(exerciseId, out var exercise) && exercise.Texts.Count > 0)
                    alerts[id] = toSend with { ExerciseName = exercise.TextFor(phrases.Catalog.ResolveLanguage(toSend.TherapistLocale)).Name };
        }
        var therapistIds = alerts.Values.Select(a => a.Alert.TherapistId).Distinct().ToList();
        var withReachableChat = (await db.ChannelAccounts
            .Where(c => c.TherapistId != null && therapistIds.Contains(c.TherapistId.Value) && c.UnreachableSince == null)
            .Select(c => c.TherapistId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

        int delivered = 0, failed = 0, notNeeded = 0, undeliverable = 0;
        foreach (var delivery in due)
        {
            if (!alerts.TryGetValue(delivery.AlertId, out var toSend) || !toSend.Alert.IsOpen
                || (delivery.Destination == AlertDestination.Email && !mailer.IsEnabled))
            {
                delivery.State = AlertDeliveryState.NotNeeded;
                notNeeded++;
            }
            else if (delivery.Destination == AlertDestination.Chat && !withReachableChat.Contains(toSend.Alert.TherapistId))
            {
                // Nothing to try until the therapist links a chat, which puts this row back in the queue.
                delivery.State = AlertDeliveryState.Undeliverable;
                delivery.LastError = NoReachableChat;
                undeliverable++;
                logger.LogWarning("Alert {AlertId}: the therapist has no reachable chat; it is shown in the app only.", delivery.AlertId);
            }
            else
            {
                string? error;
                try
                {
                    error = await DeliverAsync(delivery.Destination, toSend, ct) ? null : "not reachable";
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    error = e.GetType().Name;
                }
                if (error is null)
                {
                    delivery.State = AlertDeliveryState.Delivered;
                    delivery.DeliveredAt = now;
                    delivered++;
                }
                else
                {
                    delivery.Attempts++;
                    delivery.LastError = error;
                    if (delivery.Attempts >= DeliveryBackoff.MaxAttempts)
                    {
                        delivery.State = AlertDeliveryState.Undeliverable;
                        undeliverable++;
                        logger.LogWarning("Alert {AlertId} to {Destination}: given up after {Attempt} attempts ({Error}).",
                            delivery.AlertId, delivery.Destination, delivery.Attempts, error);
                    }
                    else
                    {
                        delivery.NextAttemptAt = now + DeliveryBackoff.After(delivery.Attempts);
                        failed++;
                        logger.LogWarning("Alert {AlertId} to {Destination}: attempt {Attempt} failed ({Error}).",
                            delivery.AlertId, delivery.Destination, delivery.Attempts, error);
                    }
                }
            }
            // Saved per row, so a crash never sends one twice nor forgets one.
            await db.SaveChangesAsync(ct);
            if (delivery.State == AlertDeliveryState.Delivered)
                metrics.AlertDelivered(delivery.Destination);
        }
        logger.LogInformation("Alert outbox: {Delivered} delivered, {Failed} to retry, {NotNeeded} not needed, {Undeliverable} undeliverable.",
            delivered, failed, notNeeded, undeliverable);
        return new(delivered, failed, notNeeded, undeliverable);
    }

    private Task<bool> DeliverAsync(AlertDestination destination, AlertToSend toSend, CancellationToken ct)
    {
        var alert = toSend.Alert;
        if (destination == AlertDestination.Chat)
        {
            return notifier.SendToTherapistAsync(alert.TherapistId, (turn, t) =>
            {
                var message = MessageFactory.Text(Text(turn.Activity.Locale, toSend));
                message.SuggestedActions = new SuggestedActions
                {
                    Actions =
                    [
                        new CardAction(ActionTypes.ImBack, phrases.Get(turn, "alerts.acknowledge"),
                            value: $"{TherapistAlerts.AcknowledgeCommand} {alert.Id:N}"),
                        new CardAction(ActionTypes.ImBack, phrases.Get(turn, "alerts.messagePatient"),
                            value: $"{TherapistAlerts.ReplyCommand} {alert.PatientId:N}"),
                    ],
                };
                return turn.SendActivityAsync(message, t);
            }, ct);
        }
        return SendMailAsync(toSend, ct);
    }

    private async Task<bool> SendMailAsync(AlertToSend toSend, CancellationToken ct)
    {
        var language = phrases.Catalog.ResolveLanguage(toSend.TherapistLocale);
        await mailer.SendAsync(toSend.TherapistName, toSend.TherapistEmail,
            phrases.Catalog.Get(language, "alerts.emailSubject", ("patient", toSend.PatientName), ("kind", KindText(language, toSend.Alert.Kind))),
            Text(language, toSend) + "\n\n" + phrases.Catalog.Get(language, "alerts.emailFooter"), ct);
        return true;
    }

    private string Text(string? locale, AlertToSend toSend) =>
        phrases.Catalog.Get(locale, toSend.Alert.Severity == AlertSeverity.Urgent ? "alerts.urgent" : "alerts.message",
            ("patient", toSend.PatientName),
            ("kind", KindText(locale, toSend.Alert.Kind)),
            ("detail", Why(locale, toSend)));

    /// <summary>Why the alert was raised (<see cref="AlertWording"/>), then the patient's own words.</summary>
    private string Why(string? locale, AlertToSend toSend)
    {
        var alert = toSend.Alert;
        var parts = new List<string>();
        if (AlertWording.Why(phrases.Catalog, locale, AlertFields.Of(alert, toSend.ExerciseName), withTier: true) is { Length: > 0 } why)
            parts.Add(why);
        if (alert.PatientWords is { } words)
            parts.Add(phrases.Catalog.Get(locale, "alerts.reasonWords", ("words", words)));
        return string.Join(" ", parts);
    }

    private string KindText(string? locale, AlertKind kind) =>
        phrases.Catalog.Get(locale, "alerts.kind." + char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..]);

    /// <param name="ExerciseName">The exercise the alert names, in the therapist's language.</param>
    private sealed record AlertToSend(Alert Alert, string PatientName, string TherapistName, string TherapistEmail, string TherapistLocale,
        string? ExerciseName = null);
}
