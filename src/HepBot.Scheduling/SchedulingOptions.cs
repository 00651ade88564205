using HepBot.Data;

namespace HepBot.Scheduling;

/// <summary>How the scheduler runs (section <c>Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Off: no reminders, nudges, nightly adherence or alert delivery on this host.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Run as one node of a cluster sharing the database. Default: on for PostgreSQL and SQL Server; refused on SQLite.</summary>
    public bool? Clustered { get; set; }

    /// <summary>Every node of one cluster uses the same name.</summary>
    public string InstanceName { get; set; } = "HepBot";

    /// <summary>How many jobs may run at once on this node.</summary>
    public int ThreadCount { get; set; } = 4;

    /// <summary>The patient-independent nightly adherence run, as a Quartz cron expression in UTC.</summary>
    public string NightlyAdherenceCron { get; set; } = "0 15 3 * * ?";

    /// <summary>The patient-local day of the weekly check-in.</summary>
    public DayOfWeek WeeklyCheckInDay { get; set; } = DayOfWeek.Sunday;

    /// <summary>The patient-local hour (0–23) of the weekly check-in.</summary>
    public int WeeklyCheckInHour { get; set; } = 18;

    /// <summary>Patients whose reminders are synchronised (or weekly check-ins are looked at) per batch.</summary>
    public int StartupSyncBatchSize { get; set; } = 200;

    /// <summary>Patients the nightly adherence run reads and evaluates per page (and transaction): its memory is bounded by this.</summary>
    public int NightlyBatchSize { get; set; } = 500;

    /// <summary>
    /// Pages the nightly adherence run evaluates at once, each on its own connection and transaction (PostgreSQL and SQL
    /// Server; SQLite has one writer, so it runs one page at a time whatever this says). Memory is bounded by this many pages.
    /// </summary>
    public int NightlyParallelPages { get; set; } = 2;

    public bool IsClustered(DatabaseProvider provider) => Clustered ?? provider != DatabaseProvider.Sqlite;

    public IEnumerable<string> Validate(DatabaseProvider provider)
    {
        if (Clustered == true && provider == DatabaseProvider.Sqlite)
            yield return "Scheduling:Clustered cannot be true with the SQLite database: Quartz runs one node on SQLite.";
        if (ThreadCount is < 1 or > 64)
            yield return "Scheduling:ThreadCount must be between 1 and 64.";
        if (string.IsNullOrWhiteSpace(InstanceName) || InstanceName.Length > 80)
            yield return "Scheduling:InstanceName must be 1 to 80 characters.";
        if (!Quartz.CronExpression.TryParse(NightlyAdherenceCron, out _))
            yield return "Scheduling:NightlyAdherenceCron is not a valid Quartz cron expression.";
        if (WeeklyCheckInHour is < 0 or > 23)
            yield return "Scheduling:WeeklyCheckInHour must be between 0 and 23.";
        if (!Enum.IsDefined(WeeklyCheckInDay))
            yield return "Scheduling:WeeklyCheckInDay must be a day of the week.";
        if (StartupSyncBatchSize is < 1 or > 10_000)
            yield return "Scheduling:StartupSyncBatchSize must be between 1 and 10000.";
        if (NightlyBatchSize is < 1 or > 10_000)
            yield return "Scheduling:NightlyBatchSize must be between 1 and 10000.";
        if (NightlyParallelPages is < 1 or > 16)
            yield return "Scheduling:NightlyParallelPages must be between 1 and 16.";
    }
}

/// <summary>E-mail for therapist alerts (section <c>Smtp</c>); off while <see cref="Host"/> is empty.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? From { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>True: STARTTLS (or TLS on port 465) is required. False: plain, for a relay on the local network.</summary>
    public bool UseTls { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<string> Validate()
    {
        if (!IsEnabled)
            yield break;
        if (Port is < 1 or > 65535)
            yield return "Smtp:Port must be between 1 and 65535.";
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
            yield return "Smtp:From must be an e-mail address when Smtp:Host is set.";
        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
            yield return "Smtp:UserName and Smtp:Password must be set together.";
    }
}

/// <summary>Alert delivery retry pacing: the wait doubles after each failed attempt, up to a ceiling.</summary>
public static class DeliveryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Ceiling = TimeSpan.FromHours(1);

    /// <summary>Failed attempts before a row is given up (about a day of tries at the pace above).</summary>
    public const int MaxAttempts = 24;

    public static TimeSpan After(int attempts) =>
        TimeSpan.FromTicks(Math.Min(Ceiling.Ticks, First.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
}
