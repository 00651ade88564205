using HepBot.Data.BotState;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace HepBot.Data.Tests.BotState;

public class DatabaseBotStorageTests
{
    private const string Key = "telegram/conversations/4711";

    /// <summary>What a dialog might keep between turns: typed, with an ETag like the SDK's own store items.</summary>
    public sealed class SessionProgress : IStoreItem
    {
        public string ExerciseSlug { get; set; } = "";
        public int SetsDone { get; set; }
        public List<int> PainScores { get; set; } = [];
        public string? ETag { get; set; }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DatabaseBotStorage StorageOn(TestDatabase database) =>
        new(new TestContextFactory(database), TimeProvider.System);

    private static Task WriteAsync(IStorage storage, string key, object value) =>
        storage.WriteAsync(new Dictionary<string, object> { [key] = value }, Ct);

    private static async Task<SessionProgress> ReadProgressAsync(IStorage storage, string key) =>
        Assert.IsType<SessionProgress>((await storage.ReadAsync([key], Ct))[key]);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_stored_object_reads_back_as_its_own_type_with_its_numbers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var storage = StorageOn(database);

        await WriteAsync(storage, Key, new SessionProgress { ExerciseSlug = "bridge", SetsDone = 2, PainScores = [3, 4] });
        var read = await ReadProgressAsync(storage, Key);

        Assert.Equal("bridge", read.ExerciseSlug);
        Assert.Equal(2, read.SetsDone);
        Assert.Equal([3, 4], read.PainScores);
        Assert.False(string.IsNullOrEmpty(read.ETag));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Keys_never_written_are_absent_from_a_read(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var storage = StorageOn(database);
        await WriteAsync(storage, Key, new SessionProgress { SetsDone = 1 });

        var read = await storage.ReadAsync([Key, "telegram/users/nobody"], Ct);

        Assert.Equal([Key], read.Keys);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Deleted_state_is_gone_and_deleting_a_missing_key_is_harmless(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var storage = StorageOn(database);
        await WriteAsync(storage, Key, new SessionProgress { SetsDone = 1 });

        await storage.DeleteAsync([Key, "telegram/users/nobody"], Ct);

        Assert.Empty(await storage.ReadAsync([Key], Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_write_sets_the_new_etag_on_the_item_and_the_next_write_with_it_succeeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var storage = StorageOn(database);
        var progress = new SessionProgress { SetsDone = 1 };

        await WriteAsync(storage, Key, progress);
        var firstETag = progress.ETag;
        progress.SetsDone = 2;
        await WriteAsync(storage, Key, progress);

        Assert.NotNull(firstETag);
        Assert.NotEqual(firstETag, progress.ETag);
        var read = await ReadProgressAsync(storage, Key);
        Assert.Equal(2, read.SetsDone);
        Assert.Equal(progress.ETag, read.ETag);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var storage = StorageOn(database);
        await WriteAsync(storage, Key, new SessionProgress { SetsDone = 1 });
        var seenByTurnA = await ReadProgressAsync(storage, Key);
        var seenByTurnB = await ReadProgressAsync(storage, Key);

        seenByTurnA.SetsDone = 2;
        await WriteAsync(storage, Key, seenByTurnA);
        seenByTurnB.SetsDone = 3;
        var conflict = await Assert.ThrowsAsync<BotStateETagConflictException>(() => WriteAsync(storage, Key, seenByTurnB));

        Assert.Contains("etag conflict", conflict.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsAssignableFrom<ArgumentException>(conflict);
        Assert.Equal(2, (await ReadProgressAsync(storage, Key)).SetsDone);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "*")]
    [InlineData(DatabaseProvider.Sqlite, null)]
    [InlineData(DatabaseProvider.Postgres, "*")]
    [InlineData(DatabaseProvider.Postgres, null)]
    public async Task A_write_with_any_etag_overwrites_whatever_is_stored(DatabaseProvider provider, string? etag)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var storage = StorageOn(database);
        await WriteAsync(storage, Key, new SessionProgress { SetsDone = 1 });
        await WriteAsync(storage, Key, new SessionProgress { SetsDone = 2 });

        await WriteAsync(storage, Key, new SessionProgress { SetsDone = 5, ETag = etag });

        Assert.Equal(5, (await ReadProgressAsync(storage, Key)).SetsDone);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Of_two_hosts_saving_the_same_state_from_the_same_version_exactly_one_wins(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var hostA = StorageOn(database);
        var hostB = StorageOn(database);
        await WriteAsync(hostA, Key, new SessionProgress { SetsDone = 1 });
        var seenByA = await ReadProgressAsync(hostA, Key);
        var seenByB = await ReadProgressAsync(hostB, Key);
        seenByA.SetsDone = 10;
        seenByB.SetsDone = 20;

        using var start = new Barrier(2);
        var writes = new[] { (hostA, seenByA), (hostB, seenByB) }
            .Select(w => Task.Run(async () =>
            {
                start.SignalAndWait(Ct);
                try
                {
                    await WriteAsync(w.Item1, Key, w.Item2);
                    return true;
                }
                catch (BotStateETagConflictException)
                {
                    return false;
                }
            }, Ct))
            .ToArray();
        var won = await Task.WhenAll(writes);

        Assert.Single(won, w => w);
        var stored = await ReadProgressAsync(hostA, Key);
        Assert.Equal(won[0] ? 10 : 20, stored.SetsDone);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Hosts_creating_the_same_new_state_at_once_without_an_etag_all_succeed_and_one_value_remains(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        const int hosts = 6;

        using var start = new Barrier(hosts);
        var writes = Enumerable.Range(1, hosts)
            .Select(setsDone => Task.Run(async () =>
            {
                var storage = StorageOn(database);
                start.SignalAndWait(Ct);
                await WriteAsync(storage, Key, new SessionProgress { SetsDone = setsDone, ETag = "*" });
            }, Ct))
            .ToArray();
        await Task.WhenAll(writes);

        var stored = await ReadProgressAsync(StorageOn(database), Key);
        Assert.InRange(stored.SetsDone, 1, hosts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Conversation_state_survives_a_restart_of_the_bot(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var activity = MessageActivity("telegram", "4711");

        var before = new ConversationState(StorageOn(database));
        var turn = new TurnContext(new TestAdapter(), activity);
        var progressBefore = before.CreateProperty<SessionProgress>("progress");
        await progressBefore.SetAsync(turn, new SessionProgress { ExerciseSlug = "squat", SetsDone = 3 }, Ct);
        await before.SaveChangesAsync(turn, cancellationToken: Ct);

        var after = new ConversationState(StorageOn(database));
        var nextTurn = new TurnContext(new TestAdapter(), activity);
        var progress = await after.CreateProperty<SessionProgress>("progress").GetAsync(nextTurn, () => new SessionProgress(), Ct);

        Assert.Equal("squat", progress.ExerciseSlug);
        Assert.Equal(3, progress.SetsDone);
    }

    private static Activity MessageActivity(string channel, string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channel,
        Conversation = new ConversationAccount(id: conversationId),
        From = new ChannelAccount(id: "patient"),
        Recipient = new ChannelAccount(id: "hepbot"),
        Text = "done",
    };
}
