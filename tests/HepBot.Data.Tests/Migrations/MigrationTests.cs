using HepBot.Data;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Tests.Migrations;

public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrations_create_a_database_that_answers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Patients.CountAsync(TestContext.Current.CancellationToken));
    }
}
