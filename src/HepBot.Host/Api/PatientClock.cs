namespace HepBot.Host.Api;

/// <summary>"Today" is the patient's local date.</summary>
internal static class PatientClock
{
    public static DateOnly Today(string timeZoneId, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime);
}
