using System.Globalization;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;

namespace HepBot.Core.Reminders;

/// <summary>One recurring reminder: a local time on chosen weekdays, in the patient's zone.</summary>
public sealed record ReminderSlot(int SessionNumber, TimeOnly LocalTime, TrainingDays Days, string TimeZoneId)
{
    /// <summary>
    /// The Quartz cron expression for this slot ("0 30 18 ? * MON,WED,FRI"); Quartz evaluates it in
    /// <see cref="TimeZoneId"/>, so daylight-saving changes keep the local time.
    /// </summary>
    public string CronExpression
    {
        get
        {
            var days = string.Join(",", Enum.GetValues<DayOfWeek>()
                .Where(d => Days.HasFlag(PrescriptionSchedule.ToFlag(d)))
                .Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d).ToUpperInvariant()));
            return $"0 {LocalTime.Minute} {LocalTime.Hour} ? * {days}";
        }
    }
}

/// <summary>Which reminders a patient should have, from their settings and current program. Pure.</summary>
public static class ReminderPlan
{
    /// <summary>
    /// One slot per planned session of the day, at the patient's chosen times (in order; extra times
    /// beyond the sessions per day are not used). None for an inactive patient or one without a program.
    /// </summary>
    public static IReadOnlyList<ReminderSlot> For(Patient patient, PrescriptionSchedule? schedule)
    {
        if (schedule is null || patient.Status == PatientStatus.Deactivated || patient.MessagingConsentAt is null)
            return [];
        return patient.ReminderTimes.Order()
            .Take(schedule.SessionsPerDay)
            .Select((time, i) => new ReminderSlot(i + 1, time, schedule.Days, patient.TimeZoneId))
            .ToList();
    }
}
