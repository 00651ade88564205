namespace HepBot.Core.Patients;

/// <summary>Which way a message of a patient's thread went.</summary>
public enum MessageDirection
{
    /// <summary>The patient asked the bot to pass it on to their therapist.</summary>
    PatientToTherapist = 0,

    /// <summary>A therapist wrote it to the patient (from their chat, the API or the web app).</summary>
    TherapistToPatient = 1,
}

/// <summary>One message of the thread between a patient and their therapist, in either direction.</summary>
public sealed class PatientMessage
{
    public const int MaxLength = 2000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }

    /// <summary>The therapist's side: whom a patient's message was for, or who wrote a message to the patient.</summary>
    public Guid TherapistId { get; set; }

    public MessageDirection Direction { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>When the therapist it was for first read a patient's message; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When a therapist's message reached at least one of the patient's chats; null when it reached none.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
}
