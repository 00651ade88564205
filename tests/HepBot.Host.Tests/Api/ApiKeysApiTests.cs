using System.Net;
using System.Net.Http.Json;
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
    public async Task A_clinic_admin_creates_a_key_for_a_colleague_shown_once_that_works_is_listed_with_its_last_use_and_audited()
    {
        var admin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin);
        var colleague = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);

        var response = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { therapistId = colleague.Id, expiresInDays = 30 }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<CreatedApiKeyDto>();
        Assert.Equal((colleague.Id, created.Key[..12]), (created.TherapistId, created.Prefix));
        Assert.Equal(fixture.Host.Clock.GetUtcNow().AddDays(30), created.ExpiresAt);
        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.ClientWithKey(created.Key).GetAsync("/api/v1/patients", Ct)).StatusCode);
        var listedJson = await (await admin.Client.GetAsync("/api/v1/api-keys", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(created.Key, listedJson);
        var listed = System.Text.Json.JsonSerializer.Deserialize<List<ApiKeyDto>>(listedJson, ApiJson.Options)!.Single(k => k.Id == created.Id);
        Assert.Equal(fixture.Host.Clock.GetUtcNow(), listed.LastUsedAt);
        await using var db = fixture.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == HepBot.Core.Audit.AuditAction.Create && a.EntityType == "ApiKey"
            && a.EntityId == created.Id.ToString() && a.Actor == $"therapist:{admin.Id}", Ct));
        Assert.DoesNotContain(await db.ApiKeys.Select(k => k.Hash).ToListAsync(Ct), h => h.Contains(created.Key));
    }

    [Fact]
    public async Task Creating_a_key_is_for_clinic_admins_for_active_therapists_of_their_clinic_with_an_expiry_of_1_to_3650_days()
    {
        var admin = await fixture.NewTherapistAsync(TherapistRole.ClinicAdmin);
        var therapist = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        var elsewhere = await fixture.NewTherapistAsync();
        var leaving = await fixture.NewTherapistAsync(clinicId: admin.ClinicId);
        await using (var db = fixture.Database.CreateContext())
            await db.Therapists.Where(t => t.Id == leaving.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.DeactivatedAt, fixture.Host.Clock.GetUtcNow()), Ct);
        int KeysNow()
        {
            using var db = fixture.Database.CreateContext();
            return db.ApiKeys.Count();
        }
        var before = KeysNow();

        var plain = await therapist.Client.PostAsJsonAsync("/api/v1/api-keys", new { therapistId = therapist.Id }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { therapistId = elsewhere.Id }, Ct)).AssertValidationProblemAsync("therapistId");
        await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { therapistId = leaving.Id }, Ct)).AssertValidationProblemAsync("therapistId");
        await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { expiresInDays = 0 }, Ct)).AssertValidationProblemAsync("expiresInDays");
        await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { expiresInDays = 3651 }, Ct)).AssertValidationProblemAsync("expiresInDays");
        await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { expiresInDays = 7, scope = "all" }, Ct)).AssertValidationProblemAsync("scope");
        Assert.Equal(before, KeysNow());

        var own = await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { }, Ct)).ReadAsync<CreatedApiKeyDto>();
        Assert.Equal((admin.Id, (DateTimeOffset?)null), (own.TherapistId, own.ExpiresAt));
        Assert.Equal(before + 1, KeysNow());
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
