using HepBot.Core.Clinics;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Data.Deliveries;
using HepBot.Data.Outbound;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Data.Tests.Outbound;

/// <summary>
/// Maria has a Telegram chat and a Teams chat; Tuesday 10 March 2026, 17:00 UTC. The queue's statements on
/// SQLite and PostgreSQL: what a decision enqueues, the channel lease, and the order rows are taken in.
/// </summary>
public sealed class OutboundQueueTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.Zero));

    private sealed record Maria(Guid PatientId, Guid Telegram, Guid Teams);

    private async Task<Maria> SeedAsync(TestDatabase database, bool teamsUnreachable = false)
    {
        var now = _clock.GetUtcNow();
        var clinic = new Clinic { Name = "Fisio Norte", DefaultTimeZone = "Europe/Madrid", CreatedAt = now };
        var therapist = new Therapist { ClinicId = clinic.Id, Name = "Dr Ruiz", Email = "ruiz@fisionorte.example", CreatedAt = now };
        var patient = new Patient
        {
            ClinicId = clinic.Id, TherapistId = therapist.Id, DisplayName = "Maria", TimeZoneId = "Europe/Madrid", CreatedAt = now,
        };
        var telegram = new ChannelAccount
        {
            Channel = "telegram", ChannelUserId = "1001", ConversationId = "1001", PatientId = patient.Id, LinkedAt = now.AddDays(-2),
        };
        var teams = new ChannelAccount
        {
            Channel = "msteams", ChannelUserId = "29:maria", ConversationId = "a:maria", PatientId = patient.Id, LinkedAt = now.AddDays(-1),
            UnreachableSince = teamsUnreachable ? now.AddHours(-1) : null,
        };
        await using var db = database.CreateContext();
        db.AddRange(clinic, therapist, patient, telegram, teams);
        await db.SaveChangesAsync(Ct);
        return new Maria(patient.Id, telegram.Id, teams.Id);
    }

    private Task<int> EnqueueAsync(HepBotDbContext db, Maria maria, string key, OutboundKind kind = OutboundKind.Reminder) =>
        OutboundQueue.EnqueueToPatientAsync(db, maria.PatientId, kind, null, key, _clock.GetUtcNow(), _clock.GetUtcNow(), Ct);

    private static async Task<List<OutboundMessage>> RowsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.OutboundMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_reminder_is_queued_for_each_reachable_chat_and_a_second_run_of_the_job_queues_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var maria = await SeedAsync(database, teamsUnreachable: true);

        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await EnqueueAsync(db, maria, "reminder/maria/2026-03-10/1"));
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await EnqueueAsync(db, maria, "reminder/maria/2026-03-10/1"));
            Assert.True(await OutboundQueue.IsQueuedAsync(db, maria.PatientId, "reminder/maria/2026-03-10/1", Ct));
            await db.SaveChangesAsync(Ct);
        }

        var row = Assert.Single(await RowsAsync(database));
        Assert.Equal(("telegram", maria.Telegram, OutboundStatus.Pending), (row.Channel, row.ChannelAccountId, row.Status));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Two_runs_of_the_same_job_at_once_queue_the_message_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var maria = await SeedAsync(database);
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        await EnqueueAsync(first, maria, "nudge/maria/2026-03-10", OutboundKind.Nudge);
        await EnqueueAsync(second, maria, "nudge/maria/2026-03-10", OutboundKind.Nudge);

        await first.SaveChangesAsync(Ct);
        var lost = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(Ct));

        Assert.True(DatabaseConflicts.IsConflict(lost));
        Assert.Equal(2, (await RowsAsync(database)).Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_decision_whose_save_fails_queues_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var maria = await SeedAsync(database);
        await using (var db = database.CreateContext())
        {
            db.SeenDeliveries.Add(new SeenDelivery { Channel = "telegram", DeliveryId = "500", SeenAt = _clock.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.CreateContext())
        {
            // The decision writes something of its own in the same save, and that write is refused.
            await EnqueueAsync(db, maria, "reminder/maria/2026-03-10/1");
            db.SeenDeliveries.Add(new SeenDelivery { Channel = "telegram", DeliveryId = "500", SeenAt = _clock.GetUtcNow() });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Empty(await RowsAsync(database));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task One_host_holds_the_lease_and_another_takes_it_over_only_once_it_has_expired(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();

        Assert.True(await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", _clock.GetUtcNow(), Lease, Ct));
        Assert.False(await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-b", _clock.GetUtcNow(), Lease, Ct));
        Assert.True(await OutboundQueue.TryHoldLeaseAsync(db, "msteams", "host-b", _clock.GetUtcNow(), Lease, Ct));

        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", _clock.GetUtcNow(), Lease, Ct)); // renewed
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.False(await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-b", _clock.GetUtcNow(), Lease, Ct));

        // Host A stops renewing (it died): ten seconds after its last renewal, B takes over and A cannot come back.
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-b", _clock.GetUtcNow(), Lease, Ct));
        Assert.False(await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", _clock.GetUtcNow(), Lease, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Of_ten_hosts_starting_at_once_one_gets_the_lease(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var held = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            return await OutboundQueue.TryHoldLeaseAsync(db, "telegram", $"host-{i}", _clock.GetUtcNow(), Lease, Ct);
        }, Ct)));

        Assert.Single(held, h => h);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_host_whose_lease_expired_can_no_longer_take_rows_to_send(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var maria = await SeedAsync(database);
        await using var db = database.CreateContext();
        await EnqueueAsync(db, maria, "reminder/maria/2026-03-10/1");
        await db.SaveChangesAsync(Ct);
        await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", _clock.GetUtcNow(), Lease, Ct);
        var due = await OutboundQueue.NextDueAsync(db, "telegram", _clock.GetUtcNow(), 10, Ct);

        _clock.Advance(Lease);
        var taken = await OutboundQueue.ClaimAsync(db, "telegram", due.Select(m => m.Id).ToList(), "host-a", _clock.GetUtcNow(), Ct);

        Assert.Empty(taken);
        Assert.Equal(OutboundStatus.Pending, Assert.Single(await RowsAsync(database), r => r.Channel == "telegram").Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_chat_gets_its_next_message_only_after_the_one_before_is_finished(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var maria = await SeedAsync(database);
        await using var db = database.CreateContext();
        await EnqueueAsync(db, maria, "reminder/maria/2026-03-10/1");
        await db.SaveChangesAsync(Ct);
        await EnqueueAsync(db, maria, "nudge/maria/2026-03-10", OutboundKind.Nudge);
        await db.SaveChangesAsync(Ct);
        var now = _clock.GetUtcNow();
        await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", now, Lease, Ct);

        var first = Assert.Single(await OutboundQueue.NextDueAsync(db, "telegram", now, 10, Ct));
        Assert.Equal(OutboundKind.Reminder, first.Kind);
        Assert.Equal([first.Id], await OutboundQueue.ClaimAsync(db, "telegram", [first.Id], "host-a", now, Ct));
        Assert.Empty(await OutboundQueue.NextDueAsync(db, "telegram", now, 10, Ct));

        // The reminder failed and waits a minute for its retry: the nudge waits behind it.
        Assert.True(await OutboundQueue.MarkAsync(db, first.Id, "host-a", OutboundStatus.Retrying, now, now.AddMinutes(1), "HTTP 502", Ct));
        Assert.Empty(await OutboundQueue.NextDueAsync(db, "telegram", now, 10, Ct));
        Assert.Equal(first.Id, Assert.Single(await OutboundQueue.NextDueAsync(db, "telegram", now.AddMinutes(1), 10, Ct)).Id);

        await OutboundQueue.ClaimAsync(db, "telegram", [first.Id], "host-a", now, Ct);
        Assert.True(await OutboundQueue.MarkAsync(db, first.Id, "host-a", OutboundStatus.Sent, now.AddMinutes(1), null, null, Ct));
        Assert.Equal(OutboundKind.Nudge, Assert.Single(await OutboundQueue.NextDueAsync(db, "telegram", now.AddMinutes(1), 10, Ct)).Kind);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_row_a_lost_holder_left_sending_is_tried_once_more_and_then_given_up(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var maria = await SeedAsync(database);
        await using var db = database.CreateContext();
        await EnqueueAsync(db, maria, "reminder/maria/2026-03-10/1");
        await db.SaveChangesAsync(Ct);
        var id = (await RowsAsync(database)).Single(r => r.Channel == "telegram").Id;

        await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", _clock.GetUtcNow(), Lease, Ct);
        await OutboundQueue.ClaimAsync(db, "telegram", [id], "host-a", _clock.GetUtcNow(), Ct);
        // Host A dies after taking the row. Host B takes over and cannot know whether it was sent.
        _clock.Advance(Lease);
        await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-b", _clock.GetUtcNow(), Lease, Ct);
        Assert.Equal(1, await OutboundQueue.RecoverUnknownAsync(db, "telegram", _clock.GetUtcNow(), Ct));
        Assert.False(await OutboundQueue.MarkAsync(db, id, "host-a", OutboundStatus.Sent, _clock.GetUtcNow(), null, null, Ct));
        var again = Assert.Single(await RowsAsync(database), r => r.Id == id);
        Assert.Equal((OutboundStatus.Retrying, true), (again.Status, again.OutcomeUnknown));

        // Host B dies too while sending it: the row is not sent a third time.
        await OutboundQueue.ClaimAsync(db, "telegram", [id], "host-b", _clock.GetUtcNow(), Ct);
        _clock.Advance(Lease);
        await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-c", _clock.GetUtcNow(), Lease, Ct);
        Assert.Equal(0, await OutboundQueue.RecoverUnknownAsync(db, "telegram", _clock.GetUtcNow(), Ct));
        var given = Assert.Single(await RowsAsync(database), r => r.Id == id);
        Assert.Equal((OutboundStatus.Unreachable, 2), (given.Status, given.Attempts));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_row_the_holder_itself_left_sending_in_an_earlier_round_is_tried_once_more_in_its_next_round(DatabaseProvider provider)
    {
        // The 2-host wave of 6 December 2026 ended with 9,999 of 10,000 sent and one row in "sending" for good: its own
        // holder had left it there (a send called off, or an answer it could not record) and recovered only other hosts' rows.
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var maria = await SeedAsync(database);
        await using var db = database.CreateContext();
        await EnqueueAsync(db, maria, "reminder/maria/2026-03-10/1");
        await db.SaveChangesAsync(Ct);
        var id = (await RowsAsync(database)).Single(r => r.Channel == "telegram").Id;

        await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", _clock.GetUtcNow(), Lease, Ct);
        await OutboundQueue.ClaimAsync(db, "telegram", [id], "host-a", _clock.GetUtcNow(), Ct);
        // The round ends without an answer recorded; host A still holds the lease and starts its next round.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await OutboundQueue.TryHoldLeaseAsync(db, "telegram", "host-a", _clock.GetUtcNow(), Lease, Ct));
        Assert.Equal(1, await OutboundQueue.RecoverUnknownAsync(db, "telegram", _clock.GetUtcNow(), Ct));
        var again = Assert.Single(await RowsAsync(database), r => r.Id == id);
        Assert.Equal((OutboundStatus.Retrying, true), (again.Status, again.OutcomeUnknown));
        Assert.Equal(id, Assert.Single(await OutboundQueue.NextDueAsync(db, "telegram", _clock.GetUtcNow(), 10, Ct)).Id);
    }
}
