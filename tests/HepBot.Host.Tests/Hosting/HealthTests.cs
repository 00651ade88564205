using System.Net;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Testing;

namespace HepBot.Host.Tests.Hosting;

public class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_is_200_when_the_database_answers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new HepBotHostFactory(database);

        var response = await host.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    // /proc/version is a file, so no folder can ever be made for a database beneath it.
    [InlineData(DatabaseProvider.Sqlite, "Data Source=/proc/version/hepbot.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Database=hepbot;Username=hepbot;Timeout=2")]
    public async Task Healthz_is_503_when_the_database_does_not_answer(DatabaseProvider provider, string connectionString)
    {
        await using var host = new HepBotHostFactory(HepBotHostFactory.SettingsFor(provider, connectionString));

        var response = await host.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_turns_503_when_the_database_goes_away()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new HepBotHostFactory(database);
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);

        File.Delete(database.ConnectionString.Split(';')[0]["Data Source=".Length..]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz", Ct)).StatusCode);
    }
}
