using System.Net;
using HepBot.Core.Clinics;
using HepBot.Host.Api.ApiKeys;
using HepBot.Host.Authentication;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Api;

/// <summary>Finding 11: keys could only be listed or revoked by editing the database. Run once per provider below.</summary>
public abstract class ApiKeysApiTests<TFixture>(TFixture fixture) where TFixture : ApiFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_clinic_admin_lists_the_clinics_keys_and_revokes_one_which_stops_working_at_once()
    {
        var admin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        var elsewhere = await fixture.NewTherapistAsync();
        Assert.Equal(HttpStatusCode.OK, (await therapist.Client.GetAsync("/api/v1/patients", Ct)).StatusCode);

        var keys = await (await admin.Client.GetAsync("/api/v1/api-keys", Ct)).ReadAsync<List<ApiKeyDto>>();

        Assert.Equal(new[] { admin.Id, therapist.Id }.Order(), keys.Select(k => k.TherapistId).Order());
        var theirs = keys.Single(k => k.TherapistId == therapist.Id);
        Assert.Equal(therapist.ApiKey[..12], theirs.Prefix);
        Assert.Equal(fixture.Host.Clock.GetUtcNow(), theirs.LastUsedAt);
        var revoked = await (await admin.Client.PostAsync($"/api/v1/api-keys/{theirs.Id}/revoke", null, Ct)).ReadAsync<ApiKeyDto>();
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await therapist.Client.GetAsync("/api/v1/patients", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.Client.PostAsync($"/api/v1/api-keys/{keys[0].Id}/revoke", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_therapist_sees_only_their_own_keys_and_cannot_revoke_a_colleagues()
    {
        var admin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);

        var keys = await (await therapist.Client.GetAsync("/api/v1/api-keys", Ct)).ReadAsync<List<ApiKeyDto>>();

        Assert.Equal(therapist.Id, Assert.Single(keys).TherapistId);
        await using var db = fixture.Database.CreateContext();
        var adminKey = await db.ApiKeys.SingleAsync(k => k.TherapistId == admin.Id, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.Client.PostAsync($"/api/v1/api-keys/{adminKey.Id}/revoke", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/v1/patients", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_key_is_401()
    {
        var therapist = await fixture.NewTherapistAsync();
        string key;
        await using (var db = fixture.Database.CreateContext())
        {
            var now = fixture.Host.Clock.GetUtcNow();
            key = ApiKeySecret.Mint(db, therapist.Id, now.AddDays(-10), expiresAt: now.AddSeconds(-1));
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.ClientWithKey(key).GetAsync("/api/v1/patients", Ct)).StatusCode);
    }
}

public sealed class ApiKeysApiOnSqliteTests(SqliteApiFixture fixture)
    : ApiKeysApiTests<SqliteApiFixture>(fixture), IClassFixture<SqliteApiFixture>;

public sealed class ApiKeysApiOnPostgresTests(PostgresApiFixture fixture)
    : ApiKeysApiTests<PostgresApiFixture>(fixture), IClassFixture<PostgresApiFixture>;
