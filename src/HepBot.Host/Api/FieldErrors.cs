using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HepBot.Host.Api;

/// <summary>Validation messages keyed by the JSON field they are about ("items[0].sets"), for a 400 problem.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    /// <summary>Adds domain rule violations (PascalCase member names) under a JSON path prefix.</summary>
    public void AddRange(string prefix, IEnumerable<(string Field, string Message)> violations)
    {
        foreach (var (field, message) in violations)
            Add(Join(prefix, JsonName(field)), message);
    }

    public void CheckText(string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, "This field is required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static string JsonName(string member) => JsonNamingPolicy.CamelCase.ConvertName(member);

    public static string Join(string prefix, string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
}
