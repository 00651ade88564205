namespace HepBot.Conversations.Bot;

/// <summary>Text as valid UTF-16: a lone surrogate (half an emoji from a broken client) becomes U+FFFD.</summary>
public static class WellFormedText
{
    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        char[]? repaired = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                repaired ??= text.ToCharArray();
                repaired[i] = '\uFFFD';
            }
        }
        return repaired is null ? text : new string(repaired);
    }
}
