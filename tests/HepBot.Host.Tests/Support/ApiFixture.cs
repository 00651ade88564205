using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Host.Authentication;
using HepBot.Testing;

namespace HepBot.Host.Tests.Support;

/// <summary>
/// One migrated database and one running host per test class. Tests keep out of each other's way by
/// working in clinics and therapists of their own. PostgreSQL tests skip, with the reason, when no
/// server is configured.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private string? _skipReason;
    private TestDatabase? _database;
    private HepBotHostFactory? _host;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Serve on a real loopback port (Kestrel) instead of the in-memory test server, for a browser.</summary>
    protected virtual bool OnLoopbackPort => false;

    /// <summary>The loopback port to serve on; 0 lets the system choose one.</summary>
    protected virtual int LoopbackPort => 0;

    /// <summary>Settings laid over the test defaults (a Telegram bot username for invitation deep links, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    internal TestDatabase Database => _database ?? throw new InvalidOperationException(_skipReason);
    internal HepBotHostFactory Host => _host ?? throw new InvalidOperationException(_skipReason);

    public virtual async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres && TestDatabase.PostgresConnectionString is null)
        {
            _skipReason = $"{TestDatabase.PostgresVariable} is not set, so this PostgreSQL test did not run.";
            return;
        }
        _database = await TestDatabase.CreateAsync(Provider);
        _host = new HepBotHostFactory(_database, Settings);
        if (OnLoopbackPort)
            _host.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, LoopbackPort));
        _host.StartServer();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A therapist (in a new clinic unless one is given) with an API key, and a client using it.</summary>
    internal async Task<TestTherapist> NewTherapistAsync(TherapistRole role = TherapistRole.Therapist, Guid? clinicId = null)
    {
        Assert.SkipWhen(_skipReason is not null, _skipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        await using var db = Database.CreateContext();
        var now = Host.Clock.GetUtcNow();
        if (clinicId is null)
        {
            var clinic = new Clinic { Name = $"Clinic {Guid.NewGuid():N}", DefaultTimeZone = "Europe/Madrid", CreatedAt = now };
            db.Clinics.Add(clinic);
            clinicId = clinic.Id;
        }
        var therapist = new Therapist
        {
            ClinicId = clinicId.Value, Name = "Therapist", Email = $"{Guid.NewGuid():N}@clinic.test", Role = role, CreatedAt = now,
        };
        db.Therapists.Add(therapist);
        var key = ApiKeySecret.Mint(db, therapist.Id, now);
        await db.SaveChangesAsync(ct);
        return new TestTherapist(therapist.Id, clinicId.Value, key, Host.ClientWithKey(key));
    }
}

internal sealed record TestTherapist(Guid Id, Guid ClinicId, string ApiKey, HttpClient Client);

public sealed class SqliteApiFixture : ApiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApiFixture : ApiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
