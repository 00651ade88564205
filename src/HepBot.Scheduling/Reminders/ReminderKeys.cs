using Quartz;

namespace HepBot.Scheduling.Reminders;

/// <summary>The names of reminder jobs and triggers in the Quartz store, and what their job data holds.</summary>
public static class ReminderKeys
{
    public const string Group = "hepbot";
    public const string PatientId = "patientId";
    public const string Session = "session";
    public const string Day = "day";

    public static readonly JobKey ReminderJob = new("reminder", Group);
    public static readonly JobKey NudgeJob = new("nudge", Group);

    /// <summary>The recurring reminder for one session of the day.</summary>
    public static TriggerKey Reminder(Guid patientId, int sessionNumber) => new($"{patientId:N}.{sessionNumber}", "reminders");

    /// <summary>The one-off reminder after "In 1 hour"; a later snooze replaces it.</summary>
    public static TriggerKey Snooze(Guid patientId) => new($"{patientId:N}", "snoozes");

    /// <summary>The one-off second nudge of a day; a later one replaces it.</summary>
    public static TriggerKey Nudge(Guid patientId) => new($"{patientId:N}", "nudges");
}
