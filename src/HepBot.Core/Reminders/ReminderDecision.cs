using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Core.Time;

namespace HepBot.Core.Reminders;

public enum ReminderOutcome
{
    Send,
    AlreadyDone,
    NotATrainingDay,
    Paused,

    /// <summary>The reminder fired late (after downtime) and its local day is over: never send a stale one.</summary>
    Stale,

    /// <summary>A late reminder or a nudge that would land in quiet hours.</summary>
    QuietHours,

    NoConsent,
}

/// <summary>
/// Decides, when a reminder or nudge fires, whether it should really be sent. Pure: the caller gives
/// the clock reading, the patient, the schedule and what was logged that day.
/// </summary>
public static class ReminderDecision
{
    /// <param name="scheduledFor">When the trigger was meant to fire (Quartz's scheduled fire time).</param>
    /// <param name="sessionsOfTheDay">The session logs of the scheduled local day.</param>
    public static ReminderOutcome ForReminder(DateTimeOffset now, DateTimeOffset scheduledFor, Patient patient,
        PrescriptionSchedule schedule, int sessionNumber, IReadOnlyList<SessionLog> sessionsOfTheDay, ReminderOptions options)
    {
        var day = PatientClock.LocalDate(scheduledFor, patient.TimeZoneId);
        var common = Common(now, day, patient, schedule);
        if (common is { } skip)
            return skip;
        if (sessionsOfTheDay.Count(l => l.Status != SessionStatus.InProgress) >= sessionNumber)
            return ReminderOutcome.AlreadyDone;
        // On time is within a few minutes; a late one (after downtime) goes out only if it is still
        // the same local day and not in quiet hours — and only once, which the scheduler's misfire
        // policy ensures by firing a missed trigger a single time.
        var late = now - scheduledFor > TimeSpan.FromMinutes(5);
        if (late && options.IsQuiet(TimeOnly.FromDateTime(PatientClock.LocalNow(now, patient.TimeZoneId).DateTime)))
            return ReminderOutcome.QuietHours;
        return ReminderOutcome.Send;
    }

    /// <summary>The second nudge: only when nothing at all was logged that day, and never in quiet hours.</summary>
    public static ReminderOutcome ForNudge(DateTimeOffset now, DateOnly day, Patient patient, PrescriptionSchedule schedule,
        IReadOnlyList<SessionLog> sessionsOfTheDay, ReminderOptions options)
    {
        if (Common(now, day, patient, schedule) is { } skip)
            return skip;
        if (sessionsOfTheDay.Count > 0)
            return ReminderOutcome.AlreadyDone;
        return options.IsQuiet(TimeOnly.FromDateTime(PatientClock.LocalNow(now, patient.TimeZoneId).DateTime))
            ? ReminderOutcome.QuietHours
            : ReminderOutcome.Send;
    }

    private static ReminderOutcome? Common(DateTimeOffset now, DateOnly day, Patient patient, PrescriptionSchedule schedule)
    {
        if (patient.MessagingConsentAt is null)
            return ReminderOutcome.NoConsent;
        if (PatientClock.LocalDate(now, patient.TimeZoneId) != day)
            return ReminderOutcome.Stale;
        if (IsPaused(patient, day))
            return ReminderOutcome.Paused;
        if (!schedule.IsPlannedOn(day))
            return ReminderOutcome.NotATrainingDay;
        return null;
    }

    /// <summary>Paused through a date, paused with no end date, or no longer under care.</summary>
    public static bool IsPaused(Patient patient, DateOnly day) =>
        patient.Status == PatientStatus.Deactivated
        || (patient.PausedUntil is { } until ? day <= until : patient.Status == PatientStatus.Paused);
}
