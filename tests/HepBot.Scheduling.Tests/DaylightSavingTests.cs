using System.Globalization;
using HepBot.Core.Prescriptions;
using HepBot.Core.Reminders;
using HepBot.Data;
using HepBot.Scheduling.Reminders;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>Reminders keep the patient's local time across daylight-saving changes (next fire times from Quartz's trigger API).</summary>
public sealed class DaylightSavingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private SchedulingHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _harness = SchedulingHarness.Create(_database, new FakeTimeProvider(Start));
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    private DateTimeOffset? NextAfter(string zone, string localTime, DateTimeOffset after) =>
        _harness.Get<ReminderScheduler>()
            .ReminderTrigger(Guid.NewGuid(), new ReminderSlot(1, TimeOnly.Parse(localTime, CultureInfo.InvariantCulture), TrainingDays.Every, zone))
            .GetFireTimeAfter(after);

    [Theory]
    // Madrid 18:00: 17:00Z in winter (CET), 16:00Z in summer (CEST).
    [InlineData("Europe/Madrid", "18:00", "2026-01-15T00:00:00Z", "2026-01-15T17:00:00Z")]
    [InlineData("Europe/Madrid", "18:00", "2026-07-15T00:00:00Z", "2026-07-15T16:00:00Z")]
    // Spring forward on Sunday 29 March 2026: Saturday's reminder was 17:00Z, Sunday's is 16:00Z.
    [InlineData("Europe/Madrid", "18:00", "2026-03-28T17:30:00Z", "2026-03-29T16:00:00Z")]
    // Fall back on Sunday 25 October 2026.
    [InlineData("Europe/Madrid", "18:00", "2026-10-24T16:30:00Z", "2026-10-25T17:00:00Z")]
    // New York 07:30 around the end of DST on Sunday 1 November 2026.
    [InlineData("America/New_York", "07:30", "2026-10-31T00:00:00Z", "2026-10-31T11:30:00Z")]
    [InlineData("America/New_York", "07:30", "2026-11-01T12:00:00Z", "2026-11-01T12:30:00Z")]
    public void The_reminder_fires_at_the_same_local_time_in_every_season(string zone, string localTime, string after, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), NextAfter(zone, localTime, DateTimeOffset.Parse(after, CultureInfo.InvariantCulture)));
    }
}
