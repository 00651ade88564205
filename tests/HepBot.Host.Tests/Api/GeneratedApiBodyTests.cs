using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;

namespace HepBot.Host.Tests.Api;

/// <summary>
/// Generated bodies for every endpoint that takes one (issue 9): fields the API knows mixed with fields it does
/// not, values of every JSON type and of awkward content (dates at the ends of the calendar, huge and negative
/// numbers, invalid zones and times, nulls inside lists), and bodies that are not JSON objects at all. No
/// response is a 500, and a refused request leaves every row of the clinic as it was.
/// </summary>
public abstract class GeneratedApiBodyTests<TFixture>(TFixture fixture) where TFixture : ApiFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Bodies per endpoint; the seed is fixed so a failure names a body that fails again.</summary>
    private const int BodiesPerEndpoint = 40;

    private static readonly Dictionary<string, string[]> Fields = new()
    {
        ["patient"] = ["displayName", "timeZone", "locale", "reminderTimes", "status", "pausedUntil", "alertRules"],
        ["alertRules"] = ["lowAdherenceBelow", "minimumPlannedSessions", "missedDaysInARow", "painRiseOf", "noContactDays"],
        ["prescription"] = ["schedule", "notes", "items", "id", "version", "prescribedById", "createdAt", "supersededAt"],
        ["schedule"] = ["sessionsPerDay", "days", "startDate", "endDate"],
        ["item"] = ["exerciseSlug", "sets", "reps", "holdSeconds", "restSeconds", "side", "notes", "maxSets", "maxReps", "dose", "id", "order", "exerciseName"],
        ["dose"] = ["sets", "reps", "holdSeconds", "restSeconds", "side"],
        ["exercise"] = ["slug", "region", "defaultDose", "texts", "media"],
        ["text"] = ["locale", "name", "steps", "cues", "cautions"],
        ["media"] = ["kind", "url", "filePath", "caption"],
        ["message"] = ["text"],
        ["template"] = ["name", "sessionsPerDay", "days", "notes", "items"],
        ["applyTemplate"] = ["templateId", "startDate", "endDate"],
    };

    private static readonly string[] Strings =
    [
        "", " ", "Maria", "quad-set", "straight-leg-raise", "Europe/Madrid", "Mars/Olympus", "UTC", "en", "es", "xx",
        "18:00", "25:61", "７:３０", "0001-01-01", "9999-12-31", "2026-03-09", "2026-02-30", "monday", "Mon", "funday",
        "paused", "active", "left", "up", "each", "knee", "photo", "https://example.org/a.png", "javascript:alert(1)",
        "00000000-0000-0000-0000-000000000000", "1e309", "<script>", "\u0000", "😀", new string('x', 5000),
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Elements(0L, 1L, -1L, 3L, 10L, 90L, 366L, int.MaxValue, long.MinValue, 1L << 53).Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Elements(0.5, -7.25, 1e300).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Elements(Strings).Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> Value(string? shape, int depth) =>
        depth <= 0 || shape is null
            ? Scalar
            : Gen.Frequency(
                (3, Scalar),
                (3, Object(shape, depth - 1)),
                (2, from count in Gen.Choose(0, 3)
                    from elements in Gen.ListOf(Gen.OneOf(Scalar, Object(shape, depth - 1)), count)
                    select (JsonNode?)new JsonArray(elements.Select(e => e?.DeepClone()).ToArray())));

    /// <summary>An object of one shape: some of its known fields (each possibly nested) and now and then one it does not know.</summary>
    private static Gen<JsonNode?> Object(string shape, int depth) =>
        from names in Gen.SubListOf(Fields[shape])
        from values in Gen.ListOf(Gen.Constant(0).SelectMany(_ => Value(null, 0)), names.Count)
        from nested in Gen.ListOf(Gen.Elements(Fields.Keys.ToArray()).SelectMany(k => Value(k, depth)), names.Count)
        from useNested in Gen.ListOf(Gen.Elements(true, false), names.Count)
        from unknown in Gen.Frequency((5, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("language", "dosage", "extra", "DisplayName", "")))
        select (JsonNode?)Build(names, values, nested, useNested, unknown);

    private static JsonObject Build(IReadOnlyList<string> names, IReadOnlyList<JsonNode?> values, IReadOnlyList<JsonNode?> nested,
        IReadOnlyList<bool> useNested, string? unknown)
    {
        var node = new JsonObject();
        for (var i = 0; i < names.Count; i++)
            node[names[i]] = (useNested[i] ? nested[i] : values[i])?.DeepClone();
        if (unknown is not null && !node.ContainsKey(unknown))
            node[unknown] = JsonValue.Create(1);
        return node;
    }

    /// <summary>A body for an endpoint: mostly objects of its shape, sometimes something that is no object at all.</summary>
    private static string[] Bodies(string shape, int seed) =>
        Gen.Frequency(
                (8, Object(shape, 2).Select(n => n!.ToJsonString())),
                (1, Gen.Elements("", "{", "[]", "null", "\"text\"", "42", "{\"a\":", "{}", "{\"items\":[null]}", "{\"texts\":[null]}")))
            .Sample(10, new Rnd((ulong)seed), BodiesPerEndpoint)
            .ToArray();

    [Fact]
    public async Task No_generated_body_gets_a_500_and_a_refused_one_changes_no_row()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await (await therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = "Maria", timeZone = "Europe/Madrid", reminderTimes = new[] { "18:00" } }, Ct)).ReadAsync<PatientDto>();
        var endpoints = new (string Method, string Url, string Shape)[]
        {
            ("POST", "/api/v1/patients", "patient"),
            ("PATCH", $"/api/v1/patients/{patient.Id}", "patient"),
            ("PUT", $"/api/v1/patients/{patient.Id}/prescription", "prescription"),
            ("POST", "/api/v1/exercises", "exercise"),
            ("POST", $"/api/v1/patients/{patient.Id}/messages", "message"),
            ("POST", "/api/v1/templates", "template"),
            ("POST", $"/api/v1/patients/{patient.Id}/prescription/from-template", "applyTemplate"),
        };

        var failures = new List<string>();
        var seed = 20261202;
        foreach (var (method, url, shape) in endpoints)
        {
            var refused = 0;
            foreach (var body in Bodies(shape, seed++))
            {
                var before = await ClinicRows.FingerprintAsync(fixture.Database, therapist.ClinicId, ignoreAudit: false, Ct);
                var response = await therapist.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                }, Ct);
                var status = (int)response.StatusCode;
                refused += status is >= 400 and < 500 ? 1 : 0;
                if (status >= 500)
                    failures.Add($"{method} {url} {status}: {Shorten(body)}");
                else if (status >= 400 && before != await ClinicRows.FingerprintAsync(fixture.Database, therapist.ClinicId, ignoreAudit: false, Ct))
                    failures.Add($"{method} {url} {status} changed rows: {Shorten(body)}");
            }
            // The generator must reach the validation, not only the JSON reader.
            if (refused == 0)
                failures.Add($"{method} {url}: no generated body was refused; the generator no longer probes it.");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}

public sealed class GeneratedApiBodyOnSqliteTests(SqliteApiFixture fixture)
    : GeneratedApiBodyTests<SqliteApiFixture>(fixture), IClassFixture<SqliteApiFixture>;

public sealed class GeneratedApiBodyOnPostgresTests(PostgresApiFixture fixture)
    : GeneratedApiBodyTests<PostgresApiFixture>(fixture), IClassFixture<PostgresApiFixture>;
