using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.Tests;

/// <summary>What the host's <c>AddHepBotDatabase</c> registers, over a test database: a new context per call.</summary>
internal sealed class TestContextFactory(TestDatabase database) : IDbContextFactory<HepBotDbContext>
{
    public HepBotDbContext CreateDbContext() => database.CreateContext();
}
