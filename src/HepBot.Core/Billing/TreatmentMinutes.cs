namespace HepBot.Core.Billing;

/// <summary>
/// Clinician time spent on a patient's remote monitoring on one day (reviewing data, adjusting the program,
/// talking with the patient), as logged by the therapist. The treatment-management codes count these.
/// </summary>
public sealed class TreatmentMinutes
{
    public const int MaxMinutes = 240;
    public const int MaxActivity = 500;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }

    /// <summary>Who spent the time and logged it.</summary>
    public Guid TherapistId { get; set; }

    /// <summary>The patient-local date the time was spent on.</summary>
    public DateOnly Date { get; set; }

    public int Minutes { get; set; }

    /// <summary>What was done, in the therapist's words ("reviewed pain log, changed the squat dose").</summary>
    public required string Activity { get; set; }

    /// <summary>A live two-way interaction with the patient (a call or video visit), which the management codes need once a month.</summary>
    public bool RealTimeInteraction { get; set; }

    /// <summary>The therapist's message to the patient this time was logged for, when logged from a reply.</summary>
    public Guid? MessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
