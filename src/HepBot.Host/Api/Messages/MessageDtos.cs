using System.ComponentModel.DataAnnotations;
using HepBot.Conversations.Messages;
using HepBot.Core.Patients;

namespace HepBot.Host.Api.Messages;

/// <summary>One message of a patient's thread. <c>therapistId</c> is whom a patient's message was for, or who wrote to the patient.</summary>
public sealed record PatientMessageDto(
    Guid Id,
    MessageDirection Direction,
    Guid TherapistId,
    string Text,
    DateTimeOffset SentAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? DeliveredAt)
{
    public static PatientMessageDto From(PatientMessage m) => new(m.Id, m.Direction, m.TherapistId, m.Text, m.SentAt, m.ReadAt, m.DeliveredAt);
}

/// <summary>A page of the thread, newest last; page 1 holds the newest messages.</summary>
public sealed record MessageThreadDto(IReadOnlyList<PatientMessageDto> Messages, int Page, int PageSize, int Total)
{
    public static MessageThreadDto From(MessageThreadPage page) =>
        new(page.Messages.Select(PatientMessageDto.From).ToList(), page.Page, page.PageSize, page.Total);
}

/// <summary>A therapist's message to the patient, sent to their chats in the patient's language.</summary>
public sealed record SendMessageRequest([property: Required] string? Text);
