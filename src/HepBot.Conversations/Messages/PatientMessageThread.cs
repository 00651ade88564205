using HepBot.Conversations.Bot;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Messages;

/// <summary>
/// The thread between a patient and their therapist: what the patient sent and what therapists answered.
/// A therapist's message goes out through the one proactive path (<see cref="IChatNotifier"/>) in the
/// patient's language, and is stored and audited whether or not it reached a chat. Used by the therapist's
/// chat (<c>/reply</c>), the management API and the web app.
/// </summary>
/// <remarks>Callers decide who may see which patient (the access rules) before calling in.</remarks>
public sealed class PatientMessageThread(
    IDbContextFactory<HepBotDbContext> contexts, IChatNotifier notifier, Phrases phrases, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The message as it will be sent (trimmed), or null when it is empty or longer than <see cref="PatientMessage.MaxLength"/>.</summary>
    public static string? Acceptable(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Trim().Length > PatientMessage.MaxLength ? null : text.Trim();

    /// <summary>
    /// Stores the therapist's message, sends it to the patient's chats and records whether it arrived.
    /// It is stored before it is sent, so a message that reached no chat is still in the thread.
    /// </summary>
    public async Task<PatientMessage> SendToPatientAsync(Guid therapistId, Guid patientId, string text, CancellationToken ct)
    {
        var body = Acceptable(text) ?? throw new ArgumentException($"A message is 1 to {PatientMessage.MaxLength} characters.", nameof(text));
        var now = clock.GetUtcNow();
        var message = new PatientMessage
        {
            PatientId = patientId, TherapistId = therapistId, Direction = MessageDirection.TherapistToPatient, Text = body, SentAt = now,
        };
        string therapistName;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            therapistName = await db.Therapists.Where(t => t.Id == therapistId).Select(t => t.Name).SingleAsync(ct);
            db.PatientMessages.Add(message);
            db.Audit(AuditTrail.Therapist(therapistId), AuditAction.Create, nameof(PatientMessage), message.Id, patientId, now);
            await db.SaveChangesAsync(ct);
        }

        var delivered = await notifier.SendToPatientAsync(patientId, (turn, t) =>
            phrases.SayAsync(turn, "therapist.fromTherapist", t, ("therapist", therapistName), ("text", body)), ct);
        if (delivered)
        {
            message.DeliveredAt = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.PatientMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredAt, message.DeliveredAt), ct);
        }
        return message;
    }

    /// <summary>
    /// One page of the patient's thread, newest last; page 1 holds the newest messages. The patient's messages
    /// on the page are marked read when the reader is the therapist they were for or the patient's therapist.
    /// The read is audited.
    /// </summary>
    public async Task<MessageThreadPage> ReadAsync(Guid readerTherapistId, Guid patientId, int page, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var patientTherapist = await db.Patients.Where(p => p.Id == patientId).Select(p => p.TherapistId).SingleAsync(ct);
        var thread = db.PatientMessages.Where(m => m.PatientId == patientId);
        var total = await thread.CountAsync(ct);
        var newestFirst = await thread.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);

        var now = clock.GetUtcNow();
        foreach (var message in newestFirst.Where(m => m.Direction == MessageDirection.PatientToTherapist && m.ReadAt is null
                     && (m.TherapistId == readerTherapistId || patientTherapist == readerTherapistId)))
            message.ReadAt = now;
        db.Audit(AuditTrail.Therapist(readerTherapistId), AuditAction.Read, nameof(PatientMessage), patientId, patientId, now);
        await db.SaveChangesAsync(ct);

        newestFirst.Reverse();
        return new MessageThreadPage(newestFirst, page, pageSize, total);
    }
}

/// <summary>One page of a patient's thread, oldest first within the page.</summary>
public sealed record MessageThreadPage(IReadOnlyList<PatientMessage> Messages, int Page, int PageSize, int Total);
