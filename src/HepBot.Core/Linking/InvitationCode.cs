using System.Security.Cryptography;

namespace HepBot.Core.Linking;

/// <summary>
/// Invitation codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), which is
/// about 40 bits — enough against guessing when wrong attempts are slowed down, short enough to type.
/// </summary>
public static class InvitationCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>Upper-cases and strips spaces and dashes a person may type; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
            return null;
        var cleaned = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return cleaned.Length == Length && cleaned.All(Alphabet.Contains) ? cleaned : null;
    }
}
