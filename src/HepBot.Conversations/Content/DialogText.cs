using System.Text;
using System.Text.RegularExpressions;

namespace HepBot.Conversations.Content;

/// <summary>One sentence with its named placeholders, e.g. "Hi {firstName}!".</summary>
internal sealed partial class DialogText
{
    private readonly IReadOnlyList<(string Literal, string? Placeholder)> _parts;

    private DialogText(string text, IReadOnlyList<(string, string?)> parts, IReadOnlySet<string> placeholders)
    {
        Text = text;
        _parts = parts;
        Placeholders = placeholders;
    }

    public string Text { get; }

    public IReadOnlySet<string> Placeholders { get; }

    /// <summary>Parses <paramref name="text"/>; returns null with a reason when a brace is not part of a placeholder.</summary>
    public static DialogText? Parse(string text, out string? problem)
    {
        var parts = new List<(string, string?)>();
        var placeholders = new SortedSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            parts.Add((text[position..match.Index], match.Groups["name"].Value));
            placeholders.Add(match.Groups["name"].Value);
            position = match.Index + match.Length;
        }

        parts.Add((text[position..], null));

        if (parts.Any(p => p.Item1.Contains('{') || p.Item1.Contains('}')))
        {
            problem = "has a '{' or '}' that is not a placeholder like {firstName} (letters, digits and _ only, no spaces)";
            return null;
        }

        problem = null;
        return new DialogText(text, parts, placeholders);
    }

    public string Format(Func<string, string> valueOf)
    {
        var result = new StringBuilder(Text.Length);
        foreach (var (literal, placeholder) in _parts)
        {
            result.Append(literal);
            if (placeholder is not null)
            {
                result.Append(valueOf(placeholder));
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
