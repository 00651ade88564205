using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HepBot.Host.Tests.Support;

internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Options, TestContext.Current.CancellationToken))!;
    }

    /// <summary>Asserts a 400 problem whose errors include every given field; returns the error keys.</summary>
    public static async Task<IReadOnlyList<string>> AssertValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var keys = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var field in fields)
            Assert.Contains(field, keys);
        return keys;
    }
}
