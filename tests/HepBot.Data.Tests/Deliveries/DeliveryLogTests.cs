using System.Globalization;
using HepBot.Data.Deliveries;
using HepBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Data.Tests.Deliveries;

/// <summary>Each delivery id is taken on once, by one caller, for the window; across restarts and hosts because the claim is a row.</summary>
public sealed class DeliveryLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_id_is_claimed_once_and_a_new_log_on_the_same_database_remembers_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var log = new DeliveryLog(new TestContextFactory(database), _clock);

        Assert.True(await log.TryClaimAsync("telegram", "500", Ct));
        Assert.False(await log.TryClaimAsync("telegram", "500", Ct));
        Assert.True(await log.TryClaimAsync("msteams", "500", Ct));

        // A restarted host, or a second host on the same database.
        var other = new DeliveryLog(new TestContextFactory(database), _clock);
        Assert.False(await other.TryClaimAsync("telegram", "500", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_very_high_id_does_not_hide_later_lower_ones(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var log = new DeliveryLog(new TestContextFactory(database), _clock);

        Assert.True(await log.TryClaimAsync("telegram", int.MaxValue.ToString(CultureInfo.InvariantCulture), Ct));
        Assert.True(await log.TryClaimAsync("telegram", "1001", Ct));
        Assert.True(await log.TryClaimAsync("telegram", "1002", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Of_twenty_concurrent_claims_exactly_one_wins(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var logs = Enumerable.Range(0, 20).Select(_ => new DeliveryLog(new TestContextFactory(database), _clock)).ToList();

        var claims = await Task.WhenAll(logs.Select(log => Task.Run(() => log.TryClaimAsync("msteams", "activity-1", Ct), Ct)));

        Assert.Single(claims, won => won);
    }

    [Fact]
    public async Task An_id_is_forgotten_after_the_window_and_a_released_claim_can_be_taken_again()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var log = new DeliveryLog(new TestContextFactory(database), _clock);
        Assert.True(await log.TryClaimAsync("telegram", "7", Ct));

        _clock.Advance(DeliveryLog.RememberFor - TimeSpan.FromMinutes(1));
        Assert.False(await log.TryClaimAsync("telegram", "7", Ct));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await log.TryClaimAsync("telegram", "7", Ct));

        await log.ReleaseAsync("telegram", "7", Ct);
        Assert.True(await log.TryClaimAsync("telegram", "7", Ct));
    }

    [Fact]
    public async Task Expired_ids_are_swept_from_the_table()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var log = new DeliveryLog(new TestContextFactory(database), _clock);
        for (var id = 0; id < 5; id++)
            await log.TryClaimAsync("telegram", id.ToString(CultureInfo.InvariantCulture), Ct);

        _clock.Advance(DeliveryLog.RememberFor + TimeSpan.FromHours(2));
        await log.TryClaimAsync("telegram", "new", Ct);

        await using var db = database.CreateContext();
        Assert.Equal(["new"], db.SeenDeliveries.Select(d => d.DeliveryId).ToList());
    }
}
