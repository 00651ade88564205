using System.Globalization;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Time;

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

    /// <summary>
    /// The latest instant, at or before <paramref name="instant"/>, at which this slot's local time came
    /// round in its zone (any weekday). A reminder that fires late after downtime is judged by this, not
    /// by the moment it finally fired. A local time skipped by a spring-forward change counts an hour later.
    /// </summary>
    public DateTimeOffset LatestAtOrBefore(DateTimeOffset instant)
    {
        var zone = PatientClock.Zone(TimeZoneId);
        var local = PatientClock.LocalNow(instant, TimeZoneId);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var back = 0; back < 3; back++, day = day.AddDays(-1))
        {
            var wall = day.ToDateTime(LocalTime, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(wall))
                wall = wall.AddHours(1);
            var occurrence = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (occurrence <= instant)
                return occurrence.ToUniversalTime();
        }
        return instant;
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
