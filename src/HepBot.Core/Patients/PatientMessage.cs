namespace HepBot.Core.Patients;

/// <summary>A message a patient asked the bot to pass on to their therapist.</summary>
public sealed class PatientMessage
{
    public const int MaxLength = 2000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }
    public Guid TherapistId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
