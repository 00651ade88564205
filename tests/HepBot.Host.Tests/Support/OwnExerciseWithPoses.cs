using System.Net.Http.Json;
using System.Text.Json;
using HepBot.Host.Authentication;
using HepBot.Host.Demo;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Support;

/// <summary>
/// A clinic's own exercise given pose data through POST /api/v1/exercises and prescribed first in the demo patient's program
/// (PUT prescription), as the demo therapist: what a therapist does to give a custom exercise its picture.
/// </summary>
internal static class OwnExerciseWithPoses
{
    public const string Slug = "standing-arm-raise";
    public const string Name = "Standing arm raise";

    /// <summary>Standing, seen from the side, the right arm raised forward from the side to overhead.</summary>
    public static readonly JsonElement PoseData = JsonSerializer.Deserialize<JsonElement>("""
        {
          "position": "standing",
          "view": "side",
          "moving": ["right.arm"],
          "arrow": "right.hand",
          "poses": [
            { "right": { "shoulder": 0 } },
            { "right": { "shoulder": 150 } }
          ]
        }
        """);

    /// <summary>Creates the exercise and prescribes it (then the quad set); its id.</summary>
    public static async Task<Guid> PrescribeFirstToTheDemoPatientAsync(HepBotHostFactory host, TestDatabase database, CancellationToken ct)
    {
        string key;
        Guid patientId;
        await using (var db = database.CreateContext())
        {
            var therapist = await db.Therapists.SingleAsync(t => t.Email == DemoSeeder.TherapistEmail, ct);
            patientId = await db.Patients.Where(p => p.TherapistId == therapist.Id && !p.DisplayName.StartsWith(DemoHistory.NamePrefix))
                .Select(p => p.Id).SingleAsync(ct);
            key = ApiKeySecret.Mint(db, therapist.Id, host.Clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        var api = host.ClientWithKey(key);
        var created = await api.PostAsJsonAsync("/api/v1/exercises", new
        {
            slug = Slug,
            region = "shoulder",
            defaultDose = new { sets = 1, reps = 10, restSeconds = 30, side = "right" },
            texts = new[] { new { locale = "en", name = Name, steps = new[] { "Stand tall and raise your straight arm forward and up as far as is comfortable." } } },
            poseData = PoseData,
        }, ct);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        (await api.PutAsJsonAsync($"/api/v1/patients/{patientId}/prescription", new
        {
            items = new[] { new { exerciseSlug = Slug }, new { exerciseSlug = "quad-set" } },
        }, ct)).EnsureSuccessStatusCode();
        return id;
    }
}
