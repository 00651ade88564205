using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HepBot.Host.Tests.WebApp;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HepBot.Host.Tests.Api;

/// <summary>The OpenAPI document says what the server does, and the reference page at /scalar shows it from HepBot alone.</summary>
public sealed class ApiDocumentTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        using var document = JsonDocument.Parse(await fixture.Host.CreateClient().GetStringAsync("/openapi/v1.json", Ct));
        return document.RootElement.Clone();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => Methods.Contains(op.Name))
            .Select(op => (path.Name, op.Name, op.Value)));

    [Fact]
    public async Task Every_operation_has_a_summary_a_description_and_says_how_it_is_authenticated()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 29, $"Only {operations.Count} operations in the document.");
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 5, $"{name} has no summary.");
            Assert.True(operation.TryGetProperty("description", out var description) && description.GetString()!.Length > 20, $"{name} has no description.");
            Assert.True(operation.TryGetProperty("security", out var security), $"{name} does not say how it is authenticated.");
            var requirement = Assert.Single(security.EnumerateArray());
            if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                Assert.True(requirement.TryGetProperty("Bearer", out _), $"{name} does not ask for the bearer key.");
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{name} does not declare its 401.");
            }
            else
            {
                // Only the exercise pictures are public, and they say so with an empty requirement.
                Assert.StartsWith("/media/exercises/", path);
                Assert.Empty(requirement.EnumerateObject());
            }
        }
    }

    [Fact]
    public async Task Every_api_error_response_is_declared_as_problem_details()
    {
        var document = await DocumentAsync();

        var errors = 0;
        foreach (var (path, method, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => int.Parse(r.Name, CultureInfo.InvariantCulture) >= 400))
            {
                errors++;
                Assert.True(response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _),
                    $"{method.ToUpperInvariant()} {path} declares {response.Name} without a problem-details body.");
            }
        }
        Assert.True(errors > 60, $"Only {errors} error responses declared.");
        var patch = document.GetProperty("paths").GetProperty("/api/v1/patients/{id}").GetProperty("patch").GetProperty("responses");
        foreach (var status in new[] { "400", "401", "404", "409", "412" })
            Assert.True(patch.TryGetProperty(status, out _), $"PATCH /api/v1/patients/{{id}} does not declare {status}.");
    }

    [Fact]
    public async Task Enums_list_their_names_and_a_request_field_is_required_only_where_the_server_refuses_it_missing()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        Assert.Equal(["active", "paused", "deactivated"], schemas.GetProperty("PatientStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("readyToProgress", schemas.GetProperty("AlertKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["displayName"], Required(schemas, "CreatePatientRequest"));
        Assert.Empty(Required(schemas, "UpdatePatientRequest"));
        Assert.Equal(["items"], Required(schemas, "PrescribeRequest"));
        Assert.Equal(["exerciseSlug"], Required(schemas, "PrescriptionItemRequest"));
        Assert.Empty(Required(schemas, "DoseRequest"));
        Assert.Equal(["date", "minutes", "activity"], Required(schemas, "LogMinutesRequest"));
        // A number is a number: the document does not offer strings, and the server does not take them.
        Assert.Equal("integer", schemas.GetProperty("LogMinutesRequest").GetProperty("properties").GetProperty("minutes")
            .GetProperty("type").EnumerateArray().Select(t => t.GetString()).Single(t => t != "null"));

        var therapist = await fixture.NewTherapistAsync();
        var created = await therapist.Client.PostAsJsonAsync("/api/v1/patients", new { displayName = "Only a name" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var missing = await therapist.Client.PostAsJsonAsync("/api/v1/patients", new { locale = "en" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("displayName", await missing.Content.ReadAsStringAsync(Ct));
        var patientId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var text = await therapist.Client.PostAsJsonAsync($"/api/v1/patients/{patientId}/minutes",
            new { date = "2026-03-10", minutes = "5", activity = "Reviewed the week" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_operation_on_one_resource_declares_its_404_and_every_operation_says_what_success_looks_like()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (!responses.Any(r => r.StartsWith('2')))
                problems.Add($"{name} declares no success response.");
            if (path.Contains('{', StringComparison.Ordinal) && !responses.Contains("404"))
                problems.Add($"{name} names a resource in its path but does not declare its 404.");
            foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : Enumerable.Empty<JsonElement>())
                if (parameter.GetProperty("in").GetString() != "path"
                    && !(parameter.TryGetProperty("description", out var description) && description.GetString()!.Length > 3))
                    problems.Add($"{name}: the {parameter.GetProperty("in").GetString()} parameter {parameter.GetProperty("name").GetString()} has no description.");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>"#/components/schemas/X" → "X", through a nullable wrapper (oneOf/anyOf with null); null for an inline schema.</summary>
    private static string? SchemaReference(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return reference.GetString()!.Split('/')[^1];
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options) && options.EnumerateArray().Select(SchemaReference).OfType<string>().ToList() is [var single])
                return single;
        }
        return null;
    }

    private static string[] Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToArray() : [];

    [Fact]
    public Task The_reference_page_at_scalar_lists_the_operations_and_loads_nothing_from_another_site() =>
        BrowserRun.InBrowserAsync(fixture, nameof(The_reference_page_at_scalar_lists_the_operations_and_loads_nothing_from_another_site), async page =>
    {
        var origin = new Uri(fixture.BaseAddress);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && (uri.Host != origin.Host || uri.Port != origin.Port))
                elsewhere.Add(request.Url);
        };
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                failed.Add($"{response.Status} {response.Url}");
        };

        var answer = await page.GotoAsync($"{fixture.BaseAddress}/scalar");

        Assert.Equal(200, answer!.Status);
        await Expect(page.GetByText("HepBot management API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Scalar opens only the first group of the sidebar; which one that is follows the document's path order.
        var patientsGroup = page.GetByRole(AriaRole.Button, new() { Name = "Open Group - Patients" });
        if (await patientsGroup.CountAsync() > 0)
            await patientsGroup.ClickAsync();
        await Expect(page.GetByText("Create a patient").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        foreach (var tag in new[] { "Patients", "Prescriptions", "Alerts", "Adherence", "API keys", "Exercise pictures" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = tag, Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deploy .NET" })).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(elsewhere);
        Assert.Empty(failed);
    });
}
