using System.Net;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;

namespace HepBot.Host.Tests.ExercisePictures;

/// <summary>HepBot serves each exercise's picture on a stable address, for Teams cards and the web app.</summary>
public sealed class ExercisePictureEndpointTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly string _cache = Directory.CreateTempSubdirectory("hepbot-picture-cache-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task The_still_and_the_animation_are_served_for_the_side_asked_and_the_same_bytes_each_time()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?> { ["Pictures:CacheFolder"] = _cache });
        var client = host.CreateClient();

        var left = await client.GetAsync("/media/exercises/bridge/still.png?side=left", Ct);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("image/png", left.Content.Headers.ContentType?.MediaType);
        var leftBytes = await left.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], leftBytes.Take(4));
        Assert.Equal(leftBytes, await client.GetByteArrayAsync("/media/exercises/bridge/still.png?side=left", Ct));
        Assert.NotEqual(leftBytes, await client.GetByteArrayAsync("/media/exercises/bridge/still.png?side=right", Ct));

        var gif = await client.GetAsync("/media/exercises/bridge/animation.gif", Ct);
        Assert.Equal("image/gif", gif.Content.Headers.ContentType?.MediaType);
        Assert.Equal("GIF89a"u8.ToArray(), (await gif.Content.ReadAsByteArrayAsync(Ct)).Take(6));
    }

    [Theory]
    [InlineData("/media/exercises/no-such-exercise/still.png", HttpStatusCode.NotFound)]
    [InlineData("/media/exercises/..%2F..%2Fappsettings/still.png", HttpStatusCode.NotFound)]
    [InlineData("/media/exercises/bridge/still.png?side=up", HttpStatusCode.BadRequest)]
    public async Task Unknown_exercises_and_sides_get_a_clear_no(string path, HttpStatusCode expected)
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?> { ["Pictures:CacheFolder"] = _cache });
        Assert.Equal(expected, (await host.CreateClient().GetAsync(path, Ct)).StatusCode);
    }
}
